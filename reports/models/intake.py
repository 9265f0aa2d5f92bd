"""What makes a retried request file one report: idempotency records and form tokens."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from reports.models.report import Report


class IdempotencyRecord(models.Model):
    """The first response to a request carrying an Idempotency-Key, replayed on retries."""

    # Keys belong to the client that sent them (keyed hash of its address, plus the user when
    # signed in): another client choosing the same key must never get this response.
    scope = models.CharField(max_length=80, blank=True, default="")
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="idempotency_key_per_client")
        ]

    def __str__(self) -> str:
        return self.key


class FormSubmission(models.Model):
    """One-time token of a rendered web form: a double click or refresh files one report."""

    token = models.CharField(max_length=64, unique=True)
    # Only the browser session that first sent the token, with the same details, is replaying.
    scope = models.CharField(max_length=64, blank=True, default="")
    request_hash = models.CharField(max_length=64, blank=True, default="")
    report = models.OneToOneField(Report, null=True, blank=True, on_delete=models.CASCADE)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.token
