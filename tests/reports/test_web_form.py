"""The public web form, via Django's test client (the browser tests drive the same pages)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image

from reports.models import Attachment, Report
from tests.reports.factories import form_data

pytestmark = pytest.mark.django_db


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "CanaryCam"  # Make
    gps = {1: "N", 2: (51.0, 28.0, 12.0), 3: "W", 4: (0.0, 27.0, 15.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_the_form_renders_with_labels_and_a_one_time_token(client):
    response = client.get("/report/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_observed_at">' in html
    assert '<label for="id_location_text">' in html
    assert 'name="form_token"' in html
    assert "leaflet/leaflet.js" in html


def test_filing_redirects_to_a_private_page_with_the_reference(client):
    response = client.post("/report/", form_data(), follow=True)
    assert response.status_code == 200
    report = Report.objects.get()
    html = response.content.decode()
    assert report.reference in html
    assert f"/track/{report.status_token}/" in html
    assert report.source == "web" and report.location_text == "EGLL"


def test_a_double_submit_of_one_form_files_one_report(client):
    first = client.post("/report/", form_data(token="same"))
    second = client.post("/report/", form_data(token="same"))
    assert Report.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_errors_are_shown_next_to_the_field_and_nothing_is_filed(client):
    future = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post("/report/", form_data(observed_at=future, location_text=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_observed_at-error"' in html and "future" in html
    assert 'id="id_location_text-error"' in html
    assert Report.objects.count() == 0


def test_local_time_is_converted_to_utc_with_the_browser_offset(client):
    client.post("/report/", form_data(observed_at="2025-06-01T15:30", tz_offset_minutes="-60"))
    assert Report.objects.get().observed_at.isoformat() == "2025-06-01T14:30:00+00:00"


def test_a_filled_honeypot_quarantines_rather_than_drops(client):
    client.post("/report/", form_data(website="http://spam.example"))
    report = Report.objects.get()
    assert report.status == "quarantined"
    assert "honeypot" in report.quarantine_reason


def test_the_public_copy_of_a_photo_has_no_exif_but_gps_is_kept_privately(client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("sighting.jpg", jpeg_with_gps(), content_type="image/jpeg")
    client.post("/report/", {**form_data(), "photo": upload})
    attachment = Attachment.objects.get()
    public = Image.open(attachment.public_image.path)
    assert not public.getexif(), "public copy must carry no EXIF"
    assert b"CanaryCam" not in open(attachment.public_image.path, "rb").read()
    assert attachment.exif_latitude == pytest.approx(51.47, abs=0.001)
    assert attachment.exif_longitude == pytest.approx(-0.4542, abs=0.001)
    original = settings.PRIVATE_MEDIA_ROOT / attachment.original_path
    assert b"CanaryCam" in original.read_bytes()
    assert not str(original).startswith(str(settings.MEDIA_ROOT))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"GIF89a not really", "JPEG or PNG"),
        (b"\x00" * 100, "JPEG or PNG"),
    ],
)
def test_a_bad_photo_is_a_form_error(client, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("x.jpg", content, content_type="image/jpeg")
    response = client.post("/report/", {**form_data(), "photo": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Report.objects.count() == 0


def test_a_decompression_bomb_is_refused_not_a_500(client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.REPORT_MAX_PHOTO_PIXELS = 1_000_000
    out = io.BytesIO()
    Image.new("L", (4000, 4000)).save(out, format="PNG")  # 16 MP of zeros compresses tiny
    upload = SimpleUploadedFile("bomb.png", out.getvalue(), content_type="image/png")
    response = client.post("/report/", {**form_data(), "photo": upload})
    assert response.status_code == 400
    assert "too many pixels" in response.content.decode()


def test_the_status_page_shows_no_private_data(client):
    client.post(
        "/report/", form_data(contact_name="Canary Name", contact_email="canary@example.org")
    )
    report = Report.objects.get()
    html = client.get(f"/track/{report.status_token}/").content.decode()
    assert report.reference in html
    assert "Canary Name" not in html and "canary@example.org" not in html
