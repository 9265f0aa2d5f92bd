"""Odd input found by probing: each is a clear 4xx naming the problem, never a 500 or a silent
drop. (The NUL-byte cases were 500s on PostgreSQL, which refuses NUL in any text.)"""

from __future__ import annotations

import io
import json
import sys
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from reports.models import Attachment, Report
from tests.reports.factories import analyst_create, form_data, valid_payload

pytestmark = pytest.mark.django_db


def png(colour: tuple[int, int, int] = (10, 120, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), colour).save(out, format="PNG")
    return out.getvalue()


def photos(n: int) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(f"p{i}.png", png(), content_type="image/png") for i in range(n)]


# --- NUL bytes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/v1/status/abc%00def/", "/track/abc%00def/"])
def test_a_status_token_with_a_nul_byte_is_not_found(client, path):
    response = client.get(path)
    assert response.status_code == 404


def test_a_nul_byte_in_an_admin_filter_is_a_400_naming_the_parameter(admin_client):
    response = admin_client.get("/admin/reports/report/?status__exact=%00")
    assert response.status_code == 400
    assert "status__exact" in response.content.decode()


def test_a_nul_byte_in_an_api_query_is_a_json_400(client):
    client.force_login(analyst_create())
    response = client.get("/api/v1/reports/?aerodrome=EG%00LL")
    assert response.status_code == 400
    assert "aerodrome" in response.json()["detail"]


def test_a_nul_byte_in_the_session_cookie_is_a_400_not_a_500(client):
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    response = client.get("/staff/reports/")
    assert response.status_code == 400
    assert "sessionid" in response.content.decode()


# --- the web form: dates and photos ---------------------------------------------------------


@pytest.mark.parametrize(
    ("observed_at", "offset"), [("9999-12-31T23:59", "840"), ("0001-01-01T00:00", "-840")]
)
def test_a_date_at_the_end_of_the_calendar_is_a_form_error_on_observed_at(
    client, observed_at, offset
):
    response = client.post("/report/", form_data(observed_at=observed_at, tz_offset_minutes=offset))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_observed_at-error"' in html and "out of range" in html
    assert Report.objects.count() == 0


def test_fifty_photos_are_refused_naming_the_limit_not_silently_cut_to_one(client, settings):
    response = client.post("/report/", {**form_data(), "photo": photos(50)})
    assert response.status_code == 400
    html = response.content.decode()
    assert f"At most {settings.REPORT_MAX_PHOTOS} photos" in html and "you attached 50" in html
    assert Report.objects.count() == 0 and Attachment.objects.count() == 0


def test_up_to_the_limit_every_photo_is_kept(client, settings):
    response = client.post("/report/", {**form_data(), "photo": photos(settings.REPORT_MAX_PHOTOS)})
    assert response.status_code == 302
    assert Attachment.objects.filter(report=Report.objects.get()).count() == 3


def test_more_files_than_django_parses_get_a_readable_page_naming_the_limit(client, settings):
    response = client.post("/report/", {**form_data(), "photo": photos(120)})
    assert response.status_code == 400
    html = response.content.decode()
    assert f"at most {settings.DATA_UPLOAD_MAX_NUMBER_FILES}" in html
    assert f"at most {settings.REPORT_MAX_PHOTOS} photos" in html and "<html" in html
    assert Report.objects.count() == 0


# --- a chunked JSON body (no Content-Length), through the real WSGI entry point -------------


def wsgi_post(body: bytes, *, chunked: bool = True) -> tuple[str, bytes]:
    from config.wsgi import application

    environ: dict = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/api/v1/reports/",
        "CONTENT_TYPE": "application/json",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "REMOTE_ADDR": "127.0.0.1",
    }
    if chunked:  # what gunicorn passes on: de-chunked stream, terminated, no Content-Length
        environ.update({"HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input_terminated": True})
    else:
        environ["CONTENT_LENGTH"] = str(len(body))
    setup_testing_defaults(environ)
    seen: dict[str, str] = {}

    def start_response(status: str, headers: list, exc_info: object = None) -> None:
        seen["status"] = status

    result = application(environ, start_response)
    try:
        content = b"".join(result)
    finally:
        getattr(result, "close", lambda: None)()
    return seen["status"], content


@pytest.mark.django_db(transaction=True)
def test_a_chunked_json_report_is_filed_not_read_as_empty():
    status, content = wsgi_post(json.dumps(valid_payload(narrative="sent chunked")).encode())
    assert status.startswith("201"), content[:300]
    reference = json.loads(content)["reference"]
    assert Report.objects.get(reference=reference).narrative == "sent chunked"


@pytest.mark.django_db(transaction=True)
def test_a_chunked_body_is_held_to_the_same_size_limits(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    big = json.dumps(valid_payload(narrative="x" * 20_000)).encode()
    status, content = wsgi_post(big)
    assert status.startswith("413"), content[:300]
    settings.REQUEST_MAX_BODY_BYTES = 5_000
    status, content = wsgi_post(big)
    assert status.startswith("413") and b"at most 5000 bytes" in content
    assert Report.objects.count() == 0
