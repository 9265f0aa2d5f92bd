"""Hotspot APIs: Gi* hexagons as GeoJSON (staff and public), a hexagon's reports, a PNG map,
and the map's layers (report clusters, aerodromes, airspace zones).

Every query parameter is validated; an unknown or malformed one is a 400 naming it.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.views import APIView

from reports.models import EncounterClass, ReportStatus, RiskCategory, Source
from reports.permissions import CanViewReports
from reports.selectors_hotspots import (
    RESOLUTIONS,
    HotspotQuery,
    airspace_zones_geojson,
    hotspot_reports,
    report_clusters,
)
from reports.services.hotspots import (
    HotspotQueryError,
    aerodromes_layer,
    hotspot_cell_list,
    hotspot_map_image,
    hotspots_get,
)
from reports.services.opendata import open_data_resolution

GEOJSON = "application/geo+json"


class StrictQuerySerializer(serializers.Serializer):
    """Rejects parameters it does not know, so a typo is a 400 rather than a silent no-op."""

    def to_internal_value(self, data):
        unknown = sorted(set(data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError({name: ["unknown parameter"] for name in unknown})
        return super().to_internal_value(data)


def _bbox(value: str) -> tuple[float, float, float, float]:
    try:
        parts = tuple(float(p) for p in value.split(","))
    except ValueError:
        raise serializers.ValidationError("four numbers: min_lon,min_lat,max_lon,max_lat") from None
    if (
        len(parts) != 4
        or not (-90 <= parts[1] < parts[3] <= 90)
        or not all(-180 <= p <= 180 for p in (parts[0], parts[2]))
    ):
        raise serializers.ValidationError(
            "four numbers: min_lon,min_lat,max_lon,max_lat with "
            "-90 <= min_lat < max_lat <= 90, longitudes in ±180"
        )
    return parts  # type: ignore[return-value]


class HotspotQuerySerializer(StrictQuerySerializer):
    resolution = serializers.ChoiceField(
        RESOLUTIONS, default=7, help_text="H3 resolution (5 coarse ... 9 fine)"
    )
    since = serializers.DateTimeField(required=False, help_text="observed at or after (UTC)")
    until = serializers.DateTimeField(required=False, help_text="observed before (UTC)")
    window = serializers.ChoiceField(
        ["all", "12m"], default="all", help_text="all time, or the last 12 months"
    )
    encounter_class = serializers.ChoiceField(EncounterClass.choices, required=False)
    risk_category = serializers.ChoiceField(RiskCategory.choices, required=False)
    status = serializers.ChoiceField(ReportStatus.choices, required=False)
    source = serializers.ChoiceField(Source.choices, required=False)
    aerodrome = serializers.RegexField(
        r"^[A-Za-z0-9]{3,4}$", required=False, help_text="LID, ICAO or IATA code"
    )
    radius_nm = serializers.FloatField(
        required=False,
        min_value=0.5,
        max_value=300,
        help_text="circle around the aerodrome, nautical miles",
    )
    bbox = serializers.CharField(required=False, help_text="min_lon,min_lat,max_lon,max_lat")
    include = serializers.ChoiceField(
        ["reported", "significant"],
        default="reported",
        help_text="hexagons with reports, or hot/cold ones only",
    )

    def validate_bbox(self, value: str) -> tuple[float, float, float, float]:
        return _bbox(value)

    def validate(self, data: dict) -> dict:
        if data.get("since") and data.get("until") and data["until"] <= data["since"]:
            raise serializers.ValidationError({"until": ["must be after since"]})
        if data.get("window") == "12m" and data.get("since"):
            raise serializers.ValidationError({"window": ["give window or since, not both"]})
        if data.get("radius_nm") and not data.get("aerodrome"):
            raise serializers.ValidationError({"radius_nm": ["needs an aerodrome to centre on"]})
        return data

    def query(self, *, published_only: bool = False) -> HotspotQuery:
        data = dict(self.validated_data)
        window = data.pop("window", "all")
        return HotspotQuery(
            window="" if window == "all" else window, published_only=published_only, **data
        )


class PublicHotspotQuerySerializer(HotspotQuerySerializer):
    """The open-data map: published reports only, no workflow filters, no finer grid than the
    open data, and month-aligned times (the open data's time grain)."""

    def get_fields(self) -> dict:
        fields = super().get_fields()
        for private in ("status", "risk_category", "source"):
            fields.pop(private)
        return fields

    def validate_resolution(self, value: int) -> int:
        if value > open_data_resolution():
            raise serializers.ValidationError(
                f"the public map is at most resolution {open_data_resolution()}"
            )
        return value

    def validate_since(self, value: dt.datetime) -> dt.datetime:
        return _month_start(value)

    def validate_until(self, value: dt.datetime) -> dt.datetime:
        return _month_start(value)


def _month_start(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _bad_query(exc: HotspotQueryError) -> serializers.ValidationError:
    return serializers.ValidationError({exc.field: [exc.message]})


def _geojson(body: bytes, source: str = "") -> HttpResponse:
    response = HttpResponse(body, content_type=GEOJSON)
    if source:
        response["X-Hotspots-Source"] = source
    return response


def _geojson_gzipped(request: Request, body: bytes, source: str) -> HttpResponse:
    """Serve the stored gzip bytes as they are to clients that accept gzip (every browser)."""
    accepts = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
    response = _geojson(body if accepts else gzip.decompress(body), source)
    if accepts:
        response["Content-Encoding"] = "gzip"
    response["Vary"] = "Accept-Encoding, Cookie"
    return response


class StaffApi(APIView):
    authentication_classes = [SessionAuthentication]
    permission_classes = [CanViewReports]


class PublicApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]


@extend_schema(parameters=[HotspotQuerySerializer], responses={(200, GEOJSON): OpenApiTypes.OBJECT})
class HotspotsApi(StaffApi):
    """Gi* hotspot hexagons (GeoJSON): ``cell, count, z, p, q, classification`` per feature."""

    query_serializer = HotspotQuerySerializer
    published_only = False

    def get(self, request: Request) -> HttpResponse:
        params = self.query_serializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        try:
            body, source = hotspots_get(query=params.query(published_only=self.published_only))
        except HotspotQueryError as exc:
            raise _bad_query(exc) from None
        return _geojson_gzipped(request, body, source)


@extend_schema(
    parameters=[PublicHotspotQuerySerializer], responses={(200, GEOJSON): OpenApiTypes.OBJECT}
)
class PublicHotspotsApi(PublicApi, HotspotsApi):
    """The open-data variant: published reports only; counts below a small number are null."""

    query_serializer = PublicHotspotQuerySerializer
    published_only = True


class CellReportsQuerySerializer(HotspotQuerySerializer):
    limit = serializers.IntegerField(required=False, min_value=1, max_value=1000, default=200)

    def query(self, *, published_only: bool = False) -> HotspotQuery:
        self.validated_data.pop("limit", None)
        return super().query(published_only=published_only)


@extend_schema(parameters=[CellReportsQuerySerializer], responses=OpenApiTypes.OBJECT)
class HotspotCellReportsApi(StaffApi):
    """The reports inside one hexagon, newest first, under the same filters as the map."""

    def get(self, request: Request, cell: str) -> HttpResponse:
        params = CellReportsQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        limit = params.validated_data["limit"]
        try:
            body = hotspot_cell_list(cell=cell, query=params.query(), limit=limit)
        except HotspotQueryError as exc:
            raise _bad_query(exc) from None
        return HttpResponse(json.dumps(body), content_type="application/json")


class MapImageQuerySerializer(HotspotQuerySerializer):
    width = serializers.IntegerField(required=False, min_value=200, max_value=2000, default=800)
    height = serializers.IntegerField(required=False, min_value=200, max_value=2000, default=800)

    def validate(self, data: dict) -> dict:
        data = super().validate(data)
        if not data.get("aerodrome") and not data.get("bbox"):
            raise serializers.ValidationError({"aerodrome": ["give an aerodrome or a bbox"]})
        if data.get("aerodrome"):
            data.setdefault("radius_nm", 30.0)
        return data


@extend_schema(parameters=[MapImageQuerySerializer], responses={(200, "image/png"): bytes})
class HotspotMapImageApi(StaffApi):
    """A PNG of the hotspots around an aerodrome (``radius_nm``, default 30) or in a bbox."""

    def get(self, request: Request) -> HttpResponse:
        params = MapImageQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        size = (params.validated_data.pop("width"), params.validated_data.pop("height"))
        query = params.query()
        try:
            png = hotspot_map_image(query=query, radius_nm=query.radius_nm, size_px=size)
        except HotspotQueryError as exc:
            raise _bad_query(exc) from None
        response = HttpResponse(png, content_type="image/png")
        response["Cache-Control"] = "private, max-age=300"
        return response


class ClusterQuerySerializer(HotspotQuerySerializer):
    """``resolution`` here is the clustering grid (coarse when zoomed out)."""


@extend_schema(parameters=[ClusterQuerySerializer], responses={(200, GEOJSON): OpenApiTypes.OBJECT})
class ReportClustersApi(StaffApi):
    """Report positions grouped on an H3 grid: one point per cluster with ``count`` (and the
    ``reference`` of a single report), so the map never receives a million markers."""

    def get(self, request: Request) -> HttpResponse:
        params = ClusterQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        query = params.query()
        clusters = report_clusters(
            reports=hotspot_reports(query=query.resolved(now=timezone.now())),
            resolution=query.resolution,
        )
        features = [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [c["longitude"], c["latitude"]]},
                "properties": {"count": c["count"], "reference": c["reference"]},
            }
            for c in clusters
        ]
        return _geojson(json.dumps({"type": "FeatureCollection", "features": features}).encode())


@extend_schema(parameters=[HotspotQuerySerializer], responses={(200, GEOJSON): OpenApiTypes.OBJECT})
class AerodromesLayerApi(StaffApi):
    """Aerodromes the filtered reports are nearest to, with how many reports each."""

    query_serializer = HotspotQuerySerializer
    published_only = False

    def get(self, request: Request) -> HttpResponse:
        params = self.query_serializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        body = aerodromes_layer(query=params.query(published_only=self.published_only))
        return _geojson(json.dumps(body).encode())


@extend_schema(
    parameters=[PublicHotspotQuerySerializer], responses={(200, GEOJSON): OpenApiTypes.OBJECT}
)
class PublicAerodromesLayerApi(PublicApi, AerodromesLayerApi):
    query_serializer = PublicHotspotQuerySerializer
    published_only = True


@extend_schema(responses={(200, GEOJSON): OpenApiTypes.OBJECT})
class AirspaceZonesApi(PublicApi):
    """The airspace zones the operator loaded (public reference data)."""

    def get(self, request: Request) -> HttpResponse:
        return _geojson(json.dumps(airspace_zones_geojson()).encode())
