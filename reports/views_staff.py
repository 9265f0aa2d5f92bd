"""Staff pages: the filtered report list with its exports, and a background export's page."""

from __future__ import annotations

from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from reports.apis_staff import (
    ExportCreateSerializer,
    ReportListQuerySerializer,
    download_response,
    export_sync_max_rows,
)
from reports.models import (
    AerodromeRole,
    EncounterClass,
    ExportStatus,
    Report,
    ReportStatus,
    Source,
)
from reports.selectors import ReportFilters, export_get, report_list
from reports.services.exports import FORMATS, export_frame, export_request

PAGE_ROWS = 100


@staff_member_required
@require_http_methods(["GET"])
def staff_reports(request: HttpRequest) -> HttpResponse:
    query = ReportListQuerySerializer(data=request.GET)
    valid = query.is_valid()
    filters = query.filters() if valid else ReportFilters()
    # An invalid filter shows its error and no rows: every row would look like an answer.
    queryset = report_list(filters=filters) if valid else Report.objects.none()
    fmt = query.validated_data.get("download") if valid else None
    if fmt in FORMATS and queryset.count() <= export_sync_max_rows():
        return download_response(fmt=fmt, filters=filters, variant="staff")
    if fmt in FORMATS:
        export = export_request(fmt=fmt, filters=filters, user=request.user)
        return redirect("staff-export", export_id=export.pk)
    _, dictionary = export_frame(queryset=queryset.none())
    params = request.GET.copy()
    params.pop("download", None)
    return render(
        request,
        "reports/staff/reports.html",
        {
            "reports": queryset[:PAGE_ROWS],
            "count": queryset.count(),
            "errors": query.errors,
            "query": params.urlencode(),
            "params": request.GET,
            "formats": FORMATS,
            "statuses": ReportStatus.choices,
            "classes": EncounterClass.choices,
            "sources": Source.choices,
            "aerodrome_roles": AerodromeRole.choices,
            "dictionary": dictionary,
            "page_rows": PAGE_ROWS,
        },
        status=200 if valid else 400,
    )


@staff_member_required
@require_POST
def staff_export_create(request: HttpRequest) -> HttpResponse:
    serializer = ExportCreateSerializer(data=request.POST)
    if not serializer.is_valid():
        return HttpResponse(f"invalid export request: {dict(serializer.errors)}", status=400)
    data = dict(serializer.validated_data)
    fmt = data.pop("format")
    export = export_request(fmt=fmt, filters=ReportFilters(**data), user=request.user)
    return redirect("staff-export", export_id=export.pk)


@staff_member_required
def staff_export(request: HttpRequest, export_id: int) -> HttpResponse:
    export = export_get(export_id=export_id)
    if export is None:
        raise Http404
    waiting = export.status in (ExportStatus.PENDING, ExportStatus.RUNNING)
    return render(request, "reports/staff/export.html", {"export": export, "waiting": waiting})
