"""Security headers beyond Django's own.

The Content-Security-Policy is served by django-csp (``csp.middleware.CSPMiddleware``) from
``settings.CONTENT_SECURITY_POLICY``, which :func:`content_security_policy` builds: no inline
script anywhere; images and tiles from known places. Django's ``SecurityMiddleware`` sends
``Referrer-Policy`` (``SECURE_REFERRER_POLICY``, default ``same-origin``). Neither sends a
``Permissions-Policy``, so the small middleware here does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.http import HttpRequest, HttpResponse

PERMISSIONS_POLICY = "geolocation=(self), camera=(), microphone=()"


def tile_origin(url: str) -> str:
    """The origin a tile URL template loads from (``{s}`` subdomains become ``*.``)."""
    if not url:
        return ""
    parts = urlsplit(url.replace("{s}", "a"))
    host = parts.netloc.replace("a.", "*.", 1) if "{s}" in url else parts.netloc
    return f"{parts.scheme}://{host}"


def content_security_policy(*, tile_url: str) -> dict[str, Any]:
    """django-csp's ``CONTENT_SECURITY_POLICY`` setting for a map tile server at ``tile_url``
    (empty: none, the offline basemap)."""
    tiles = tile_origin(tile_url)
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF],
            # Leaflet and Swagger UI position elements with style attributes.
            "style-src": [SELF, UNSAFE_INLINE],
            "img-src": [SELF, "data:", "blob:", *([tiles] if tiles else [])],
            "connect-src": [SELF],
            "font-src": [SELF],
            "object-src": [NONE],
            "base-uri": [SELF],
            "frame-ancestors": [NONE],
            "form-action": [SELF],
        }
    }


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
