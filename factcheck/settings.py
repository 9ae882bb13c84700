"""Settings for factcheck, read from environment variables with safe defaults.

SQLite is the zero-setup default; set DATABASE_URL (postgres://...) for PostgreSQL.
"""

import json
import logging
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
# The fallback key only exists so a fresh clone runs; `check --deploy` flags it (W009).
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-development-only-do-not-deploy"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks_db",
    "reviews",
    # Leaves of reviews: each has its own views, URLs and templates; accounts (its audit trail
    # of sign-in security events), ingest (its import jobs) and notifications have models.
    "reviews.ingest",
    "reviews.search",
    "reviews.exports",
    "reviews.dashboard",
    "reviews.accounts",
    "reviews.ledger",  # the evidence ledger: snapshots of cited pages and link checks
    "reviews.notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The interface language: the browser's (Accept-Language), then the user's own choice
    # (reviews.accounts.interface_language, after authentication below).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether this session passed a second factor (request.user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    "reviews.accounts.interface_language.UserLanguageMiddleware",
    "reviews.middleware.SessionIdleTimeoutMiddleware",
    # Every page needs a login unless its view is marked @login_not_required; htmx requests
    # without one get 401 (the page offers to sign in again in place), not the login page.
    "reviews.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff who have not passed their second factor in this session see only that page.
    "reviews.accounts.middleware.StaffTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "reviews.middleware.DatabaseUnavailableMiddleware",
    "reviews.middleware.RequestBaseURLMiddleware",
    # Last, as django-axes asks: it answers the login page when an account is locked out.
    "axes.middleware.AxesMiddleware",
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username
# from one address, that pair is locked out for AXES_COOLOFF_HOURS; a right password in
# between resets the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("LOGIN_LOCKOUT_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

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
                "reviews.context_processors.roles",
            ],
        },
    },
]

# Persistent connections (CONN_MAX_AGE seconds, 60 in production) are checked before each
# request reuses them, so a worker reconnects on its own after PostgreSQL restarts.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail a request fast while the database is unreachable instead of hanging a worker.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DB_CONNECT_TIMEOUT", "5")
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# E-mail carries password reset links and notifications (Django 6.1's MAILERS). With DEBUG
# on it is printed on the console (tests collect it in Django's outbox); in production it
# goes out through the SMTP server named by the EMAIL_* variables. A short timeout keeps a
# worker from hanging on an unreachable server. Notifications are sent by the task worker.
SMTP_OPTIONS = {
    "host": os.environ.get("EMAIL_HOST", "localhost"),
    "port": int(os.environ.get("EMAIL_PORT", "25")),
    "username": os.environ.get("EMAIL_HOST_USER", ""),
    "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
    "use_tls": env_bool("EMAIL_USE_TLS"),
    "use_ssl": env_bool("EMAIL_USE_SSL"),
    "timeout": int(os.environ.get("EMAIL_TIMEOUT", "10")),
}
if SMTP_OPTIONS["use_tls"] and SMTP_OPTIONS["use_ssl"]:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both.")
MAILERS = {
    "default": (
        {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
        if DEBUG
        else {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": SMTP_OPTIONS}
    )
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "factcheck@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGIN_URL = "login"
# A form sent with a CSRF token from before a sign-in or sign-out (in another tab): a page
# that says so; htmx gets 403 with the "csrf-failed" event, and the page retries.
CSRF_FAILURE_VIEW = "reviews.views.system.csrf_failure"
LOGIN_REDIRECT_URL = "reviews:article_list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
# The interface's languages (each user picks one in the header; locale/ holds the
# translations, `make messages` compiles them). Dates and numbers follow the language.
LANGUAGES = [("en-gb", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# In development serve static files straight from the source folders.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG

# Production hardening; all on unless DEBUG. Behind a TLS-terminating proxy set
# SECURE_PROXY_SSL_HEADER via TRUST_X_FORWARDED_PROTO=1.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
# Preloading commits every subdomain to HTTPS for years: the desk opts in with
# SECURE_HSTS_PRELOAD=1, so `check --deploy` need not warn about it.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
if env_bool("TRUST_X_FORWARDED_PROTO"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Container and load-balancer health checks speak plain HTTP to the app itself.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Sessions live in the database (Django's default engine, named here on purpose): any app
# server behind the proxy can serve any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Idle timeout: a session unused for this long (default 12 hours) ends. Use renews it (at
# most every SESSION_RENEW_SECONDS, so most requests write nothing), so a working editor is
# never logged out mid-task.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", str(12 * 3600)))
SESSION_RENEW_SECONDS = 300

# Content Security Policy (Django's built-in middleware). Pages load only our own scripts and
# styles: no inline <script> or <style>, no CDN. htmx's own indicator <style> is turned off in
# the htmx-config meta tag (includeIndicatorStyles: false).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Logging: one JSON object per line on stdout in production (what container log collectors
# expect); readable text with DEBUG on. LOG_FORMAT=json|text overrides.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")


class JsonLogFormatter(logging.Formatter):
    """A log record as one JSON line: time, level, logger, message (+ exception, request)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if getattr(record, "status_code", None):
            entry["status"] = record.status_code
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"], entry["path"] = request.method, request.path
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": JsonLogFormatter},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own handlers (mail admins, runserver console) are replaced by stdout.
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
    },
}

# A second factor for staff (TOTP, django-otp): on unless STAFF_TWO_FACTOR=0, which only
# `make demo` sets. After each wrong code the next is refused for 1, 2, 4, 8... seconds.
STAFF_TWO_FACTOR = env_bool("STAFF_TWO_FACTOR", True)
OTP_TOTP_ISSUER = "factcheck"

# Review settings
# Claim proposals: at most this share of an article's body sentences is proposed (the best
# scored); candidates over PROPOSAL_ALWAYS_ABOVE always are. The rest wait below the cut,
# one click away. Off (1.0) by default: no share meets both "95% of expected claims" and
# "at most 40% of sentences" with this ranking (at 0.40: 66% of the claims of the 18 pages
# of bench/claims_pages.py, and the seed loses a key claim ranked 15th of 16); see README.
PROPOSAL_SHARE = float(os.environ.get("PROPOSAL_SHARE", "1.0"))
PROPOSAL_ALWAYS_ABOVE = float(os.environ.get("PROPOSAL_ALWAYS_ABOVE", "0.97"))
MAX_ARTICLE_CHARS = int(os.environ.get("MAX_ARTICLE_CHARS", str(2 * 1024 * 1024)))
# A new article is due this many hours after it arrives (editors change it when assigning).
ARTICLE_DUE_HOURS = float(os.environ.get("ARTICLE_DUE_HOURS", "24"))
MAX_NOTE_CHARS = 10_000
EDITORS_GROUP = "Editors"
# The published seed article lives beside the repo (../shared/seed); the demo loads it if present.
SEED_ARTICLE_PATH = Path(
    os.environ.get("SEED_ARTICLE_PATH", BASE_DIR.parent / "shared" / "seed" / "belgorod-raid.txt")
)

# Article import. Requests may carry a whole pasted article (MAX_ARTICLE_CHARS of UTF-8).
DATA_UPLOAD_MAX_MEMORY_SIZE = 4 * MAX_ARTICLE_CHARS + 100_000
IMPORT_TIMEOUT_SECONDS = float(os.environ.get("IMPORT_TIMEOUT_SECONDS", "10"))
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
IMPORT_MAX_REDIRECTS = 5
# Hosts that URL import may fetch even though they resolve to private or loopback
# addresses. Empty in production; tests list their local server.
IMPORT_ALLOWED_HOSTS = env_list("IMPORT_ALLOWED_HOSTS")

# Heavy work runs in a worker (`python manage.py db_worker`), queued by Django's tasks
# framework in the database (django-tasks-db): URL imports always, pasted or uploaded texts
# over IMPORT_IN_WORKER_ABOVE_CHARS characters. The same backend on SQLite (the demo and the
# default tests): the worker claims a task in an exclusive transaction, so it works there too.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
IMPORT_IN_WORKER_ABOVE_CHARS = int(os.environ.get("IMPORT_IN_WORKER_ABOVE_CHARS", "100000"))
# A running import silent this long (seconds) lost its worker and is queued again.
IMPORT_JOB_STALE_SECONDS = int(os.environ.get("IMPORT_JOB_STALE_SECONDS", "120"))

# The evidence ledger fetches cited pages with the import fetcher and its limits above. It
# can also ask a public web archive to save each cited page: the address the page's URL is
# appended to, e.g. "https://web.archive.org/save/". Off (empty) by default: it tells the
# archive which pages the desk is looking at.
LEDGER_WEB_ARCHIVE_SAVE_URL = os.environ.get("LEDGER_WEB_ARCHIVE_SAVE_URL", "")

# The fact-check desk, as named in ClaimReview exports and reports.
DESK_NAME = os.environ.get("DESK_NAME", "factcheck desk")
DESK_URL = os.environ.get("DESK_URL", "")
# Absolute base URL for links in exports (ClaimReview `url`), e.g. https://factcheck.example.org.
# Unset: the scheme and host each request came to.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

# Sources editors type that are not in the registry yet: "propose" (usable at once, an
# admin confirms them later), "confirmed" (added as confirmed), "admins" (only staff add).
SOURCE_CREATION = os.environ.get("SOURCE_CREATION", "propose")

# Review pages ask for colleagues' changes this often (seconds).
LIVE_POLL_SECONDS = int(os.environ.get("LIVE_POLL_SECONDS", "3"))
# The header's bell asks for the unread count this often (seconds).
NOTIFICATIONS_POLL_SECONDS = int(os.environ.get("NOTIFICATIONS_POLL_SECONDS", "30"))
