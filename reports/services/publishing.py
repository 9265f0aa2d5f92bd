"""Publishing: the last step of the state machine, and what the public copy of a report says.

``report_publish`` moves one classified report to ``published`` through ``report_transition``
(analysts reach it through the Django admin action). ``reports_publish_imported`` publishes
imported FAA records in bulk: the FAA has already published them, so they skip verification
and classification; each gets a ``triage -> published`` event saying so.

For FAA records the published narrative (``narrative_redacted``) is filled automatically
with callsign-like tokens replaced by ``[CALLSIGN]`` (see ``callsigns_redact``); for every other
source it stays whatever an analyst wrote (empty unless one did).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from reports.models import Report, ReportEvent, ReportStatus, Source
from reports.services.workflow import report_transition

REDACTED = "[CALLSIGN]"
# Airline telephony words the FAA narratives use before a flight number ("MESA 5400, CRJ9").
_AIRLINES = (
    "AIR CANADA",
    "AIR WISCONSIN",
    "ALASKA",
    "ALLEGIANT",
    "AMERICAN",
    "AMFLIGHT",
    "ATLAS",
    "BRICKYARD",
    "CACTUS",
    "CHAUTAUQUA",
    "COMPASS",
    "DELTA",
    "ENDEAVOR",
    "ENVOY",
    "EXECJET",
    "EXPRESSJET",
    "FEDEX",
    "FLAGSHIP",
    "FRONTIER",
    "GIANT",
    "HAWAIIAN",
    "HORIZON",
    "JAZZ",
    "JETBLUE",
    "JET LINK",
    "LIFEGUARD",
    "MEDEVAC",
    "MESA",
    "NETJETS",
    "PIEDMONT",
    "REPUBLIC",
    "SHUTTLE",
    "SKYWEST",
    "SOUTHWEST",
    "SPIRIT",
    "STATE",
    "SUN COUNTRY",
    "TRANS STATES",
    "UNITED",
    "UPS",
    "VIRGIN",
    "WESTJET",
)
_CALLSIGN = re.compile(
    r"\b(?:" + "|".join(re.escape(a) for a in _AIRLINES) + r")\s*\d{1,4}[A-Z]?\b"
    r"|\b(?:AAL|ASA|ASH|AWI|DAL|EDV|EJA|ENY|FDX|FFT|JBU|JIA|NKS|RPA|SKW|SWA|UAL|UPS|GJS|"
    r"LXJ|QXE|CPZ|ACA|WJA|N)\d{1,5}[A-Z]{0,2}\b"
    # A generic "<WORD> <number>, <TYPE>": what follows ADVISED/FROM in 2014-15 narratives.
    r"|(?<=ADVISED )[A-Z]{3,}(?: [A-Z]{3,})? \d{1,4}[A-Z]?(?=, ?[A-Z0-9]{2,4}\b)",
    re.I,
)


def callsigns_redact(text: str) -> str:
    """``text`` with flight callsigns and N-number registrations replaced by ``[CALLSIGN]``."""
    return _CALLSIGN.sub(REDACTED, text or "")


def _published_narrative(report: Report) -> str:
    if report.source == Source.FAA and not report.narrative_redacted:
        return callsigns_redact(report.narrative)
    return report.narrative_redacted


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
