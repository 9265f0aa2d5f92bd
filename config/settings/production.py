"""Production only hardens: a real secret, HTTPS, explicit hosts."""

from __future__ import annotations

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES, database_connections, env

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY")  # required: no fallback in production
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# Probes and scrapers call these over plain HTTP inside the network; never redirect them.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Persistent connections, checked before reuse, unless DB_POOL=true picks psycopg's pool: on
# gunicorn gthread workers both beat a connection per request (bench/db_connections.py).
database_connections(
    DATABASES["default"],
    max_age=env.int("DB_CONN_MAX_AGE", default=600),
    pool=env.bool("DB_POOL", default=False),
    pool_size=env.int("DB_POOL_SIZE", default=8),
)
