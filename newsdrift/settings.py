"""newsdrift settings, read from the environment.

Every deployment-specific value comes from an environment variable (documented in
README.md and docs/DEPLOY.md), so one settings module serves development, tests and
production.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    """The variable as a whole number, or `default` when it is unset or blank. A value
    that is not one, or is below `minimum`, stops the start with one line saying so."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name}: {value[:40]!r} is not a whole number; give one such as {default}"
        ) from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}: {number} is too small; it must be at least {minimum}")
    return number


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

# A development key only while debugging: a production server that forgot its key must
# refuse to start rather than sign sessions with a key that is public.
_DEV_SECRET_KEY = "newsdrift-development-only-key-never-use-in-production-0123456789"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set: set it in the environment, or set DJANGO_DEBUG=1 for "
            "development."
        )
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "articles",
]

MIDDLEWARE = [
    # First: X-Forwarded-* only from the TLS proxy (newsdrift/forwarded.py).
    "newsdrift.forwarded.ForwardedHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the CSRF check reads a post's body (newsdrift/request_checks.py).
    "newsdrift.request_checks.RequestChecksMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: it refuses a sign-in while the user or address is locked out.
    "axes.backends.AxesStandaloneBackend",
    # Permission checks only: a user's permissions in one query, cached where
    # ModelBackend looks for them (issue 18).
    "newsdrift.permissions.PermissionsBackend",
    # Signs people in and loads them for their sessions (which name it).
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "newsdrift.urls"
WSGI_APPLICATION = "newsdrift.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.roles",
            ],
            # `{% url %}` that reverses ids without walking the URL patterns each time,
            # `|date` that writes the pages' formats without Django's format parser, and
            # `|truncatechars` that returns a text that fits without walking it.
            "builtins": [
                "newsdrift.url_reversal",
                "newsdrift.date_formatting",
                "newsdrift.truncation",
            ],
        },
    },
]

# Database: DATABASE_URL, or an SQLite file under var/.
VAR_DIR = Path(os.environ.get("NEWSDRIFT_VAR_DIR", BASE_DIR / "var"))


def database_from_env() -> dict:
    """DATABASE_URL parsed, or the SQLite file when it is unset or blank (as an empty
    `DATABASE_URL=` in a .env file leaves it). A URL that names no database the project
    runs on stops the start with one line saying so, not a traceback into the parser."""
    default = f"sqlite:///{VAR_DIR / 'newsdrift.sqlite3'}"
    url = os.environ.get("DATABASE_URL", "").strip() or default
    scheme = url.partition(":")[0].lower()
    if "://" not in url or scheme not in ("postgres", "postgresql", "pgsql", "sqlite"):
        raise ImproperlyConfigured(
            f"DATABASE_URL: {scheme or 'a URL without a scheme'!r} is not a database "
            "newsdrift runs on; use postgres://user@host:5432/name or sqlite:///path/to/file.sqlite3"
        )
    config = dj_database_url.parse(
        url,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"DATABASE_URL: {url.split('@')[-1]!r} names no database")
    return config


DATABASES = {"default": database_from_env()}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several editors write at once: WAL lets readers go on while one writes (each
    # connection asks for it, newsdrift/sqlite_wal.py), IMMEDIATE takes the write lock
    # when a transaction starts (so two writers queue instead of failing with
    # "database is locked" half-way), and the busy timeout says how long a writer
    # waits in that queue.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": (
            "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;"
        ),
    }
    # Tests run on a real file too (not SQLite's in-memory default), so that
    # concurrency tests see what production sees.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-newsdrift.sqlite3")}
    VAR_DIR.mkdir(parents=True, exist_ok=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "articles:dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploads: the importer enforces its own per-file limit while reading; anything larger
# than this goes to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# Sessions and cookies.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)

# Behind a TLS-terminating proxy (docs/DEPLOY.md). Its X-Forwarded-Proto and
# X-Forwarded-For are believed only then, and only from FORWARDED_ALLOW_IPS (the list
# gunicorn reads too; newsdrift/forwarded.py drops them from anyone else).
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
for _address in FORWARDED_ALLOW_IPS:
    try:
        if _address != "*":
            ipaddress.ip_network(_address)
    except ValueError as _error:
        raise ImproperlyConfigured(f"FORWARDED_ALLOW_IPS: {_error}") from None
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Asking browsers to preload HSTS is a commitment for the whole domain that only its
# owner can make (SECURE_HSTS_PRELOAD=1); the warning that it is off is not a defect.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: scripts and styles come from our own static files only, so
# that text from a scraped article can never run, even if it escaped escaping.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT failures for one user name
# from one address, sign-in is refused for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The browser's address, not the proxy's (newsdrift/client_address.py).
AXES_CLIENT_IP_CALLABLE = "newsdrift.client_address.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# Imports (articles/article_reader.py reads these through its own defaults).
# 1 MiB a side: the worst case the analysis meets at that size takes about 15 s, well
# inside gunicorn's 60 s (docs/PERFORMANCE.md); 5,000 news sentences are under 1 MiB.
NEWSDRIFT_MAX_ARTICLE_BYTES = env_int("NEWSDRIFT_MAX_ARTICLE_BYTES", 1024 * 1024, minimum=1)
NEWSDRIFT_MAX_BULK_BYTES = env_int("NEWSDRIFT_MAX_BULK_BYTES", 50 * 1024 * 1024, minimum=1)
# Pairs in one bulk upload: they are imported by a background job, not in the request.
NEWSDRIFT_MAX_BULK_PAIRS = env_int("NEWSDRIFT_MAX_BULK_PAIRS", 10_000, minimum=1)

# Import by URL (articles/fetching, docs/fetching.md): the whole fetch's time,
# redirects included; the page's size; the redirects followed. Private, loopback and
# link-local addresses are never fetched unless NEWSDRIFT_FETCH_ALLOW_PRIVATE says so:
# 1 (all of them, e.g. a newsroom's intranet) or a list of addresses and networks.
NEWSDRIFT_FETCH_TIMEOUT_SECONDS = env_int("NEWSDRIFT_FETCH_TIMEOUT_SECONDS", 15, minimum=1)
NEWSDRIFT_FETCH_MAX_BYTES = env_int("NEWSDRIFT_FETCH_MAX_BYTES", 5 * 1024 * 1024, minimum=1)
NEWSDRIFT_FETCH_MAX_REDIRECTS = env_int("NEWSDRIFT_FETCH_MAX_REDIRECTS", 5, minimum=0)
NEWSDRIFT_FETCH_ALLOW_PRIVATE = os.environ.get("NEWSDRIFT_FETCH_ALLOW_PRIVATE", "").strip()

# Background jobs (articles/jobs, docs/jobs.md). Embedded by default: the queue is a
# table of the database above and `manage.py jobs_worker` (started by `make run`) works
# it. With REDIS_URL set, jobs go through Redis (RQ) and any number of jobs_worker
# processes on any number of machines share them.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    # django-rq: the RQ backend's queues, and RQ's own pages in the admin (staff only).
    INSTALLED_APPS.insert(INSTALLED_APPS.index("articles"), "django_rq")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
RQ_QUEUES = {
    # A runner works for a slice (NEWSDRIFT_JOBS_SLICE_SECONDS) plus at most one item;
    # RQ stops a task that runs for an hour regardless.
    "default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 3600},
}
if REDIS_URL:
    # One cache for every server process (the API's per-token throttle counts there);
    # without Redis, each process counts in its own memory.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
NEWSDRIFT_JOBS_PROCESSES = env_int("NEWSDRIFT_JOBS_PROCESSES", 1, minimum=1)
NEWSDRIFT_JOBS_ITEM_SECONDS = env_int("NEWSDRIFT_JOBS_ITEM_SECONDS", 300, minimum=0)
NEWSDRIFT_JOBS_WORKER_MEMORY_MB = env_int("NEWSDRIFT_JOBS_WORKER_MEMORY_MB", 1024, minimum=0)
NEWSDRIFT_JOBS_PER_USER = env_int("NEWSDRIFT_JOBS_PER_USER", 5, minimum=0)
NEWSDRIFT_JOBS_RUNNERS = env_int("NEWSDRIFT_JOBS_RUNNERS", 4, minimum=1)
# 0: a runner queues its continuation after every item.
NEWSDRIFT_JOBS_SLICE_SECONDS = env_int("NEWSDRIFT_JOBS_SLICE_SECONDS", 20, minimum=0)
NEWSDRIFT_JOBS_LEASE_MARGIN_SECONDS = env_int("NEWSDRIFT_JOBS_LEASE_MARGIN_SECONDS", 60, minimum=0)
NEWSDRIFT_JOBS_STALL_SECONDS = env_int("NEWSDRIFT_JOBS_STALL_SECONDS", 300, minimum=0)
NEWSDRIFT_JOBS_KEEP_FILES_DAYS = env_int("NEWSDRIFT_JOBS_KEEP_FILES_DAYS", 7, minimum=0)
# A pair with more sentences than this on a side is imported by a background job.
NEWSDRIFT_INLINE_PAIR_MAX_SENTENCES = env_int("NEWSDRIFT_INLINE_PAIR_MAX_SENTENCES", 400, minimum=0)
# A JSON or CSV report of more comparisons than this is made by a background job.
NEWSDRIFT_EXPORT_INLINE_MAX = env_int("NEWSDRIFT_EXPORT_INLINE_MAX", 1000, minimum=0)
# A PDF of more units than this (one comparison or a selection) is made by a background
# job: about 10 ms a unit, so 1,000 units stay near 10 s, inside gunicorn's timeout.
NEWSDRIFT_PDF_INLINE_MAX_UNITS = env_int("NEWSDRIFT_PDF_INLINE_MAX_UNITS", 1000, minimum=0)

# The API (/api/v1/, docs/api.md): requests per token in a window ("120/min"; empty: no
# limit), counted in the default cache (CACHES; one per process unless shared).
NEWSDRIFT_API_RATE = os.environ.get("NEWSDRIFT_API_RATE", "120/min").strip()
# Webhooks (docs/api.md#webhooks): attempts per delivery, the wait before the second
# (doubled before each later one), the time one attempt may take, and whether private,
# loopback or link-local addresses may receive them.
NEWSDRIFT_WEBHOOK_ATTEMPTS = env_int("NEWSDRIFT_WEBHOOK_ATTEMPTS", 6, minimum=1)
NEWSDRIFT_WEBHOOK_BACKOFF_SECONDS = env_int("NEWSDRIFT_WEBHOOK_BACKOFF_SECONDS", 30, minimum=0)
NEWSDRIFT_WEBHOOK_TIMEOUT_SECONDS = env_int("NEWSDRIFT_WEBHOOK_TIMEOUT_SECONDS", 10, minimum=1)
NEWSDRIFT_WEBHOOK_ALLOW_PRIVATE = env_bool("NEWSDRIFT_WEBHOOK_ALLOW_PRIVATE", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # django-axes logs every sign-in at INFO; lockouts are WARNING and still shown.
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
NEWSDRIFT_BASE_URL = os.environ.get("NEWSDRIFT_BASE_URL", "http://127.0.0.1:8000")

# Discussion (articles/discussion): how long an author may edit or delete a comment,
# and whether notifications are also sent by email (off by default; in development
# the console backend prints them).
NEWSDRIFT_COMMENT_EDIT_MINUTES = env_int("NEWSDRIFT_COMMENT_EDIT_MINUTES", 15, minimum=0)
NEWSDRIFT_NOTIFY_EMAIL = env_bool("NEWSDRIFT_NOTIFY_EMAIL", False)
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsdrift@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=0)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
