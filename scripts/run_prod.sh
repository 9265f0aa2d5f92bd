#!/usr/bin/env bash
# `make run-prod`: the production topology on this machine — gunicorn (gthread), one Celery
# worker, one beat — with config.settings.production against the local PostgreSQL and Redis.
# Every value below is a default for this local run only; set the variable to override it.
# The secret is generated once into var/prod_secret_key and passed explicitly: production
# settings still refuse to start without DJANGO_SECRET_KEY in a real deployment.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

export DJANGO_SETTINGS_MODULE=config.settings.production
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/skywatch}"
export CELERY_BROKER_URL="${CELERY_BROKER_URL:-redis://127.0.0.1:6379/0}"
export CACHE_URL="${CACHE_URL:-rediscache://127.0.0.1:6379/1}"
export DJANGO_ALLOWED_HOSTS="${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}"
# No TLS terminator in front of a local run: do not redirect to https. (Secure cookies stay on,
# so signing in to /admin/ needs https; use `make run` to explore as the demo analyst.)
export DJANGO_SECURE_SSL_REDIRECT="${DJANGO_SECURE_SSL_REDIRECT:-false}"
export WEB_HOST="${WEB_HOST:-127.0.0.1}" WEB_PORT="${WEB_PORT:-8000}"

mkdir -p var
if [[ -z "${DJANGO_SECRET_KEY:-}" ]]; then
    if [[ ! -s var/prod_secret_key ]]; then
        (umask 077 && "$PY" -c "import secrets; print(secrets.token_urlsafe(50))" > var/prod_secret_key)
    fi
    DJANGO_SECRET_KEY="$(cat var/prod_secret_key)"
    export DJANGO_SECRET_KEY
fi

# Create the database if the server does not have it yet.
"$PY" - <<'PY'
import os
from urllib.parse import urlsplit, urlunsplit

import psycopg

url = urlsplit(os.environ["DATABASE_URL"])
if url.scheme.startswith("postgres"):
    name = url.path.lstrip("/")
    with psycopg.connect(urlunsplit(url._replace(path="/postgres")), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")
PY
"$PY" manage.py migrate --noinput
"$PY" manage.py collectstatic --noinput --verbosity 0
echo "Skywatch (production settings): http://${WEB_HOST}:${WEB_PORT}  /readyz  /metrics (staff or METRICS_TOKEN)"
exec "$PY" scripts/procfile.py deploy/Procfile.prod
