"""The hotspot map pages: the regulator's (staff with ``reports.view_report``) and the
open-data one (published only).

The page is a shell: Leaflet and ``map.js`` fetch the hexagons and layers from the APIs whose
URLs and options the template passes as ``data-`` attributes (no inline script, see CSP).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from reports.models import EncounterClass, ReportStatus
from reports.permissions import staff_view_required
from reports.selectors_hotspots import RESOLUTIONS, observed_range
from reports.services.opendata import open_data_resolution


def _months(published_only: bool) -> tuple[str, str]:
    first, last = observed_range(published_only=published_only)
    if first is None or last is None:
        return "", ""
    return f"{first:%Y-%m}", f"{last:%Y-%m}"


def _render(request: HttpRequest, *, public: bool) -> HttpResponse:
    first, last = _months(public)
    resolutions = [r for r in RESOLUTIONS if not public or r <= open_data_resolution()]
    urls = {
        "hotspots": reverse("api-public-hotspots" if public else "api-hotspots"),
        "aerodromes": reverse(
            "api-public-hotspot-aerodromes" if public else "api-hotspot-aerodromes"
        ),
        "zones": reverse("api-airspace-zones"),
        "countries": reverse("basemap-countries"),
        "reference": reverse("api-reference-features"),
        "clusters": "" if public else reverse("api-hotspot-clusters"),
        # The cell list URL with a placeholder the script replaces by the clicked cell.
        "cell": "" if public else reverse("api-hotspot-cell-reports", args=["CELL"]),
    }
    return render(
        request,
        "reports/map.html",
        {
            "public": public,
            "urls": urls,
            "first_month": first,
            "last_month": last,
            "resolutions": resolutions,
            "default_resolution": 7 if 7 in resolutions else resolutions[-1],
            "classes": EncounterClass.choices,
            "statuses": [] if public else ReportStatus.choices,
        },
    )


@staff_view_required
@require_GET
def staff_map(request: HttpRequest) -> HttpResponse:
    return _render(request, public=False)


@require_GET
def public_map(request: HttpRequest) -> HttpResponse:
    return _render(request, public=True)
