"""``/healthz`` (the process answers) and ``/readyz`` (it can do its work). Public and cheap:
they reveal no data, only which dependency is failing, for load balancers and orchestrators."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from reports.selectors_ops import readiness


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: no database, no broker — restart the process only if this fails."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: 200 when every check passes, else 503 naming the failing checks."""
    checks = readiness()
    failing = sorted(name for name, check in checks.items() if not check.ok)
    body = {
        "status": "ready" if not failing else "not ready",
        "failing": failing,
        "checks": {name: {"ok": c.ok, **c.detail} for name, c in checks.items()},
    }
    return JsonResponse(body, status=200 if not failing else 503)
