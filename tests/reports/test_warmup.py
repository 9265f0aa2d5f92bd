"""gunicorn loads the reference data before it listens (config/gunicorn_conf.py)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from reports.services import reference as reference_service
from reports.services.warmup import process_warm

pytestmark = pytest.mark.django_db


def test_warming_builds_the_reference_bundle_the_first_request_would_otherwise_build():
    reference_service._state.update(version=None, data=None)  # a fresh process
    process_warm()
    assert reference_service._state["data"] is not None


def test_gunicorn_preloads_and_warms_before_binding():
    conf = runpy.run_path(str(Path(__file__).parents[2] / "config" / "gunicorn_conf.py"))
    assert conf["preload_app"] is True and callable(conf["on_starting"])


def test_the_default_broker_url_names_a_host_so_kombu_does_not_warn(settings):
    from kombu import Connection

    from config.settings import base

    assert Connection(base.CELERY_BROKER_URL).hostname == "localhost"
