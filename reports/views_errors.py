"""Error pages that say what was wrong and what the limit is: a bare "Bad Request (400)" helps
nobody. API paths get the same message as JSON."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse


def _message(exception: Exception | None) -> str:
    if isinstance(exception, TooManyFilesSent):
        return (
            f"Too many files in one request: at most {settings.DATA_UPLOAD_MAX_NUMBER_FILES}. "
            f"A report takes at most {settings.REPORT_MAX_PHOTOS} photos."
        )
    if isinstance(exception, TooManyFieldsSent):
        return (
            "Too many form fields in one request: at most "
            f"{settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}."
        )
    if isinstance(exception, RequestDataTooBig):
        return (
            "The form data is too large: at most "
            f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 2**20} MB, photos aside."
        )
    return "The request could not be understood."


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler400``: Django's suspicious-request errors (too many files or fields, oversized
    form data, a malformed request), named with the limit that was passed."""
    message = _message(exception)
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    form = reverse("report-new")
    back = form if request.path_info == form else ""  # never echo an arbitrary path as a link
    context = {"title": "Bad request", "message": message, "back": back}
    return render(request, "reports/error.html", context, status=400)
