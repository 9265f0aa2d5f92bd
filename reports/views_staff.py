"""Staff pages: the filtered report list with its exports, and a background export's page.

Reading needs ``reports.view_report``; downloading and exporting ``reports.export_report`` as
well (``reports.permissions``). Whether a download is written now or queued is decided once,
by ``reports.services.exports.export_request``, for this page and the staff API alike.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from reports.models import (
    AerodromeRole,
    EncounterClass,
    ExportStatus,
    Report,
    ReportStatus,
    Source,
)
from reports.permissions import (
    EXPORT_REPORTS,
    can_export,
    staff_export_required,
    staff_view_required,
)
from reports.selectors import ReportFilters, export_get, report_list, report_synopses
from reports.serializers_staff import ExportCreateSerializer, ReportListQuerySerializer
from reports.services.exports import (
    FORMATS,
    ExportFile,
    ExportLimitExceeded,
    export_enqueue,
    export_frame,
    export_request,
)

PAGE_ROWS = 100


def _limit_page(request: HttpRequest, exc: ExportLimitExceeded) -> HttpResponse:
    context = {"title": "Too many exports", "message": str(exc), "back": ""}
    response = render(request, "reports/error.html", context, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@staff_view_required
@require_GET
def staff_reports(request: HttpRequest) -> HttpResponse:
    query = ReportListQuerySerializer(data=request.GET)
    valid = query.is_valid()
    filters = query.filters() if valid else ReportFilters()
    # An invalid filter shows its error and no rows: every row would look like an answer.
    queryset = report_list(filters=filters) if valid else Report.objects.none()
    fmt = query.validated_data.get("download") if valid else None
    if fmt in FORMATS:
        if not can_export(request.user):
            raise PermissionDenied(f"You need the permission {EXPORT_REPORTS}.")
        try:
            result = export_request(fmt=fmt, filters=filters, user=request.user)
        except ExportLimitExceeded as exc:
            return _limit_page(request, exc)
        if isinstance(result, ExportFile):
            response = HttpResponse(result.body, content_type=result.content_type)
            response["Content-Disposition"] = result.disposition
            return response
        return redirect("staff-export", export_id=result.pk)
    _, dictionary = export_frame(queryset=queryset.none())
    shown = list(queryset[:PAGE_ROWS])
    params = request.GET.copy()
    params.pop("download", None)
    return render(
        request,
        "reports/staff/reports.html",
        {
            "reports": list(zip(shown, report_synopses(reports=shown), strict=True)),
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
            "can_export": can_export(request.user),
        },
        status=200 if valid else 400,
    )


@staff_export_required
@require_POST
def staff_export_create(request: HttpRequest) -> HttpResponse:
    form = request.POST.copy()
    form.pop("csrfmiddlewaretoken", None)  # the form's CSRF token, not an export field
    serializer = ExportCreateSerializer(data=form)
    if not serializer.is_valid():
        return HttpResponse(f"invalid export request: {dict(serializer.errors)}", status=400)
    fmt, filters = serializer.validated_data["format"], serializer.filters()
    try:
        export = export_enqueue(fmt=fmt, filters=filters, user=request.user)
    except ExportLimitExceeded as exc:
        return _limit_page(request, exc)
    return redirect("staff-export", export_id=export.pk)


@staff_export_required
@require_GET
def staff_export(request: HttpRequest, export_id: int) -> HttpResponse:
    export = export_get(export_id=export_id)
    if export is None:
        raise Http404
    waiting = export.status in (ExportStatus.PENDING, ExportStatus.RUNNING)
    return render(request, "reports/staff/export.html", {"export": export, "waiting": waiting})
