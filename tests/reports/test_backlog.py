"""Backlog batches (reports/services/backlog.py): the sweeper drains a large backlog in
vectorised batches, and a poison report in a batch does not hold the others back."""

from __future__ import annotations

import pytest
from django.test import override_settings

from reports import tasks
from reports.models import EnrichmentStatus, Report
from reports.services import backlog, enrichment
from tests.reports.test_workflow import new_report

pytestmark = pytest.mark.django_db


@override_settings(
    ENRICHMENT_SWEEP_AFTER_SECONDS=0, ENRICHMENT_BATCH_THRESHOLD=3, ENRICHMENT_BATCH_SIZE=4
)
def test_the_sweeper_drains_a_large_backlog_in_batches_not_one_message_each():
    reports = [new_report() for _ in range(10)]
    assert tasks.sweep_pending_enrichment() == 10
    rows = Report.objects.filter(pk__in=[r.pk for r in reports])
    assert set(rows.values_list("enrichment_status", flat=True)) == {EnrichmentStatus.DONE}
    assert set(rows.values_list("enrichment_attempts", flat=True)) == {1}
    # Three batches (4 + 4 + 2), each stamping its reports with one enrichment time.
    assert len(set(rows.values_list("enriched_at", flat=True))) == 3
    assert all(r.events.filter(to_status="triage").count() == 1 for r in rows)


@override_settings(ENRICHMENT_BATCH_SIZE=10)
def test_a_poison_report_in_a_batch_fails_alone_and_the_others_are_enriched(monkeypatch):
    good = [new_report() for _ in range(3)]
    poison = new_report()
    real = enrichment.reports_enrich

    def picky(*, report_ids, batch_size=2000):
        if poison.pk in list(report_ids):
            raise RuntimeError("geo exploded on this one")
        return real(report_ids=report_ids, batch_size=batch_size)

    monkeypatch.setattr(enrichment, "reports_enrich", picky)
    assert backlog.enrichment_batch_enrich() == 3
    assert set(
        Report.objects.filter(pk__in=[r.pk for r in good]).values_list(
            "enrichment_status", flat=True
        )
    ) == {EnrichmentStatus.DONE}
    poison.refresh_from_db()
    assert poison.enrichment_status == EnrichmentStatus.PENDING
    assert "geo exploded" in poison.enrichment_error
    assert poison.enrichment_attempts == 1  # the rolled-back batch did not count against it


def test_a_batch_finds_nothing_to_do_the_second_time():
    new_report()
    assert backlog.enrichment_batch_enrich() == 1
    assert backlog.enrichment_batch_enrich() == 0
