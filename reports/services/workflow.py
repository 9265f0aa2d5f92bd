"""The report's state machine: every status change goes through ``report_transition``."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from reports.models import STATUS_TRANSITIONS, Report, ReportEvent, ReportStatus


class IllegalTransition(ValueError):
    """A status change the state machine does not allow; the message names both states."""


def report_transition(*, report: Report, to_status: str, actor: str = "", note: str = "") -> Report:
    """Move ``report`` to ``to_status`` or raise ``IllegalTransition``.

    The current status is re-read under a row lock, so two analysts acting at once cannot both
    move the report from the same state; the move is checked against, and the audit trail
    records, that locked status, never the caller's copy (which may be stale).
    """
    with transaction.atomic():
        current = Report.objects.select_for_update().get(pk=report.pk)
        allowed = STATUS_TRANSITIONS.get(current.status, frozenset())
        if to_status not in allowed:
            options = ", ".join(sorted(allowed)) or "none"
            raise IllegalTransition(
                f"cannot move report {current.reference} from '{current.status}' to "
                f"'{to_status}' (allowed from '{current.status}': {options})"
            )
        from_status = current.status
        fields = ["status"]
        current.status = to_status
        if to_status == ReportStatus.PUBLISHED:
            current.published_at = timezone.now()
            fields.append("published_at")
        elif current.published_at and to_status != ReportStatus.CLOSED:
            current.published_at = None  # withdrawn from publication
            fields.append("published_at")
        current.save(update_fields=fields)
        ReportEvent.objects.create(
            report=current, from_status=from_status, to_status=to_status, actor=actor, note=note
        )
    report.status, report.published_at = current.status, current.published_at
    return report
