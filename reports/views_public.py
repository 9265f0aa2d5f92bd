"""The open-data page: what is published, how it is generalised, and the downloads."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from reports.selectors import published_reports
from reports.services.opendata import open_data_dictionary, open_data_grain, open_data_resolution


@require_safe
def open_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reports/open_data.html",
        {
            "count": published_reports().count(),
            "dictionary": open_data_dictionary(),
            "resolution": open_data_resolution(),
            "grain": open_data_grain(),
        },
    )
