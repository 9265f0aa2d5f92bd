"""A reporter corrects the place of a report we could not locate, from their private link.

Only a report that could not be placed may be corrected this way (a located report is the
analysts' to move), a few times per hour per report; the correction is recorded on the audit
trail and enrichment runs again, after commit, as for a new report.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from reports.models import EnrichmentStatus, PositionSource, Report, ReportEvent
from reports.services.intake import _enqueue_enrichment

CORRECTIONS_PER_HOUR = 5


class RelocationRefused(ValueError):
    """The correction is not allowed now; the message says why, for the reporter."""


def report_needs_location(report: Report) -> bool:
    """Enrichment finished (or gave up) and found no position."""
    return report.latitude is None and report.enrichment_status in (
        EnrichmentStatus.DONE,
        EnrichmentStatus.FAILED,
    )


def report_location_correct(
    *,
    report: Report,
    location_text: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
) -> Report:
    """Give an unplaced report a better location text or coordinates (degrees) and re-run
    enrichment. Raises ``RelocationRefused`` when the report is placed or the limit is hit."""
    if not report_needs_location(report):
        raise RelocationRefused("This report already has a place; nothing to correct.")
    key = f"relocate:{report.pk}"
    cache.add(key, 0, 3600)
    if cache.incr(key) > getattr(settings, "RELOCATIONS_PER_HOUR", CORRECTIONS_PER_HOUR):
        raise RelocationRefused("Too many corrections for this report; try again in an hour.")
    has_point = latitude is not None and longitude is not None
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if location_text:
            locked.location_text = location_text
        locked.latitude, locked.longitude = (latitude, longitude) if has_point else (None, None)
        locked.position_source = PositionSource.ENTERED if has_point else ""
        locked.enrichment_status = EnrichmentStatus.PENDING
        locked.enrichment_attempts = 0
        locked.enrichment_error = ""
        locked.save(
            update_fields=[
                "location_text",
                "latitude",
                "longitude",
                "position_source",
                "enrichment_status",
                "enrichment_attempts",
                "enrichment_error",
            ]
        )
        ReportEvent.objects.create(
            report=locked,
            from_status=locked.status,
            to_status=locked.status,
            actor="reporter (tracking page)",
            note="location corrected: "
            + (f"{latitude:.5f}, {longitude:.5f}" if has_point else location_text)[:400],
        )
        transaction.on_commit(functools.partial(_enqueue_enrichment, locked.pk), robust=True)
    return locked
