"""Settings for Hiring Advisor, read from environment variables (by `advisor.env`) with
safe defaults.

A bad value fails loudly at start-up rather than running with a surprise.
"""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path

import dj_database_url

from advisor.env import env, env_bool, env_cache, env_int, env_origins
from advisor.ops.logs import sentry_init

BASE_DIR = Path(__file__).resolve().parent.parent


def _secret_key() -> str:
    # Never a key in the repository: take it from the environment, else make one
    # once and keep it in an untracked file so sessions survive restarts.
    if key := env("SECRET_KEY"):
        return key
    path = BASE_DIR / ".secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = [
    h for h in env("ALLOWED_HOSTS", "127.0.0.1,localhost").replace(" ", "").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [o for o in env("CSRF_TRUSTED_ORIGINS").replace(" ", "").split(",") if o]


# Sites that may show the advisor in a frame (see advisor/outreach/embed.py); empty: none may.
EMBED_ORIGINS = env_origins("EMBED_ORIGINS")

INSTALLED_APPS = [
    "modeltranslation",  # the bank's texts in each language (advisor/translation.py)
    "advisor.apps.AdvisorAdminConfig",  # django.contrib.admin with the advisor's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "reversion",
    "django_otp",  # staff who may publish or change costs sign in with a second factor
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # their recovery codes
    "advisor",
]

MIDDLEWARE = [
    # Outermost: every response, probes and 503s included, gets its request id and is counted.
    "advisor.ops.observe.RequestIdMiddleware",
    "advisor.ops.middleware.DatabaseFaultMiddleware",
    "advisor.ops.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session and CSRF middleware: it sees the cookies they set on the way out.
    "advisor.outreach.embed.EmbedMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "advisor.ops.language.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "advisor.urls"
WSGI_APPLICATION = "advisor.wsgi.application"

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
                "advisor.outreach.embed.context",
            ],
        },
    },
]

# SQLite when DATABASE_URL is unset: WAL so readers never wait for the writer,
# IMMEDIATE transactions so two writers queue instead of failing mid-transaction.
# Connections are kept between requests: opening one costs more than a whole page.
# A PostgreSQL connection is checked before a request reuses it (CONN_HEALTH_CHECKS), so
# one that a database restart ended is replaced at once. A SQLite connection cannot be
# checked that way (one opened while the file was read-only stays read-only), so it is
# kept for seconds, not a minute, and dropped at once when a write fails.
if env("DATABASE_URL"):
    CONN_MAX_AGE = env_int("CONN_MAX_AGE", 60)
    DATABASES = {
        "default": dj_database_url.parse(
            env("DATABASE_URL"), conn_max_age=CONN_MAX_AGE, conn_health_checks=True
        )
    }
    # An unreachable server costs a founder seconds and a 503, not a hung page.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5)
    )
else:
    CONN_MAX_AGE = env_int("CONN_MAX_AGE", 5)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "CONN_MAX_AGE": CONN_MAX_AGE,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions are signed cookies: any app server can serve any request, and reading one
# costs no query. They hold only pointers (the draft's token); answers are in the database.
# Signed cookies: every app server reads any browser's session with no shared store.
# SESSION_ENGINE=django.contrib.sessions.backends.cache keeps them in CACHE_URL's cache.
SESSION_ENGINE = env("SESSION_ENGINE", "django.contrib.sessions.backends.signed_cookies")
SESSION_COOKIE_AGE = 60 * 60 * 24 * 90
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "advisor.ops.responses.csrf_failure"
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

# English at `/`, Spanish at `/es/`, German at `/de/` (advisor/ops/language.py).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español"), ("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["advisor.ops.formats"]  # where a language's numbers differ from Django's
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
# The bank's texts: English is the original, Spanish and German columns beside it.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
MODELTRANSLATION_AUTO_POPULATE = "default"  # `text=` also fills `text_en`
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365
EMBED_SCRIPT = "advisor/embed.js"


def _static_headers(headers, path: str, url: str) -> None:
    # Other sites link to the embed script by its plain name: keep it fresh for an hour
    # rather than the year hashed names get.
    if url.endswith("/" + EMBED_SCRIPT):
        headers["Cache-Control"] = "public, max-age=3600"


WHITENOISE_ADD_HEADERS_FUNCTION = _static_headers

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Rendered pages, per process by default (see advisor/ops/page_cache.py): results never
# change and step pages change only with the bank, so a worker's own copy is always right.
# CACHE_URL=redis://host:6379/0 (pip install redis) or memcached://host:11211 (pip install
# pymemcache) shares one cache between every worker and app server instead.
CACHES = {"default": env_cache("CACHE_URL", entries=env_int("PAGE_CACHE_ENTRIES", 300))}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security headers. HTTPS=1 behind TLS turns on the production-only flags.
HTTPS = env_bool("HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 60 * 60 * 24 * 365) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}

# Limits per client, in the database so they hold across app servers.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
RESULTS_PER_HOUR = env_int("RESULTS_PER_HOUR", 30)  # results made
DRAFTS_PER_HOUR = env_int("DRAFTS_PER_HOUR", 100)  # sets of answers started
TEAMS_PER_HOUR = env_int("TEAMS_PER_HOUR", 30)  # team decisions started or joined
NEW_TAB_LINKS_PER_HOUR = env_int("NEW_TAB_LINKS_PER_HOUR", 100)  # "open in a new tab" links
LOGIN_FAILURES_PER_15_MINUTES = env_int("LOGIN_FAILURES_PER_15_MINUTES", 5)

# While the database is unavailable founders get a 503 that asks them to come back after
# this many seconds. /readyz answers 503 when the database refuses a write or one of these
# directories (the SQLite file's, and the temporary files') has less free space than this.
RETRY_AFTER_SECONDS = env_int("RETRY_AFTER_SECONDS", 5)
READY_MIN_FREE_MB = env_int("READY_MIN_FREE_MB", 100)
READY_DISK_PATHS = [p for p in env("READY_DISK_PATHS").replace(" ", "").split(",") if p]
if not READY_DISK_PATHS:
    READY_DISK_PATHS = [tempfile.gettempdir()]
    if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        READY_DISK_PATHS.insert(0, str(Path(DATABASES["default"]["NAME"]).parent))

# Email: the console unless EMAIL_HOST names an SMTP server. Founders' addresses are used
# to send and not kept (advisor/outreach/emails.py).
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Hiring Advisor <advisor@localhost>")
EMAILS_PER_HOUR = env_int("EMAILS_PER_HOUR", 10)  # emails one client may ask for
PDFS_PER_HOUR = env_int("PDFS_PER_HOUR", 30)  # result PDFs one client may have made
# Result PDFs are rendered once per result and cost settings and kept here (oldest
# removed beyond PDF_FILES), so a burst of downloads is served from files.
PDF_DIR = Path(env("PDF_DIR", str(BASE_DIR / "var" / "pdfs")))
PDF_FILES = env_int("PDF_FILES", 2000)
# How long an emailed "finish later" link works, unless revoked first.
RESUME_LINK_DAYS = env_int("RESUME_LINK_DAYS", 30)
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 10)

# Admin work done in the request while small, else as a job the admin watches
# (advisor/admin/background.py): a replay or effect check over more completed results
# than this, analytics over more days (once there are that many results), an export of
# more rows, written as a file under EXPORT_DIR.
ADMIN_INLINE_RESULTS = env_int("ADMIN_INLINE_RESULTS", 10_000)
ANALYTICS_INLINE_DAYS = env_int("ANALYTICS_INLINE_DAYS", 31)
EXPORT_INLINE_ROWS = env_int("EXPORT_INLINE_ROWS", 50_000)
EXPORT_DIR = Path(env("EXPORT_DIR", str(BASE_DIR / "exports")))
# A worker's claim on a job lasts this long unless the job writes progress; past it, the
# next worker runs the job and the first one's outcome is refused (advisor/ops/jobs.py).
JOB_LEASE_SECONDS = env_int("JOB_LEASE_SECONDS", 15 * 60)
# Jobs that ended, and export files, older than this are deleted by the worker.
JOB_KEEP_DAYS = env_int("JOB_KEEP_DAYS", 30)

# One JSON object a line, each with the request's id (advisor/ops/logs.py); LOG_FORMAT=plain
# for lines a person reads in a terminal. LOG_LEVEL=INFO also logs every request.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "advisor.ops.logs.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": env("LOG_FORMAT", "json")}
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
# A request slower than this is logged (a warning) with its view and number of queries.
SLOW_REQUEST_MS = env_int("SLOW_REQUEST_MS", 1000)
# /metrics answers staff signed in, and a scraper sending "Authorization: Bearer <token>".
METRICS_TOKEN = env("METRICS_TOKEN")

# Errors to Sentry (or any service that takes its SDK) when SENTRY_DSN is set; sentry-sdk is
# imported only then (pip install sentry-sdk). Never founders' personal data.
if SENTRY_DSN := env("SENTRY_DSN"):
    sentry_init(SENTRY_DSN, env("SENTRY_ENVIRONMENT", "production"))

# The issuer an authenticator app shows beside a staff user's one-time codes.
OTP_TOTP_ISSUER = "Hiring Advisor"
