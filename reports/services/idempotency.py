"""Idempotency-Key handling (IETF draft semantics).

The key's record and the report are written in one transaction, so a record only ever exists
with its response: a concurrent duplicate waits on the unique index and then replays. Keys are
scoped to the client that sent them (``scope``): two clients that pick the same key, such as the
README's example, each get their own report, and neither ever sees the other's response.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from reports.models import IdempotencyRecord

KEY_PATTERN = re.compile(r"^[\x21-\x7e]{1,255}$")  # visible ASCII, as the draft recommends


class IdempotencyKeyError(ValueError):
    """The key itself is malformed (400)."""


class IdempotencyConflict(Exception):
    """Same key, different request (422), or the first request is still in flight (409)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class StoredResponse:
    status: int
    body: dict
    replayed: bool


def request_fingerprint(body: object) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def idempotent_call(
    *, key: str | None, scope: str, body: object, create: Callable[[], tuple[int, dict]]
) -> StoredResponse:
    """Run ``create`` once per (client ``scope``, key); later calls from the same client with the
    same key and body replay its response."""
    if key is None:
        status, payload = create()
        return StoredResponse(status, payload, replayed=False)
    if not KEY_PATTERN.match(key):
        raise IdempotencyKeyError("Idempotency-Key must be 1-255 visible ASCII characters.")
    fingerprint = request_fingerprint(body)
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                scope=scope, key=key, request_hash=fingerprint
            )
            status, payload = create()
            record.response_status, record.response_body = status, payload
            record.save(update_fields=["response_status", "response_body"])
            return StoredResponse(status, payload, replayed=False)
    except IntegrityError:
        existing = IdempotencyRecord.objects.filter(scope=scope, key=key).first()
        if existing is None:
            raise
    if existing.request_hash != fingerprint:
        raise IdempotencyConflict(422, "This Idempotency-Key was used with a different request.")
    if existing.response_status is None:
        raise IdempotencyConflict(409, "A request with this Idempotency-Key is still in progress.")
    return StoredResponse(existing.response_status, existing.response_body or {}, replayed=True)
