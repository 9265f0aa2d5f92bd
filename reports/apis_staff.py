"""Staff APIs: the report list with filters and exports, and background export status.

``/api/v1/reports/`` serves two views: the public POST (filing, ``reports.apis``) and this
module's staff-only GET, read with the staff session (``IsAdminUser``).
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
from rest_framework.permissions import IsAdminUser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reports.api_fields import BBoxField, StrictSerializer
from reports.models import EncounterClass, ExportStatus, ReportStatus, Source
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


class ReportFilterSerializer(StrictSerializer):
    observed_from = serializers.DateTimeField(required=False)
    observed_to = serializers.DateTimeField(required=False)
    bbox = BBoxField(required=False)
    aerodrome = serializers.CharField(required=False, max_length=8)
    status = serializers.ChoiceField(ReportStatus.choices, required=False)
    encounter_class = serializers.ChoiceField(EncounterClass.choices, required=False)
    source = serializers.ChoiceField(Source.choices, required=False)

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


class ReportListApi(APIView):
    """Staff only: the reports, filtered and paged, or downloaded with ``download``; a large
    export runs in the background (202 with a status URL to poll)."""

    # Filing on the same URL is reports.apis.ReportCreateApi; reports.urls routes by method.

    authentication_classes = [SessionAuthentication]
    permission_classes = [IsAdminUser]

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
