"""One error shape for the API; anything we did not anticipate still answers as JSON."""

from __future__ import annotations

import logging

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)


def exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, RequestDataTooBig):
        return Response(
            {"detail": "Request body is too large."},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, SuspiciousOperation):
        return Response({"detail": "Malformed request."}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, RecursionError):  # pathologically nested JSON
        exc = exceptions.ParseError("JSON is nested too deeply.")
    return drf_exception_handler(exc, context)
