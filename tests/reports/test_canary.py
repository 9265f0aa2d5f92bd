"""Canary: every private field carries a unique string; none may reach any public output."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command
from django.test import Client, override_settings

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
        values: dict[str, Any] = {
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


PUBLIC_URLS = (
    "/",
    "/open-data/",
    "/api/v1/public/reports.geojson",
    "/api/v1/public/reports.csv",
    "/api/v1/public/dictionary/",
    "/report/",
)


def file_text(path: Path) -> str:
    """Everything a file shows a reader. An XLSX file is a zip of compressed XML, so its bytes
    never contain a value: read every cell of every sheet instead."""
    if path.suffix == ".xlsx":
        workbook = openpyxl.load_workbook(path, read_only=True)
        return "\n".join(
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    return path.read_bytes().decode("latin-1")


def public_outputs(client: Client, tmp_path: Path, rows: int) -> dict[str, str]:
    """Every public output: pages, open-data API, and the public export in each format."""
    outputs = {}
    for url in PUBLIC_URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        outputs[url] = response.content.decode()
    for fmt in ("csv", "xlsx", "geojson", "gpkg"):
        path = tmp_path / f"public.{fmt}"
        assert export_write(path=path, fmt=fmt, variant="public") == rows
        outputs[f"public export {fmt}"] = file_text(path)
    return outputs


def leaks(outputs: dict[str, str], canaries: list[str]) -> dict[str, list[str]]:
    found = {
        name: [c for c in canaries if c.lower() in text.lower()] for name, text in outputs.items()
    }
    return {name: values for name, values in found.items() if values}


@override_settings(OPEN_DATA_TIME_GRAIN="day")
def test_no_private_value_appears_in_any_public_output(client, tmp_path):
    canaries = canary_reports()
    outputs = public_outputs(client, tmp_path, rows=3)
    assert "Published words only." in outputs["/api/v1/public/reports.geojson"]
    assert "Published words only." in outputs["public export xlsx"], "the XLSX was not read"
    assert not leaks(outputs, canaries)


def test_a_canary_planted_in_an_xlsx_output_is_found(tmp_path):
    """The XLSX branch can fail: a canary written into a cell of a real export is reported."""
    canaries = canary_reports(1)
    path = tmp_path / "public.xlsx"
    export_write(path=path, fmt="xlsx", variant="public")
    assert not leaks({"xlsx": file_text(path)}, canaries)
    workbook = openpyxl.load_workbook(path)
    workbook["reports"]["V2"] = f"seen by {canaries[3]}"
    workbook.save(path)
    assert leaks({"xlsx": file_text(path)}, canaries) == {"xlsx": [canaries[3]]}


# An FAA-shaped row whose narrative holds contact details and names, as released rows sometimes
# do ("name is Bruce Stafford; phone", "NOTIFIED AT 706-238-5111").
FAA_CANARIES = {
    "email": "canary.reporter@canary-mail.example",
    "phone": "555-867-5309",
    "international phone": "+44 7700 900123",
    "honorific name": "JOHN CANARYSMITH",
    "pilot name": "JANE CANARYDOE",
    "officer name": "Canaryperez",
    "named": "Bruce Canarystafford",
    "callsign": "DELTA 4321",
}
FAA_NARRATIVE = (
    "PRELIM INFO FROM FAA OPS: ORLANDO, FL/UAS SIGHTING/1334E/KISSIMMEE ATCT ADVISED, "
    "EMBRAER E50P, {callsign}, REPORTED A WHITE UAS WHILE NNW BOUND AT 400 FEET ON A 1.5 MILE "
    "FINAL FOR RUNWAY 33. UAS CAME WITHIN 100 FEET OF ACFT. NO EVASIVE ACTION TAKEN. "
    "PILOT {pilot name} REPORTED IT AGAIN. CONTACT MR {honorific name} AT {phone} OR "
    "{email}, OR {international phone}. Officer {officer name} of Osceola County Sheriff "
    "attended; the operator's name is {named}."
).format_map(FAA_CANARIES)


@override_settings(OPEN_DATA_TIME_GRAIN="day")
def test_an_imported_faa_narrative_is_published_without_contacts_or_names(client, tmp_path):
    path = tmp_path / "2022-10_2022-12__canary.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Date", "State", "City", "Summary"])
        writer.writerow(["2022-10-01", "FLORIDA", "ORLANDO", FAA_NARRATIVE])
    out = io.StringIO()
    call_command(
        "import_faa", str(path), "--publish", "--errors", str(tmp_path / "e.csv"), stdout=out
    )
    assert json.loads(out.getvalue().splitlines()[-1])["published"] == 1
    outputs = public_outputs(client, tmp_path, rows=1)
    published = outputs["/api/v1/public/reports.csv"]
    for marker in ("WHITE UAS", "[EMAIL]", "[PHONE]", "[NAME]", "[CALLSIGN]"):
        assert marker in published, f"{marker} missing: the narrative was not published redacted"
    canaries = [*FAA_CANARIES.values(), "867-5309", "7700 900123", "CANARYSMITH", "CANARYDOE"]
    assert not leaks(outputs, canaries)


def test_the_staff_list_is_not_a_public_output(client):
    canary_reports(1)
    assert client.get("/api/v1/reports/").status_code in (401, 403)
    assert client.get("/staff/reports/").status_code == 302
