"""Settings read from the environment through one `env` object.

With no environment at all the platform runs embedded: SQLite in ``var/`` and a
Celery broker on the local filesystem, so ``make run`` needs no server. Set
``DATABASE_URL`` and ``CELERY_BROKER_URL`` for PostgreSQL and Redis.
"""

from __future__ import annotations

import importlib.util
import secrets
from datetime import timedelta
from pathlib import Path

import environ

from config.security import content_security_policy

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)


def _local_secret_key() -> str:
    """A random key kept in var/ so web, worker and beat agree; production.py requires one."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="") or _local_secret_key()
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "reports",
]

MIDDLEWARE = [
    "config.metrics.MetricsMiddleware",  # first: it times and counts every response
    "django.middleware.security.SecurityMiddleware",
    "config.security.RejectNulBytesMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.security.PrivateNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reports.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the web process read while the worker writes; the timeout waits out short locks.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def database_connections(database: dict, *, max_age: int, pool: bool, pool_size: int) -> None:
    """Persistent connections (``max_age`` seconds, checked before reuse) or, on PostgreSQL,
    psycopg's pool; never both (Django refuses). production.py turns persistence on."""
    if pool and "postgresql" in database["ENGINE"]:
        options = database.setdefault("OPTIONS", {})
        options["pool"] = {"min_size": 1, "max_size": pool_size, "timeout": 10}
        database["CONN_MAX_AGE"] = 0
        database["CONN_HEALTH_CHECKS"] = True  # the pool checks a connection before lending it
        return
    database["CONN_MAX_AGE"] = max_age
    database["CONN_HEALTH_CHECKS"] = max_age > 0


database_connections(
    DATABASES["default"],
    max_age=env.int("DB_CONN_MAX_AGE", default=0),
    pool=env.bool("DB_POOL", default=False),
    pool_size=env.int("DB_POOL_SIZE", default=8),
)

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Leaflet ships inside django-leaflet's wheel; we take only its static files (its app module
# would pull in GeoDjango and a system GDAL, which we do not use).
_LEAFLET = importlib.util.find_spec("leaflet")
assert _LEAFLET is not None and _LEAFLET.origin, "django-leaflet is not installed"
STATICFILES_DIRS = [Path(_LEAFLET.origin).parent / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Originals (with EXIF, possibly GPS) never live under MEDIA_ROOT, which may be served.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

LOGIN_URL = "admin:login"

# --- Sign-in lockout (django-axes) on every sign-in path: each goes through authenticate() -----
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After LOGIN_FAILURE_LIMIT failures, the client and the username are each locked out for
# LOGIN_COOLOFF_MINUTES, right password or not (a 429 page saying so).
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
# The client as a keyed pseudonym (reports/throttling.py): axes never stores a raw address.
AXES_CLIENT_IP_CALLABLE = "reports.throttling.signin_client_address"
AXES_LOCKOUT_TEMPLATE = "reports/locked_out.html"
AXES_DISABLE_ACCESS_LOG = True  # failures are what the lockout needs; no log of every sign-in

# --- Limits on what the public can send ------------------------------------------------------
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 100  # Django's default, stated: more is a readable 400 page
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
REPORT_MAX_PHOTO_BYTES = env.int("REPORT_MAX_PHOTO_BYTES", default=8 * 1024 * 1024)
REPORT_MAX_PHOTO_PIXELS = env.int("REPORT_MAX_PHOTO_PIXELS", default=40_000_000)
REPORT_MAX_PHOTOS = env.int("REPORT_MAX_PHOTOS", default=3)
# A body sent chunked (no Content-Length) is read to its end up to this size, else 413
# (config/chunked.py); Django's limits above then apply to it as to any other body.
REQUEST_MAX_BODY_BYTES = env.int(
    "REQUEST_MAX_BODY_BYTES",
    default=DATA_UPLOAD_MAX_MEMORY_SIZE + REPORT_MAX_PHOTOS * REPORT_MAX_PHOTO_BYTES + 2**20,
)
# Filing through the API and the web form, per client, one shared count (reports/throttling.py).
REPORT_SUBMIT_RATE = env.str("REPORT_SUBMIT_RATE", default="30/minute")

# --- REST framework ---------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAdminUser"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["reports.parsers.SafeJSONParser"],
    "EXCEPTION_HANDLER": "reports.api_errors.exception_handler",
    # How many X-Forwarded-For hops to trust for client identity (0: REMOTE_ADDR only).
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Skywatch drone-sighting API",
    "DESCRIPTION": "File drone sightings and follow their status. Times are UTC (ISO 8601).",
    "VERSION": "1.0.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Describes each method of a reports.routing.MethodRouter URL from the view serving it.
    "DEFAULT_GENERATOR_CLASS": "reports.routing.SchemaGenerator",
}

# --- Maps -------------------------------------------------------------------------------------
# Tiles come from a setting: empty means no basemap tiles at all (tests, offline demos); the
# map then shows the bundled country outlines only.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="")
# No inline script; tiles only from MAP_TILE_URL's origin (config/security.py, django-csp).
CONTENT_SECURITY_POLICY = content_security_policy(tile_url=MAP_TILE_URL)
# Hotspot maps (reports/services/hotspots.py): snapshots of common views are refreshed every
# HOTSPOTS_SNAPSHOT_REFRESH seconds and served only while the report data is unchanged, for at
# most HOTSPOTS_SNAPSHOT_MAX_AGE seconds; other views are cached per query until it changes. Public
# hexagons with fewer reports than HOTSPOTS_PUBLIC_MIN_COUNT show no count.
HOTSPOTS_SNAPSHOT_REFRESH = env.int("HOTSPOTS_SNAPSHOT_REFRESH", default=600)
HOTSPOTS_SNAPSHOT_MAX_AGE = env.int("HOTSPOTS_SNAPSHOT_MAX_AGE", default=1800)
HOTSPOTS_CACHE_SECONDS = env.int("HOTSPOTS_CACHE_SECONDS", default=3600)
HOTSPOTS_PUBLIC_MIN_COUNT = env.int("HOTSPOTS_PUBLIC_MIN_COUNT", default=3)

# --- Celery -----------------------------------------------------------------------------------
# Embedded default: kombu's filesystem transport, so worker and beat run with no server.
BROKER_DIR = Path(env.str("CELERY_BROKER_DIR", default=str(VAR_DIR / "broker")))
# "localhost": the filesystem transport ignores it, and without one kombu warns at every start.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://localhost/")
CELERY_BROKER_TRANSPORT_OPTIONS: dict = {}
if CELERY_BROKER_URL.startswith("filesystem"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
else:
    # kombu's defaults wait forever on a dead broker; a request must not hang on an enqueue.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.5,
        "socket_timeout": 2,
        "socket_connect_timeout": 2,
        "visibility_timeout": 3600,
    }
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# Reports still pending enrichment after this many seconds are re-enqueued by the sweeper.
ENRICHMENT_SWEEP_AFTER_SECONDS = env.int("ENRICHMENT_SWEEP_AFTER_SECONDS", default=120)
ENRICHMENT_MAX_ATTEMPTS = env.int("ENRICHMENT_MAX_ATTEMPTS", default=5)
# A backlog (more than THRESHOLD pending) is drained in vectorised batches of BATCH_SIZE
# (reports/services/backlog.py); a sweep enqueues at most SWEEP_MAX_BATCHES batch tasks.
ENRICHMENT_BATCH_THRESHOLD = env.int("ENRICHMENT_BATCH_THRESHOLD", default=20)
ENRICHMENT_BATCH_SIZE = env.int("ENRICHMENT_BATCH_SIZE", default=500)
ENRICHMENT_SWEEP_MAX_BATCHES = env.int("ENRICHMENT_SWEEP_MAX_BATCHES", default=40)

# Reporter contact data and photo originals are purged this many days after receipt (0: keep).
RETENTION_CONTACT_DAYS = env.int("RETENTION_CONTACT_DAYS", default=365)
RETENTION_ORIGINALS_DAYS = env.int("RETENTION_ORIGINALS_DAYS", default=180)

# /readyz answers 503 when the oldest pending report or beat's heartbeat is older than these.
HEALTH_MAX_ENRICHMENT_LAG_SECONDS = env.int("HEALTH_MAX_ENRICHMENT_LAG_SECONDS", default=900)
HEALTH_MAX_BEAT_AGE_SECONDS = env.int("HEALTH_MAX_BEAT_AGE_SECONDS", default=300)

# /metrics answers staff, or a scraper sending "Authorization: Bearer <METRICS_TOKEN>".
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")

# --- Reference data ---------------------------------------------------------------------------
# Operator-loaded files live in the database; these are only defaults for `make run`'s demo.
SHARED_DATA_DIR = Path(env.str("SHARED_DATA_DIR", default=str(BASE_DIR.parent / "shared" / "data")))
# Keyed hash for client addresses: raw IPs are never stored.
CLIENT_HASH_KEY = env.str("CLIENT_HASH_KEY", default=SECRET_KEY)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# --- Exports and open data ----------------------------------------------------------------------
# Export files hold private data (staff exports may include contact details): never under MEDIA.
EXPORT_ROOT = Path(env.str("EXPORT_ROOT", default=str(PRIVATE_MEDIA_ROOT / "exports")))
# A staff list larger than this is exported in the background with a progress page.
EXPORT_SYNC_MAX_ROWS = env.int("EXPORT_SYNC_MAX_ROWS", default=5000)
# Background exports per user: at most this many waiting or running, and this many a day
# (rolling 24 hours); beyond either, 429 with Retry-After. Files (and their rows, marked
# expired) are deleted EXPORT_RETENTION_HOURS after they were written, by an hourly beat job.
EXPORT_MAX_ACTIVE_PER_USER = env.int("EXPORT_MAX_ACTIVE_PER_USER", default=2)
EXPORT_MAX_PER_DAY = env.int("EXPORT_MAX_PER_DAY", default=20)
EXPORT_RETENTION_HOURS = env.int("EXPORT_RETENTION_HOURS", default=72)
# Open data generalises place to the centre of an H3 cell at this resolution (7: ~5 km^2)...
OPEN_DATA_H3_RESOLUTION = env.int("OPEN_DATA_H3_RESOLUTION", default=7)
# ...and time to the day or month, plus a 6-hour block of the day (UTC).
OPEN_DATA_TIME_GRAIN = env.str("OPEN_DATA_TIME_GRAIN", default="month")
