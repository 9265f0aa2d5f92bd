"""Staff APIs: the report list with filters and exports, and background export status.

``/api/v1/reports/`` keeps its public POST (filing) and adds a staff-only GET: anonymous
filing needs no session, while the list is read with the staff session (``IsAdminUser``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny, IsAdminUser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reports.apis import ReportCreateApi
from reports.models import AerodromeRole, EncounterClass, ExportStatus, ReportStatus, Source
from reports.selectors import ReportFilters, export_get, report_list
from reports.services.exports import (
    CONTENT_TYPES,
    FORMATS,
    export_frame,
    export_request,
    export_root,
    export_write,
)
from reports.services.exports.writers import dictionary_csv


def export_sync_max_rows() -> int:
    return int(getattr(settings, "EXPORT_SYNC_MAX_ROWS", 5000))


class ReportFilterSerializer(serializers.Serializer):
    observed_from = serializers.DateTimeField(required=False)
    observed_to = serializers.DateTimeField(required=False)
    bbox = serializers.CharField(required=False, help_text="min_lon,min_lat,max_lon,max_lat")
    aerodrome = serializers.CharField(required=False, max_length=8)
    aerodrome_role = serializers.ChoiceField(
        AerodromeRole.choices,
        required=False,
        help_text="Which aerodrome `aerodrome` matches: the one the location text refers to "
        "(referred), the nearest to the position (nearest), or either (default)",
    )
    needs_location = serializers.BooleanField(
        required=False, help_text="Only reports that could not be placed"
    )
    status = serializers.ChoiceField(ReportStatus.choices, required=False)
    encounter_class = serializers.ChoiceField(EncounterClass.choices, required=False)
    source = serializers.ChoiceField(Source.choices, required=False)

    def validate_bbox(self, value: str) -> tuple[float, float, float, float]:
        try:
            parts = tuple(float(p) for p in value.split(","))
        except ValueError:
            raise serializers.ValidationError(
                "four numbers: min_lon,min_lat,max_lon,max_lat"
            ) from None
        if (
            len(parts) != 4
            or not (-90 <= parts[1] <= parts[3] <= 90)
            or not all(-180 <= p <= 180 for p in (parts[0], parts[2]))
        ):
            raise serializers.ValidationError(
                "four numbers: min_lon,min_lat,max_lon,max_lat with -90 <= min_lat <= max_lat <= 90"
            )
        return parts  # type: ignore[return-value]

    def filters(self) -> ReportFilters:
        return ReportFilters(**{k: v for k, v in self.validated_data.items()})


class ReportListQuerySerializer(ReportFilterSerializer):
    download = serializers.ChoiceField([*FORMATS, "dictionary"], required=False)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=1000, default=100)
    offset = serializers.IntegerField(required=False, min_value=0, default=0)

    def filters(self) -> ReportFilters:
        data = {
            k: v for k, v in self.validated_data.items() if k not in ("download", "limit", "offset")
        }
        return ReportFilters(**data)


def download_response(*, fmt: str, filters: ReportFilters, variant: str) -> HttpResponse:
    """The export file itself (small exports are written in the request)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"reports.{fmt}"
        export_write(path=path, fmt=fmt, filters=filters, variant=variant)
        body = path.read_bytes()
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="reports-{variant}.{fmt}"'
    return response


class ReportCollectionApi(ReportCreateApi):
    """POST: anyone files a report (see ``ReportCreateApi``). GET: staff list, filters, exports."""

    def initialize_request(self, request, *args, **kwargs):
        self._is_read = request.method in ("GET", "HEAD", "OPTIONS")
        return super().initialize_request(request, *args, **kwargs)

    def get_authenticators(self) -> list:
        return [SessionAuthentication()] if getattr(self, "_is_read", False) else []

    def get_permissions(self) -> list:
        return [IsAdminUser()] if getattr(self, "_is_read", False) else [AllowAny()]

    def get_throttles(self) -> list:
        return [] if getattr(self, "_is_read", False) else super().get_throttles()

    @extend_schema(
        operation_id="reports_list",
        parameters=[ReportListQuerySerializer],
        responses={200: OpenApiTypes.OBJECT, 202: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> HttpResponse:
        query = ReportListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters, fmt = query.filters(), query.validated_data.get("download")
        queryset = report_list(filters=filters)
        if fmt == "dictionary":
            _, dictionary = export_frame(queryset=queryset.none())
            return HttpResponse(dictionary_csv(dictionary), content_type=CONTENT_TYPES["csv"])
        if fmt:
            if queryset.count() > export_sync_max_rows():
                export = export_request(fmt=fmt, filters=filters, user=request.user)
                return Response(export_body(request, export), status=status.HTTP_202_ACCEPTED)
            return download_response(fmt=fmt, filters=filters, variant="staff")
        limit, offset = query.validated_data["limit"], query.validated_data["offset"]
        frame, _ = export_frame(queryset=queryset[offset : offset + limit])
        rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
        return Response(
            {"count": queryset.count(), "limit": limit, "offset": offset, "results": rows}
        )


def export_body(request: Request, export) -> dict:
    body = {
        "id": export.pk,
        "status": export.status,
        "progress": export.progress,
        "format": export.format,
        "row_count": export.row_count,
        "error": export.error,
        "status_url": request.build_absolute_uri(reverse("api-export", args=[export.pk])),
        "download_url": None,
    }
    if export.status == ExportStatus.DONE:
        body["download_url"] = request.build_absolute_uri(
            reverse("api-export-download", args=[export.pk])
        )
    return body


class ExportCreateSerializer(ReportFilterSerializer):
    format = serializers.ChoiceField(FORMATS)


class ExportCreateApi(APIView):
    """Start a background export of the filtered list; poll ``status_url`` for progress."""

    permission_classes = [IsAdminUser]

    @extend_schema(
        operation_id="exports_create",
        request=ExportCreateSerializer,
        responses={202: OpenApiTypes.OBJECT},
    )
    def post(self, request: Request) -> Response:
        serializer = ExportCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        fmt = data.pop("format")
        export = export_request(fmt=fmt, filters=ReportFilters(**data), user=request.user)
        return Response(export_body(request, export), status=status.HTTP_202_ACCEPTED)


class ExportStatusApi(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(operation_id="exports_status", responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, export_id: int) -> Response:
        export = export_get(export_id=export_id)
        if export is None:
            raise Http404
        return Response(export_body(request, export))


class ExportDownloadApi(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(operation_id="exports_download", responses={200: OpenApiTypes.BINARY})
    def get(self, request: Request, export_id: int) -> FileResponse:
        export = export_get(export_id=export_id)
        if export is None or export.status != ExportStatus.DONE or not export.file:
            raise Http404
        path = export_root() / Path(export.file).name
        if not path.is_file():
            raise Http404
        return FileResponse(
            path.open("rb"),
            as_attachment=True,
            filename=path.name,
            content_type=CONTENT_TYPES[export.format],
        )
