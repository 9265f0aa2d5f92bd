"""Request and response hardening beyond Django's own: headers, no NUL bytes, no caching of
signed-in pages.

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
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control

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


def _refusal(request: HttpRequest, status: int, message: str) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class RejectNulBytesMiddleware:
    """No path, query parameter or cookie here may contain a NUL byte, and PostgreSQL refuses
    one in any text it is sent (a 500 on the lookup). So answer before any view runs: 404 for
    a path (nothing lives there; a status token with a NUL is simply not found), 400 naming
    the query parameter or cookie."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info:
            return _refusal(request, 404, "Not found: the address contains a NUL byte.")
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in v for v in values):
                shown = name.replace("\x00", "%00")
                return _refusal(
                    request, 400, f"Bad request: the query parameter '{shown}' contains a NUL byte."
                )
        for name, value in request.COOKIES.items():
            if "\x00" in name or "\x00" in value:
                shown = name.replace("\x00", "%00")
                return _refusal(
                    request, 400, f"Bad request: the cookie '{shown}' contains a NUL byte."
                )
        return self.get_response(request)


class PrivateNoStoreMiddleware:
    """Whatever a signed-in user is sent (staff pages, staff APIs, export downloads, the admin)
    is ``Cache-Control: private, no-store``: no shared cache or browser disk keeps a copy of
    private data. A response that declares itself ``public`` (static reference data such as
    the basemap) keeps its own caching."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if "public" not in response.get("Cache-Control", ""):
                del response["Cache-Control"]
                patch_cache_control(response, private=True, no_store=True)
        return response
