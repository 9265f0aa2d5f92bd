"""Hotspot APIs: Gi* hexagons as GeoJSON (staff and public), a hexagon's reports, a PNG map,
and the map's layers (report clusters, aerodromes, airspace zones).

Every query parameter is validated; an unknown or malformed one is a 400 naming it.
"""

from __future__ import annotations

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

from reports.permissions import CanViewReports
from reports.selectors_hotspots import airspace_zones_geojson, report_clusters_geojson
from reports.serializers_hotspots import (
    CellReportsQuerySerializer,
    ClusterQuerySerializer,
    HotspotQuerySerializer,
    MapImageQuerySerializer,
    PublicHotspotQuerySerializer,
)
from reports.services.hotspot_layers import aerodromes_layer, hotspot_cell_list, hotspot_map_image
from reports.services.hotspots import HotspotQueryError, hotspots_get

GEOJSON = "application/geo+json"


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


@extend_schema(parameters=[ClusterQuerySerializer], responses={(200, GEOJSON): OpenApiTypes.OBJECT})
class ReportClustersApi(StaffApi):
    """Report positions grouped on an H3 grid: one point per cluster with ``count`` (and the
    ``reference`` of a single report), so the map never receives a million markers."""

    def get(self, request: Request) -> HttpResponse:
        params = ClusterQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        body = report_clusters_geojson(query=params.query(), now=timezone.now())
        return _geojson(json.dumps(body).encode())


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
