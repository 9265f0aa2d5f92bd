"""Pages: the public filing form, its confirmation/status page, and the home page."""

from __future__ import annotations

import secrets

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_safe

from geo.basemap import country_outlines_geojson
from reports.forms import ReportForm
from reports.forms_location import LocationCorrectionForm
from reports.models import Report
from reports.selectors import report_counts
from reports.services.intake import FormTokenReused, PhotoUpload, report_submit_once
from reports.services.relocation import (
    RelocationRefused,
    report_location_correct,
    report_needs_location,
)
from reports.throttling import report_submit_wait


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/home.html", {"counts": report_counts()})


ALREADY_SENT = (
    "This form has already been sent, from another window or with other details. "
    "Nothing new was filed: check the details below and send again."
)


def _form_session(request: HttpRequest) -> str:
    """A random id for this browser's session: a used form token replays only for it. Kept in
    the session data, so it survives the key rotation of a sign-in."""
    session_id = request.session.get("report_form_session")
    if not session_id:
        session_id = request.session["report_form_session"] = secrets.token_urlsafe(18)
    return session_id


@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        wait = report_submit_wait(request)  # the API's limit and count, per client
        if wait is not None:
            return throttled(request, wait)
        form = ReportForm(request.POST, request.FILES)
        if form.is_valid():
            photos = [PhotoUpload(p.name, p.validated_bytes) for p in form.cleaned_data["photo"]]
            honeypot = form.cleaned_data.get("website")
            try:
                report = report_submit_once(
                    form_token=form.cleaned_data["form_token"],
                    session_id=_form_session(request),
                    data=form.report_data,
                    photos=photos,
                    client_address=request.META.get("REMOTE_ADDR"),
                    quarantine_reason="honeypot field filled" if honeypot else "",
                )
            except FormTokenReused:
                form.add_error(None, ALREADY_SENT)
                fresh = request.POST.copy()  # re-rendered with a new token: sendable as is
                fresh["form_token"] = secrets.token_urlsafe(24)
                form.data = fresh
            else:
                # Post/redirect/get: a refresh of the confirmation page files nothing.
                return redirect("report-track", token=report.status_token)
        status = 400
    else:
        _form_session(request)  # before the first POST, so a double click carries it
        form = ReportForm(initial={"form_token": secrets.token_urlsafe(24)})
        status = 200
    return render(request, "reports/report_form.html", {"form": form}, status=status)


def throttled(request: HttpRequest, wait: int) -> HttpResponse:
    message = (
        "Too many reports from your connection in a short time. "
        f"This one was not filed: go back to it and send it again in {wait} "
        f"second{'s' if wait != 1 else ''}."
    )
    response = render(
        request,
        "reports/error.html",
        {"title": "Too many reports", "message": message, "back": ""},
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


@require_http_methods(["GET", "POST"])
def report_track(request: HttpRequest, token: str) -> HttpResponse:
    """The private status page. A report we could not place says so, and its reporter (the
    holder of this link) may give a better location, which re-runs enrichment."""
    report = get_object_or_404(Report.objects.prefetch_related("events"), status_token=token)
    form, status, refused = LocationCorrectionForm(), 200, ""
    if request.method == "POST":
        form = LocationCorrectionForm(request.POST)
        if form.is_valid():
            try:
                report_location_correct(
                    report=report,
                    location_text=form.cleaned_data["location_text"],
                    latitude=form.cleaned_data.get("latitude"),
                    longitude=form.cleaned_data.get("longitude"),
                )
            except RelocationRefused as exc:
                refused, status = str(exc), 429 if "Too many" in str(exc) else 409
            else:
                return redirect("report-track", token=token)
        else:
            status = 400
    context = {
        "report": report,
        "needs_location": report_needs_location(report),
        "locating": report.latitude is None and not report_needs_location(report),
        "form": form,
        "refused": refused,
    }
    return render(request, "reports/track.html", context, status=status)


@require_safe
@cache_control(max_age=86400, public=True)
def basemap_countries(request: HttpRequest) -> HttpResponse:
    return HttpResponse(country_outlines_geojson(), content_type="application/geo+json")
