"""Test settings only speed things up and isolate state."""

from __future__ import annotations

import tempfile
from pathlib import Path

from config.settings.base import *  # noqa: F403
from config.settings.base import env

SECRET_KEY = "test-only-not-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
_tmp = Path(tempfile.mkdtemp(prefix="skywatch-test-"))
MEDIA_ROOT = _tmp / "media"
PRIVATE_MEDIA_ROOT = _tmp / "private"
EXPORT_ROOT = PRIVATE_MEDIA_ROOT / "exports"
STATIC_ROOT = _tmp / "static"  # WhiteNoise warns on every request when it is missing
STATIC_ROOT.mkdir()
# Tasks run in-process unless a test asks for a real broker; enqueue still happens on commit.
CELERY_BROKER_URL = env.str("TEST_CELERY_BROKER_URL", default="memory://")
CELERY_BROKER_TRANSPORT_OPTIONS = {}
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
MAP_TILE_URL = ""
REPORT_SUBMIT_RATE = "1000/minute"
# A file, not SQLite's in-memory default: the e2e tests start a real Celery worker process that
# must open the very database the test writes to. (PostgreSQL test databases are shared anyway.)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"].setdefault("TEST", {})["NAME"] = str(_tmp / "test-db.sqlite3")  # noqa: F405
