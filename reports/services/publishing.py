"""Publishing: the last step of the state machine, and what the public copy of a report says.

``report_publish`` moves one classified report to ``published`` through ``report_transition``
(analysts reach it through the Django admin action). ``reports_publish_imported`` publishes
imported FAA records in bulk: the FAA has already published them, so they skip verification
and classification; each gets a ``triage -> published`` event saying so.

For FAA records the published narrative (``narrative_redacted``) is filled automatically from
the FAA's words; for every other source it is whatever an analyst wrote (empty unless one did).
Either way it passes through ``reports.services.redaction.narrative_redact`` (e-mail addresses,
phone numbers, names, callsigns), the one redaction every path uses.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from reports.models import Report, ReportEvent, ReportStatus, Source
from reports.services.redaction import callsigns_redact, narrative_redact
from reports.services.workflow import report_transition

__all__ = ["callsigns_redact", "report_publish", "reports_publish_imported"]


def _published_narrative(report: Report) -> str:
    """What the public reads, always through the one redaction (``narrative_redact``): an FAA
    record's own words when nobody wrote a published form, else the form an analyst wrote."""
    if report.source == Source.FAA and not report.narrative_redacted:
        return narrative_redact(report.narrative)
    return narrative_redact(report.narrative_redacted)


def report_publish(*, report: Report, actor: str, note: str = "") -> Report:
    """Publish a classified report (``IllegalTransition`` names the state if it is not)."""
    report_transition(report=report, to_status=ReportStatus.PUBLISHED, actor=actor, note=note)
    redacted = _published_narrative(report)
    if redacted != report.narrative_redacted:
        report.narrative_redacted = redacted
        Report.objects.filter(pk=report.pk).update(narrative_redacted=redacted)
    return report


def reports_publish_imported(
    *, report_ids: Iterable[int], actor: str, batch_size: int = 1000
) -> int:
    """Publish imported FAA reports still awaiting review (received or triage); returns how
    many. Reports an analyst has moved on (rejected, duplicate, ...) are left alone."""
    ids = list(report_ids)
    published = 0
    for start in range(0, len(ids), batch_size):
        with transaction.atomic():
            chunk = list(
                Report.objects.select_for_update().filter(
                    pk__in=ids[start : start + batch_size],
                    source=Source.FAA,
                    status__in=(ReportStatus.RECEIVED, ReportStatus.TRIAGE),
                )
            )
            now = timezone.now()
            events = []
            for report in chunk:
                events.append(
                    ReportEvent(
                        report=report,
                        at=now,
                        actor=actor,
                        from_status=report.status,
                        to_status=ReportStatus.PUBLISHED,
                        note="FAA public record: published on import without classification",
                    )
                )
                report.narrative_redacted = _published_narrative(report)
                report.status, report.published_at = ReportStatus.PUBLISHED, now
            Report.objects.bulk_update(
                chunk, ["status", "published_at", "narrative_redacted"], batch_size=500
            )
            ReportEvent.objects.bulk_create(events)
        published += len(chunk)
    return published
