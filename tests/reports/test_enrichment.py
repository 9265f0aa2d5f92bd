"""Enrichment bookkeeping: the sweeper finds what the broker lost; poison reports end failed."""

from __future__ import annotations

import pytest
from django.test import override_settings

from reports import tasks
from reports.models import EnrichmentStatus, Report
from reports.services import enrichment
from tests.reports.factories import new_report

pytestmark = pytest.mark.django_db


def test_a_report_whose_wake_up_was_lost_is_enriched_by_the_sweeper():
    report = new_report()  # on_commit never ran inside the test transaction: the message is "lost"
    assert Report.objects.get(pk=report.pk).enrichment_status == EnrichmentStatus.PENDING
    with override_settings(ENRICHMENT_SWEEP_AFTER_SECONDS=0):
        swept = tasks.sweep_pending_enrichment()
    assert swept == 1
    report.refresh_from_db()
    assert report.enrichment_status == EnrichmentStatus.DONE
    assert report.status == "triage"
    assert report.aerodrome_code == "LHR"


def test_the_sweeper_leaves_recent_reports_to_their_own_message():
    new_report()
    with override_settings(ENRICHMENT_SWEEP_AFTER_SECONDS=3600):
        assert tasks.sweep_pending_enrichment() == 0


def test_enriching_twice_changes_nothing_and_moves_status_once():
    report = new_report()
    assert enrichment.report_enrich(report_id=report.pk) is True
    first = Report.objects.get(pk=report.pk)
    assert enrichment.report_enrich(report_id=report.pk) is False
    enrichment.reports_enrich(report_ids=[report.pk])  # forced recompute is deterministic
    again = Report.objects.get(pk=report.pk)
    assert (again.h3_r9, again.aerodrome_code, again.aerodrome_distance_nm) == (
        first.h3_r9,
        first.aerodrome_code,
        first.aerodrome_distance_nm,
    )
    assert report.events.filter(to_status="triage").count() == 1


@override_settings(ENRICHMENT_MAX_ATTEMPTS=3)
def test_a_report_that_always_crashes_ends_failed_after_bounded_attempts(monkeypatch):
    report = new_report()

    def boom(**_):
        raise RuntimeError("geo exploded")

    monkeypatch.setattr(enrichment, "reports_enrich", boom)
    for _ in range(3):
        with pytest.raises(RuntimeError):
            enrichment.report_enrich(report_id=report.pk)
    assert enrichment.report_enrich(report_id=report.pk) is False
    report.refresh_from_db()
    assert report.enrichment_status == EnrichmentStatus.FAILED
    assert report.enrichment_attempts == 3
    assert "geo exploded" in report.enrichment_error
    other = new_report()
    monkeypatch.undo()
    assert enrichment.report_enrich(report_id=other.pk) is True


def test_a_late_duplicate_enrichment_never_undoes_an_analysts_status_change():
    from reports.services.workflow import report_transition

    report = new_report()
    enrichment.reports_enrich(report_ids=[report.pk])
    report_transition(report=report, to_status="verified", actor="analyst")
    enrichment.reports_enrich(report_ids=[report.pk])  # e.g. a redelivered message
    report.refresh_from_db()
    assert report.status == "verified"
    assert report.events.filter(to_status="triage").count() == 1
