"""Who a client is, and how often it may file a report: one limit for the API and the web form.

The client is REMOTE_ADDR (DRF's ``NUM_PROXIES`` decides how many ``X-Forwarded-For`` hops to
trust; 0 by default), so a spoofed header cannot reset a count. The API and the form share one
throttle, one rate (``REPORT_SUBMIT_RATE``) and one cache key per client, so 20 posts through
each door count as 40. The sign-in lockout (django-axes) sees the same client, pseudonymised.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math

from django.conf import settings
from django.http import HttpRequest
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle
from rest_framework.views import APIView


class ReportSubmitThrottle(SimpleRateThrottle):
    """Per-client limit on filing, kept in the shared cache (``CACHE_URL``)."""

    scope = "report_submit"

    def get_rate(self) -> str | None:
        # A throttle is built per request, so the rate is read from Django settings each time:
        # a changed setting (or override_settings in a test) applies at once.
        return settings.REPORT_SUBMIT_RATE

    def get_cache_key(self, request: Request, view: APIView) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def report_submit_wait(request: HttpRequest) -> int | None:
    """Count one filing attempt through the web form against the client's limit.

    Returns None when it is allowed, else the whole seconds to wait (for ``Retry-After``)."""
    throttle = ReportSubmitThrottle()
    # DRF's throttles read a DRF Request; wrapping the form's request costs nothing.
    if throttle.allow_request(Request(request), APIView()):
        return None
    return max(1, math.ceil(throttle.wait() or 1))


def signin_client_address(request: HttpRequest) -> str:
    """The sign-in client as django-axes records it (``AXES_CLIENT_IP_CALLABLE``).

    A keyed pseudonym of the client address, written as an IPv6 address in the unique-local
    range (fd00::/8) so axes can store it: the lockout works per client while no raw address
    is ever stored (the project's rule for reporters holds for staff too)."""
    ident = BaseThrottle().get_ident(Request(request)) or ""
    digest = hmac.new(
        settings.CLIENT_HASH_KEY.encode(), f"signin:{ident}".encode(), hashlib.sha256
    ).digest()
    return str(ipaddress.IPv6Address(b"\xfd" + digest[:15]))
