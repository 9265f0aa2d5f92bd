"""One URL, one view per HTTP method.

``/api/v1/reports/`` is two things: anonymous filing (POST: no session, throttled, the
filing parsers) and the staff list (GET: staff session). Each is its own DRF view with its own
hooks; ``MethodRouter`` picks the view by method before either runs, so no view has to switch
its authentication, permissions or throttles on the method. ``SchemaGenerator`` lets
drf-spectacular describe each method from its own view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.urls import URLPattern
from drf_spectacular.generators import EndpointEnumerator
from drf_spectacular.generators import SchemaGenerator as SpectacularSchemaGenerator

View = Callable[..., HttpResponseBase]


class MethodRouter:
    """A view that hands each request to ``views[METHOD]``; HEAD and OPTIONS go to GET's view,
    any other method is a 405 naming the allowed ones."""

    # Django's CSRF middleware must not judge the request: each DRF view enforces CSRF itself
    # when it authenticates with the session, and filing (no session) needs none.
    csrf_exempt = True

    def __init__(self, **views: View) -> None:
        self.views = {method.upper(): view for method, view in views.items()}
        if "GET" in self.views:
            self.views.setdefault("HEAD", self.views["GET"])
            self.views.setdefault("OPTIONS", self.views["GET"])
        self.allow = ", ".join(sorted(self.views))

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        view = self.views.get(request.method or "")
        if view is None:
            response: HttpResponseBase = JsonResponse(
                {"detail": f'Method "{request.method}" not allowed.'}, status=405
            )
        else:
            response = view(request, *args, **kwargs)
            if request.method != "OPTIONS":
                return response
        response["Allow"] = self.allow
        return response


class MethodRoutingEndpointEnumerator(EndpointEnumerator):
    """drf-spectacular's enumerator, plus one endpoint per method of each ``MethodRouter``,
    described by the view that serves it."""

    def _get_api_endpoints(self, patterns: Any, prefix: str) -> list[tuple[str, str, str, Any]]:
        endpoints = super()._get_api_endpoints(patterns, prefix)
        for pattern in patterns if patterns is not None else (self.patterns or []):
            if not isinstance(pattern, URLPattern) or not isinstance(
                pattern.callback, MethodRouter
            ):
                continue
            path_regex = prefix + str(pattern.pattern)
            path = self.get_path_from_regex(path_regex)
            for method, view in pattern.callback.views.items():
                if self.should_include_endpoint(path, view) and method in self.get_allowed_methods(
                    view
                ):
                    endpoints.append((path, path_regex, method, view))
        return endpoints


class SchemaGenerator(SpectacularSchemaGenerator):
    endpoint_inspector_cls = MethodRoutingEndpointEnumerator
