"""Sign-in lockout (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords even the right one
is refused until the cool-off has passed. The admin sign-in is the only sign-in page; every
path goes through ``authenticate()``, which axes guards."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.test import RequestFactory

from tests.reports.factories import analyst_create

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def sign_in(client, password: str, **extra):
    return client.post(LOGIN, {"username": "analyst", "password": password}, **extra)


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_the_right_password_signs_in(client):
    analyst_create()
    assert signed_in(sign_in(client, "pw-analyst-1"))


def test_after_the_failure_limit_the_right_password_is_refused_too(client, settings):
    analyst_create()
    limit = settings.AXES_FAILURE_LIMIT
    codes = [sign_in(client, "wrong").status_code for _ in range(limit)]
    assert codes == [200] * (limit - 1) + [429]  # the form again, then the lockout page
    locked = sign_in(client, "pw-analyst-1")
    assert locked.status_code == 429 and not signed_in(locked)
    assert "Sign-in locked" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_holds_for_the_account_from_another_address_too(client, settings):
    analyst_create()
    for i in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong", REMOTE_ADDR=f"198.51.100.{i}")
    assert sign_in(client, "pw-analyst-1", REMOTE_ADDR="203.0.113.9").status_code == 429


def test_after_the_cool_off_the_right_password_works_again(client, settings):
    settings.AXES_COOLOFF_TIME = timedelta(seconds=1)
    analyst_create()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong")
    assert sign_in(client, "pw-analyst-1").status_code == 429
    time.sleep(1.2)
    assert signed_in(sign_in(client, "pw-analyst-1"))


def test_authenticate_itself_is_guarded_not_only_the_admin_page(settings):
    analyst_create()
    request = RequestFactory().post("/somewhere/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert authenticate(request, username="analyst", password="wrong") is None
    assert authenticate(request, username="analyst", password="pw-analyst-1") is None


def test_no_raw_address_is_stored_for_a_failed_sign_in(client):
    analyst_create()
    sign_in(client, "wrong", REMOTE_ADDR="198.51.100.23")
    attempt = AccessAttempt.objects.get()
    assert attempt.ip_address != "198.51.100.23" and attempt.ip_address.startswith("fd")
    assert "pw-" not in attempt.post_data and "wrong" not in attempt.post_data
