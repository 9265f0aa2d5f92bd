"""The demo tells the truth: its trails match its statuses, it leaves no backlog for the
sweeper, and its reports vary the way real ones do."""

from __future__ import annotations

import pytest

from reports.models import EnrichmentStatus, Report, ReportEvent, ReportStatus, Source
from reports.services.demo import demo_seed
from reports.services.enrichment import enrichment_pending_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> int:
    return demo_seed(count=300)


def test_every_demo_reports_audit_trail_leads_to_its_status(demo):
    trails: dict[int, list[tuple[str, str]]] = {}
    for pk, frm, to in ReportEvent.objects.order_by("report_id", "at", "id").values_list(
        "report_id", "from_status", "to_status"
    ):
        trails.setdefault(pk, []).append((frm, to))
    published = 0
    for report in Report.objects.filter(source=Source.DEMO):
        trail = trails[report.pk]
        assert trail[0] == ("", "received") and trail[1] == ("received", "triage"), trail
        assert trail[-1][1] == report.status, (report.status, trail)
        for (_, to), (frm, _) in zip(trail, trail[1:], strict=False):
            assert frm == to, f"a broken trail: {trail}"
        if report.status == ReportStatus.PUBLISHED:
            published += 1
            assert [t for _, t in trail] == [
                "received",
                "triage",
                "verified",
                "classified",
                "published",
            ]
            assert report.published_at is not None and report.narrative_redacted
    assert published > 30


def test_the_demo_leaves_nothing_for_the_sweeper(demo):
    assert not Report.objects.filter(
        source=Source.DEMO, enrichment_status=EnrichmentStatus.PENDING
    ).exists()
    assert not Report.objects.filter(status=ReportStatus.RECEIVED).exists()
    assert enrichment_pending_ids(older_than_seconds=0) == []


def test_demo_reports_vary_like_real_ones(demo):
    reports = Report.objects.filter(source=Source.DEMO)
    assert reports.values("flight_phase").distinct().count() >= 5
    assert reports.values("drone_type").distinct().count() >= 3
    assert reports.values("altitude_ft").distinct().count() >= 30
    narratives = list(reports.values_list("narrative", flat=True))
    assert any(n[:1].islower() or "I saw" in n or "I watched" in n for n in narratives)
    assert len(set(narratives)) > 0.95 * len(narratives)
    referred = reports.exclude(referred_aerodrome_code="").exclude(
        referred_aerodrome_code=models_f("aerodrome_code")
    )
    assert referred.exists(), "some demo reports are about one aerodrome and nearest another"


def models_f(name: str):
    from django.db.models import F

    return F(name)


def test_the_admin_report_page_does_not_list_every_report_for_duplicate_of(admin_client, demo):
    report = Report.objects.filter(source=Source.DEMO).first()
    assert report is not None
    html = admin_client.get(f"/admin/reports/report/{report.pk}/change/").content.decode()
    assert html.count("<option") < 100, "duplicate_of must not render one option per report"
