"""Who a request comes from, for scoping replays: never a raw address."""

from __future__ import annotations

from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from reports.services.intake import client_hash


def client_scope(request: Request) -> str:
    """The client an ``Idempotency-Key`` belongs to: the identity the filing throttle counts
    (the address, after ``NUM_PROXIES`` trusted hops) as a keyed hash, plus the signed-in user
    when there is one. A spoofed ``X-Forwarded-For`` changes it no more than it does the
    throttle's."""
    scope = client_hash(BaseThrottle().get_ident(request))
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        scope += f":user:{user.pk}"
    return scope
