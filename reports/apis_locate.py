"""Public read-only helpers for the report form and maps: where a text resolves, and the
reference data (runways, aerodromes, navaids, zones) inside a map window."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reports.api_fields import BBox, BBoxField
from reports.services.locating import location_lookup
from reports.services.reference_features import reference_features_json
from reports.throttling import ReportSubmitThrottle

LOCATE_MAX_CHARS = 500  # the report's location_text limit
FEATURES_MAX_SPAN_DEG = 2.0  # about zoom 10 on a wide screen; wider views show no detail


class LocateThrottle(ReportSubmitThrottle):
    """The same limit and client identity as filing, counted separately: typing a location
    must not use up the reporter's filing allowance."""

    scope = "locate"


class LocateQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=LOCATE_MAX_CHARS,
        trim_whitespace=True,
        help_text="Location text as a reporter would type it, e.g. '3 miles north of JFK'",
    )


class LocateAnswerSerializer(serializers.Serializer):
    found = serializers.BooleanField(help_text="False when the text could not be placed")
    latitude = serializers.FloatField(allow_null=True, help_text="WGS84 degrees; null if not found")
    longitude = serializers.FloatField(allow_null=True, help_text="WGS84 degrees")
    uncertainty_nm = serializers.FloatField(
        allow_null=True, help_text="Radius of the position's uncertainty, nautical miles"
    )
    method = serializers.CharField(help_text="coordinates, aerodrome, aerodrome_relative, place…")
    description = serializers.CharField(help_text="Where it resolved, in words; '' if not found")
    aerodrome = serializers.CharField(help_text="The aerodrome the text refers to, or ''")
    reason = serializers.CharField(help_text="Why it could not be placed; '' when found")


class LocateApi(APIView):
    """Where a location text resolves, so the form can question a map click that disagrees.

    Always 200 for a well-formed question: ``found: false`` with a ``reason`` when the text
    names nothing we can place (the form then says so; it is not an error of the request).
    """

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [LocateThrottle]

    @extend_schema(
        operation_id="locate",
        parameters=[LocateQuerySerializer],
        responses={
            200: LocateAnswerSerializer,
            400: OpenApiResponse(description="`q` missing, empty or over 500 characters"),
            429: OpenApiResponse(description="Too many requests from this client"),
        },
    )
    def get(self, request: Request) -> Response:
        query = LocateQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        answer = location_lookup(text=query.validated_data["q"])
        return Response(LocateAnswerSerializer(answer).data)


class FeaturesQuerySerializer(serializers.Serializer):
    bbox = BBoxField(
        help_text=f"min_lon,min_lat,max_lon,max_lat in degrees; at most "
        f"{FEATURES_MAX_SPAN_DEG:g} degrees each way, not across the antimeridian"
    )

    def validate_bbox(self, value: BBox) -> BBox:
        """The shared bbox rule (``BBoxField``), plus this layer's own limits: a map window of
        at most ``FEATURES_MAX_SPAN_DEG`` each way that does not wrap."""
        min_lon, min_lat, max_lon, max_lat = value
        if min_lon > max_lon:
            raise serializers.ValidationError("give a box that does not cross the antimeridian")
        if max_lon - min_lon > FEATURES_MAX_SPAN_DEG or max_lat - min_lat > FEATURES_MAX_SPAN_DEG:
            raise serializers.ValidationError(
                f"at most {FEATURES_MAX_SPAN_DEG:g} degrees each way: zoom in"
            )
        return value


class ReferenceFeaturesApi(APIView):
    """Runways, aerodromes, navaids and airspace zones inside ``bbox`` as GeoJSON (each
    feature's ``kind`` says which), for drawing over the offline basemap at close zoom."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        operation_id="reference_features",
        parameters=[FeaturesQuerySerializer],
        responses={
            200: OpenApiTypes.OBJECT,
            400: OpenApiResponse(description="`bbox` malformed or too large"),
        },
    )
    def get(self, request: Request) -> HttpResponse:
        query = FeaturesQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        bbox = query.validated_data["bbox"]
        body = reference_features_json(bbox=bbox, cache=cache)
        response = HttpResponse(body, content_type="application/geo+json")
        response["Cache-Control"] = "public, max-age=3600"
        return response
