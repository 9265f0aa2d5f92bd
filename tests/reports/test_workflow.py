"""The status state machine refuses illegal moves and records every legal one."""

from __future__ import annotations

import pytest

from reports.models import Report, ReportStatus
from reports.services.workflow import IllegalTransition, report_transition
from tests.reports.factories import new_report

pytestmark = pytest.mark.django_db


def test_a_report_walks_from_received_to_published_with_an_audit_trail():
    report = new_report()
    for status in ("triage", "verified", "classified", "published"):
        report_transition(report=report, to_status=status, actor="analyst")
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert report.published_at is not None
    trail = list(report.events.order_by("id").values_list("from_status", "to_status"))
    assert trail == [
        ("", "received"),
        ("received", "triage"),
        ("triage", "verified"),
        ("verified", "classified"),
        ("classified", "published"),
    ]


@pytest.mark.parametrize(
    ("path", "illegal"),
    [
        ([], "published"),
        ([], "classified"),
        (["rejected"], "published"),
        (["duplicate"], "verified"),
        (["triage", "verified", "classified", "published", "closed"], "published"),
    ],
)
def test_illegal_transitions_are_refused_naming_the_current_state(path, illegal):
    report = new_report()
    for status in path:
        report_transition(report=report, to_status=status)
    before = report.events.count()
    with pytest.raises(IllegalTransition, match=f"from '{report.status}' to '{illegal}'"):
        report_transition(report=report, to_status=illegal)
    report.refresh_from_db()
    assert report.events.count() == before
    assert report.status == (path[-1] if path else "received")


def test_unpublishing_clears_the_publication_date():
    report = new_report()
    for status in ("triage", "classified", "published", "classified"):
        report_transition(report=report, to_status=status)
    report.refresh_from_db()
    assert report.published_at is None


def test_a_stale_copy_cannot_skip_the_state_machine():
    report = new_report()
    stale = Report.objects.get(pk=report.pk)
    report_transition(report=report, to_status="rejected")
    with pytest.raises(IllegalTransition, match="from 'rejected'"):
        report_transition(report=stale, to_status="verified")


def test_the_audit_trail_records_the_status_the_report_was_in_not_the_callers_copy():
    report = new_report()
    stale = Report.objects.get(pk=report.pk)  # still says "received"
    report_transition(report=report, to_status="triage", actor="analyst")
    report_transition(report=stale, to_status="verified", actor="analyst")
    trail = list(report.events.order_by("id").values_list("from_status", "to_status"))
    assert trail[-1] == ("triage", "verified"), "the locked row was in triage, not received"
    assert stale.status == "verified"
