"""Canary: every private field carries a unique string; none may reach any public output."""

from __future__ import annotations

import pytest
from django.test import override_settings

from reports.models import Attachment, Report
from reports.services.enrichment import reports_enrich
from reports.services.exports import export_write
from reports.services.publishing import report_publish
from reports.services.workflow import report_transition
from tests.reports.factories import new_report

pytestmark = pytest.mark.django_db

# Every text field of a report that the public must never see, filled with a canary. (The
# synopsis is written from city, state, aircraft type ... so those canaries also cover it.)
PRIVATE_TEXT_FIELDS = (
    "status_token",
    "client_hash",
    "contact_name",
    "contact_phone",
    "location_text",
    "city",
    "state_region",
    "country",
    "location_reference",
    "location_note",
    "drone_colour",
    "aircraft_type",
    "aircraft_callsign",
    "narrative",
    "aerodrome_name",
    "locality",
    "quarantine_reason",
    "source_key",
    "source_file",
    "source_release",
    "reference",
    "enrichment_error",
)


def canary_reports(n: int = 3) -> list[str]:
    canaries = []
    for i in range(n):
        report = new_report()
        reports_enrich(report_ids=[report.pk])
        values = {
            f: f"CANARY{i}{f.replace('_', '')}"[: 16 if f == "reference" else 40]
            for f in PRIVATE_TEXT_FIELDS
        }
        values["contact_email"] = f"canary{i}@canary-mail.example"
        values["extraction"] = {"callsign": f"CANARY{i}extraction"}
        values["narrative_redacted"] = "Published words only."
        Report.objects.filter(pk=report.pk).update(**values)
        Attachment.objects.create(
            report=report,
            original_path=f"CANARY{i}photo/original.jpg",
            public_image=f"photos/CANARY{i}public.jpg",
            content_type="image/jpeg",
            size_bytes=1,
            width=1,
            height=1,
        )
        for status in ("verified", "classified"):
            report_transition(report=report, to_status=status, actor="analyst")
        report_publish(report=report, actor="analyst")
        canaries += [v for v in values.values() if isinstance(v, str) and "anary" in v]
        canaries += [f"CANARY{i}extraction", f"CANARY{i}photo", f"CANARY{i}public"]
    return canaries


@override_settings(OPEN_DATA_TIME_GRAIN="day")
def test_no_private_value_appears_in_any_public_output(client, tmp_path):
    canaries = canary_reports()
    outputs = {}
    for url in (
        "/",
        "/open-data/",
        "/api/v1/public/reports.geojson",
        "/api/v1/public/reports.csv",
        "/api/v1/public/dictionary/",
        "/report/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        outputs[url] = response.content.decode()
    for fmt in ("csv", "xlsx", "geojson", "gpkg"):
        path = tmp_path / f"public.{fmt}"
        assert export_write(path=path, fmt=fmt, variant="public") == 3
        outputs[f"public export {fmt}"] = path.read_bytes().decode("latin-1")
    assert "Published words only." in outputs["/api/v1/public/reports.geojson"]
    for name, text in outputs.items():
        leaked = [c for c in canaries if c.lower() in text.lower()]
        assert not leaked, f"{name} leaks private values {leaked[:5]}"


def test_the_staff_list_is_not_a_public_output(client):
    canary_reports(1)
    assert client.get("/api/v1/reports/").status_code in (401, 403)
    assert client.get("/staff/reports/").status_code == 302
