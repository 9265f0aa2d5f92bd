"""Request and response hardening: CSP and headers, no NUL bytes, no caching of signed-in pages."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control


def _tile_origin() -> str:
    url = settings.MAP_TILE_URL
    if not url:
        return ""
    parts = urlsplit(url.replace("{s}", "a"))
    host = parts.netloc.replace("a.", "*.", 1) if "{s}" in url else parts.netloc
    return f"{parts.scheme}://{host}"


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        tiles = _tile_origin()
        self.policy = "; ".join(
            [
                "default-src 'self'",
                "script-src 'self'",
                # Leaflet and Swagger UI position elements with style attributes.
                "style-src 'self' 'unsafe-inline'",
                f"img-src 'self' data: blob: {tiles}".strip(),
                "connect-src 'self'",
                "font-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "frame-ancestors 'none'",
                "form-action 'self'",
            ]
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.policy)
        response.setdefault("Referrer-Policy", "same-origin")
        response.setdefault("Permissions-Policy", "geolocation=(self), camera=(), microphone=()")
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
