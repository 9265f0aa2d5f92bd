"""One redaction for every published narrative: e-mails, phones, names and callsigns go; the
FAA's ordinary words stay."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports.services.redaction import narrative_redact


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("CONTACT J.DOE+UAS@MAIL.EXAMPLE.ORG FOR INFO.", "J.DOE+UAS@MAIL.EXAMPLE.ORG", "[EMAIL]"),
        ("ROME PD NOTIFIED AT 706-238-5111.", "706-238-5111", "ROME PD NOTIFIED AT [PHONE]."),
        ("WATERFORD PD (248) 674-0351", "674-0351", "WATERFORD PD [PHONE]"),
        ("POLICE NOTIFIED AT 703 572 2950.", "572 2950", "[PHONE]"),
        ("Call him on +44 7700 900123 or 07700 900456.", "900123", "on [PHONE] or [PHONE]."),
        ("CONTACT MR JOHN SMITH FOR DETAILS.", "JOHN SMITH", "CONTACT MR [NAME] FOR DETAILS."),
        ("and Mr. Scott called the airport FBO", "Scott", "Mr. [NAME] called the airport"),
        ("Student pilot name is Bruce Stafford; phone", "Stafford", "name is [NAME]; phone"),
        ("PILOT JANE DOE REPORTED A DRONE.", "JANE DOE", "PILOT [NAME] REPORTED A DRONE."),
        ("LISTED POC LT. KELVIN RAMIREZ OF THE COBB COUNTY PD.", "RAMIREZ", "LT. [NAME] OF THE"),
        ("Van Buren Police (Officer Perez) conducted a search", "Perez", "(Officer [NAME])"),
        ("DELTA 1234, B738, REPORTED A UAS.", "DELTA 1234", "[CALLSIGN], B738"),
    ],
)
def test_contact_details_names_and_callsigns_are_replaced(text, gone, kept):
    redacted = narrative_redact(text)
    assert gone not in redacted and kept in redacted, redacted


@pytest.mark.parametrize(
    "text",
    [
        "PILOT REPORTED A DRONE 500-1000 FEET BELOW AT 2,500 FEET.",
        "PILOT DID NOT TAKE EVASIVE ACTION. PILOT STATED THAT THE UAS WAS WHITE.",
        "NEAR MISS WITH A DRONE. MS SHERIFF NOTIFIED. PILOT WAS UNABLE TO SEE IT.",
        "OFFICER WAS DISPATCHED. DEPUTY CAUGHT MAN FLYING. THE CONTROLLER ADVISED.",
        "2014-12-29 1130P 3-6 MILE FINAL RUNWAY 8L, COORDINATES +43-10-04 -77-31-02.",
        "The Officer said the pilot was cooperative; Pilot Did Not see it.",
    ],
)
def test_ordinary_faa_wording_is_left_alone(text):
    assert narrative_redact(text) == text


@given(st.text(max_size=200))
def test_redaction_never_fails_and_is_idempotent(text):
    once = narrative_redact(text)
    assert narrative_redact(once) == once


@pytest.mark.django_db
def test_the_migration_redacts_narratives_published_before_it():
    import importlib

    from django.apps import apps

    from reports.models import Report
    from tests.reports.factories import new_report

    migration = importlib.import_module("reports.migrations.0007_replay_scoped_to_client")
    published, draft = new_report(), new_report()
    old = "PILOT REPORTED A DRONE. CONTACT MR JOHN SMITH AT 555-867-5309."
    Report.objects.filter(pk=published.pk).update(status="published", narrative_redacted=old)
    Report.objects.filter(pk=draft.pk).update(narrative_redacted=old)
    migration.redact_published_narratives(apps, None)
    assert Report.objects.get(pk=published.pk).narrative_redacted == (
        "PILOT REPORTED A DRONE. CONTACT MR [NAME] AT [PHONE]."
    )
    assert Report.objects.get(pk=draft.pk).narrative_redacted == old  # redacted when published
