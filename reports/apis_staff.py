"""Staff APIs: the report list with filters and exports, and background export status.

``/api/v1/reports/`` serves two views: the public POST (filing, ``reports.apis``) and this
module's staff-only GET, read with the staff session and ``reports.view_report``; downloads and
exports also need ``reports.export_report`` (``reports.permissions``).
"""

from __future__ import annotations

from pathlib import Path

from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import Throttled
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reports.models import Export, ExportStatus
from reports.permissions import CanExportReports, CanViewReports, can_export
from reports.selectors import export_get, report_list
from reports.serializers_staff import ExportCreateSerializer, ReportListQuerySerializer
from reports.services.exports import (
    CONTENT_TYPES,
    FORMATS,
    ExportFile,
    ExportLimitExceeded,
    export_enqueue,
    export_frame,
    export_request,
    export_root,
)
from reports.services.exports.writers import dictionary_csv


def file_response(export_file: ExportFile) -> HttpResponse:
    response = HttpResponse(export_file.body, content_type=export_file.content_type)
    response["Content-Disposition"] = export_file.disposition
    return response


class ReportListApi(APIView):
    """Staff only: the reports, filtered and paged, or downloaded with ``download``; a large
    export runs in the background (202 with a status URL to poll)."""

    # Filing on the same URL is reports.apis.ReportCreateApi; reports.urls routes by method.

    authentication_classes = [SessionAuthentication]
    permission_classes = [CanViewReports]

    @extend_schema(
        operation_id="reports_list",
        parameters=[ReportListQuerySerializer],
        responses={200: OpenApiTypes.OBJECT, 202: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> HttpResponse:
        query = ReportListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters, fmt = query.filters(), query.validated_data.get("download")
        if fmt in FORMATS and not can_export(request.user):  # the dictionary is no data
            self.permission_denied(request, message=CanExportReports.message)
        queryset = report_list(filters=filters)
        if fmt == "dictionary":
            _, dictionary = export_frame(queryset=queryset.none())
            return HttpResponse(dictionary_csv(dictionary), content_type=CONTENT_TYPES["csv"])
        if fmt:
            try:
                result = export_request(fmt=fmt, filters=filters, user=request.user)
            except ExportLimitExceeded as exc:
                raise Throttled(wait=exc.retry_after, detail=str(exc)) from None
            if isinstance(result, ExportFile):
                return file_response(result)
            return Response(export_body(request, result), status=status.HTTP_202_ACCEPTED)
        limit, offset = query.validated_data["limit"], query.validated_data["offset"]
        frame, _ = export_frame(queryset=queryset[offset : offset + limit])
        rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
        return Response(
            {"count": queryset.count(), "limit": limit, "offset": offset, "results": rows}
        )


def export_body(request: Request, export: Export) -> dict:
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


class ExportCreateApi(APIView):
    """Start a background export of the filtered list; poll ``status_url`` for progress."""

    permission_classes = [CanExportReports]

    @extend_schema(
        operation_id="exports_create",
        request=ExportCreateSerializer,
        responses={202: OpenApiTypes.OBJECT, 429: OpenApiTypes.OBJECT},
    )
    def post(self, request: Request) -> Response:
        serializer = ExportCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fmt, filters = serializer.validated_data["format"], serializer.filters()
        try:
            export = export_enqueue(fmt=fmt, filters=filters, user=request.user)
        except ExportLimitExceeded as exc:
            raise Throttled(wait=exc.retry_after, detail=str(exc)) from None
        return Response(export_body(request, export), status=status.HTTP_202_ACCEPTED)


class ExportStatusApi(APIView):
    permission_classes = [CanExportReports]

    @extend_schema(operation_id="exports_status", responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, export_id: int) -> Response:
        export = export_get(export_id=export_id)
        if export is None:
            raise Http404
        return Response(export_body(request, export))


class ExportDownloadApi(APIView):
    permission_classes = [CanExportReports]

    @extend_schema(operation_id="exports_download", responses={200: OpenApiTypes.BINARY})
    def get(self, request: Request, export_id: int) -> HttpResponseBase:
        export = export_get(export_id=export_id)
        if export is not None and export.status == ExportStatus.EXPIRED:
            return Response(
                {"detail": "This export has expired and its file was deleted; export again."},
                status=status.HTTP_410_GONE,
            )
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
