"""Open data: the de-identified published reports as GeoJSON and CSV, for anyone.

Only ``reports.services.opendata`` decides what is in them (an explicit allowlist)."""

from __future__ import annotations

import json

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reports.selectors import published_reports
from reports.services.exports.formulas import csv_text
from reports.services.opendata import open_data_dictionary, open_data_frame


def _records() -> list[dict]:
    frame = open_data_frame(queryset=published_reports())
    return json.loads(frame.to_json(orient="records", force_ascii=False))


class OpenDataGeoJsonApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(operation_id="open_data_geojson", responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> HttpResponse:
        features = []
        for row in _records():
            lat, lon = row["latitude"], row["longitude"]
            geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None else None
            features.append({"type": "Feature", "geometry": geometry, "properties": row})
        body = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
        response = HttpResponse(body, content_type="application/geo+json")
        response["Content-Disposition"] = 'inline; filename="drone-sightings.geojson"'
        return response


class OpenDataCsvApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(operation_id="open_data_csv", responses={200: OpenApiTypes.STR})
    def get(self, request: Request) -> HttpResponse:
        frame = open_data_frame(queryset=published_reports())
        response = HttpResponse(csv_text(frame), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="drone-sightings.csv"'
        return response


class OpenDataDictionaryApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(operation_id="open_data_dictionary", responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        return Response({"columns": open_data_dictionary()})
