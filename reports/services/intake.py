"""Filing a report: one transaction, then a wake-up for the enrichment worker after commit."""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from reports.models import Report, ReportEvent, ReportStatus, Source
from reports.services.references import new_reference, new_status_token

logger = logging.getLogger(__name__)

# Fields a public submission may set. Anything else (status, classification, ids) is refused
# upstream by the serializer/form; this list is the second line of defence.
PUBLIC_FIELDS = frozenset(
    {
        "observed_at",
        "observed_time_known",
        "reporter_role",
        "contact_name",
        "contact_email",
        "contact_phone",
        "contact_consent",
        "location_text",
        "city",
        "state_region",
        "country",
        "latitude",
        "longitude",
        "position_source",
        "altitude_ft",
        "altitude_reference",
        "drone_type",
        "drone_count",
        "drone_colour",
        "drone_lights",
        "aircraft_involved",
        "aircraft_type",
        "aircraft_callsign",
        "flight_phase",
        "closest_proximity_ft",
        "evasive_action",
        "nmac_declared",
        "narrative",
    }
)


@dataclass(frozen=True)
class PhotoUpload:
    name: str
    data: bytes


def client_hash(address: str | None) -> str:
    """A keyed hash of the client address: lets us throttle and spot abuse without storing IPs."""
    if not address:
        return ""
    key = settings.CLIENT_HASH_KEY.encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


def _enqueue_enrichment(report_id: int) -> None:
    # Imported lazily: the task module imports services, and the broker may be down. A failure
    # here must never turn a saved report into an error; the sweeper will pick it up.
    from reports.tasks import enrich_report

    try:
        enrich_report.apply_async(args=[report_id])
    except Exception:  # any broker failure: the report is safe in the database
        logger.warning(
            "enqueue failed for report %s; the sweeper will retry", report_id, exc_info=True
        )


def report_submit(
    *,
    data: dict[str, Any],
    source: str = Source.WEB,
    photos: list[PhotoUpload] | None = None,
    client_address: str | None = None,
    quarantine_reason: str = "",
) -> Report:
    """Create a report in one transaction and enqueue its enrichment after commit."""
    unknown = set(data) - PUBLIC_FIELDS
    if unknown:
        raise ValueError(f"fields not accepted from the public: {sorted(unknown)}")
    from reports.services.photos import attachment_create  # photos import Pillow; keep it lazy

    for _ in range(5):  # a reference collision is astronomically rare; retry rather than fail
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    **data,
                    reference=new_reference(),
                    status_token=new_status_token(),
                    source=source,
                    client_hash=client_hash(client_address),
                    status=ReportStatus.QUARANTINED if quarantine_reason else ReportStatus.RECEIVED,
                    quarantine_reason=quarantine_reason,
                )
                ReportEvent.objects.create(
                    report=report,
                    to_status=report.status,
                    actor=f"reporter ({source})",
                    note=quarantine_reason,
                )
                for photo in photos or []:
                    attachment_create(report=report, photo=photo)
                transaction.on_commit(
                    functools.partial(_enqueue_enrichment, report.pk), robust=True
                )
            return report
        except IntegrityError as exc:
            if "reference" not in str(exc) and "status_token" not in str(exc):
                raise
    raise RuntimeError("could not allocate a unique reference")


class FormTokenReused(Exception):
    """The form's token was already sent by another session, or with other details: not a
    replay, so the sender gets a fresh form and never the first report's private link."""


def report_submit_once(
    *,
    form_token: str,
    session_id: str,
    data: dict[str, Any],
    photos: list[PhotoUpload],
    client_address: str | None,
    quarantine_reason: str = "",
) -> Report:
    """File a web-form report at most once per rendered form (double click, refresh, back).

    The token's row and the report commit together; a concurrent duplicate waits on the unique
    index, then finds the first report. Only the same session (``session_id``, a random id kept
    in the visitor's session) sending the same details gets that report back; anything else
    raises ``FormTokenReused``.
    """
    from reports.models import FormSubmission
    from reports.services.idempotency import request_fingerprint

    scope = client_hash(f"form-session:{session_id}")
    fingerprint = request_fingerprint(
        {
            "data": data,
            "photos": [hashlib.sha256(photo.data).hexdigest() for photo in photos],
            "quarantine": quarantine_reason,
        }
    )
    try:
        with transaction.atomic():
            submission = FormSubmission.objects.create(
                token=form_token, scope=scope, request_hash=fingerprint
            )
            report = report_submit(
                data=data,
                source=Source.WEB,
                photos=photos,
                client_address=client_address,
                quarantine_reason=quarantine_reason,
            )
            submission.report = report
            submission.save(update_fields=["report"])
            return report
    except IntegrityError:
        existing = FormSubmission.objects.select_related("report").filter(token=form_token).first()
        if existing is None or existing.report is None:
            raise
    if existing.scope != scope or existing.request_hash != fingerprint:
        raise FormTokenReused("This form has already been sent.")
    return existing.report
