"""Pages: the public filing form, its confirmation/status page, and the home page."""

from __future__ import annotations

import secrets

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods

from geo.basemap import country_outlines_geojson
from reports.forms import ReportForm
from reports.forms_location import LocationCorrectionForm
from reports.models import Report
from reports.selectors import report_counts
from reports.services.intake import PhotoUpload, report_submit_once
from reports.services.relocation import (
    RelocationRefused,
    report_location_correct,
    report_needs_location,
)


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/home.html", {"counts": report_counts()})


@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES)
        if form.is_valid():
            photo = form.cleaned_data.get("photo")
            photos = [PhotoUpload(photo.name, photo.validated_bytes)] if photo else []
            honeypot = form.cleaned_data.get("website")
            report = report_submit_once(
                form_token=form.cleaned_data["form_token"],
                data=form.report_data,
                photos=photos,
                client_address=request.META.get("REMOTE_ADDR"),
                quarantine_reason="honeypot field filled" if honeypot else "",
            )
            # Post/redirect/get: a refresh of the confirmation page files nothing.
            return redirect("report-track", token=report.status_token)
        status = 400
    else:
        form = ReportForm(initial={"form_token": secrets.token_urlsafe(24)})
        status = 200
    return render(request, "reports/report_form.html", {"form": form}, status=status)


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


@cache_control(max_age=86400, public=True)
def basemap_countries(request: HttpRequest) -> HttpResponse:
    return HttpResponse(country_outlines_geojson(), content_type="application/geo+json")
