"""BackCare settings: one module, configured from the environment.

Development defaults are safe (DEBUG must be switched on explicitly); production fails
loudly when something it needs is missing.
"""

import hashlib
import os
import zoneinfo
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")

# The admin lives where the deployment says (ADMIN_URL, e.g. "staff-3f9k2"), never at a guessable
# default in production; without it the admin is off in production (the library stays editable
# through its loader). With DEBUG it defaults to "admin".
ADMIN_URL = os.environ.get("ADMIN_URL", "admin" if DEBUG else "").strip("/")
if (
    ADMIN_URL
    and not DEBUG
    and ADMIN_URL.lower() in {"admin", "django-admin", "administrator", "backend", "manage"}
):
    raise ImproperlyConfigured(f"ADMIN_URL {ADMIN_URL!r} is guessable: choose a path of your own.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
if TIME_ZONE not in zoneinfo.available_timezones():
    raise ImproperlyConfigured(f"TIME_ZONE {TIME_ZONE!r} is not a known time zone.")
USE_TZ = True
LANGUAGE_CODE = "en"
USE_I18N = True
# The languages BackCare is written in (docs/translations.md), each named in its own language for
# the chooser. A new one needs its catalogue in locale/ complete first (tests/i18n/test_catalogues.py).
LANGUAGES = [("en", "English"), ("es", "Español"), ("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates in each language's own order, with the project's named shapes (backcare/formats/).
FORMAT_MODULE_PATH = ["backcare.formats"]

# The emergency number for users without a country, or whose country backcare/urgent_care.py has no entry for.
EMERGENCY_NUMBER = os.environ.get("EMERGENCY_NUMBER", "112")
# Reverse proxies in front of the app that append to X-Forwarded-For (0: none, trust REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

INSTALLED_APPS = [
    "backcare",
    "exercises",
    "journal",
    "learn",
    "reminders",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # {% partialdef %} (django-template-partials): a named piece of a template, rendered alone as
    # "template.html#name" (Today's plan row: the page and the tick's answer share it).
    "template_partials",
    "django.forms",  # Django's widget templates, for the check-in's widgets (journal/forms.py, TemplatesSetting)
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below whitenoise (static files keep its own precompressed copies), above everything that
    # writes the body; why it is safe on pages with a CSRF token: docs/architecture.md, Compression.
    "django.middleware.gzip.GZipMiddleware",
    "backcare.middleware.PrivateByDefaultMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The browser's Accept-Language on a first visit; a signed-in user's own choice below
    # (backcare.middleware.UserLanguageMiddleware). URLs are the same in every language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the user read with the session row (backcare/auth.py): one query for both.
    "backcare.auth.AuthenticationMiddleware",
    "backcare.middleware.UserTimezoneMiddleware",
    "backcare.middleware.UserLanguageMiddleware",
    "journal.middleware.SafetyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "backcare.urls"
WSGI_APPLICATION = "backcare.wsgi.application"
AUTH_USER_MODEL = "backcare.User"

# The settings page's sections, in its order: each app renders its own (backcare/settings_page.py).
SETTINGS_PAGE_SECTIONS = [
    "backcare.settings_page.account_section",
    "journal.settings_sections.plan",
    "journal.settings_sections.start_answers",
    "reminders.settings_sections.reminders",
    "journal.settings_sections.diary",
]
# The start's last question saves a reminder through the reminders app (above the journal).
START_REMINDER_STEP = "reminders.start_step.save"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        # Django's cached loader (one parse a process), wrapped by django-template-partials' loader so
        # "journal/today.html#plan-row" finds a partial: what "template_partials" in INSTALLED_APPS
        # would set up itself, written out (it leaves a list that starts with its loader alone).
        "OPTIONS": {
            "loaders": [
                (
                    "template_partials.loader.Loader",
                    [
                        (
                            "django.template.loaders.cached.Loader",
                            [
                                "django.template.loaders.filesystem.Loader",
                                "django.template.loaders.app_directories.Loader",
                            ],
                        )
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "backcare.context_processors.site",
                "backcare.context_processors.care",
            ],
        },
    },
]


DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers write to one file: WAL lets readers go on while one writes,
    # IMMEDIATE takes the write lock up front (no deadlocked upgrades), the timeout waits for it.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches. "default" is what every app server must share (rate-limit counters, per-user
# results): Redis through Django's own backend when CACHE_URL is set (redis://host:6379/0 or
# unix:///path/redis.sock), local memory otherwise. "local" is this process's copy of content that
# is the same for everyone and never goes stale (rendered library fragments keyed on the library's
# version), so it needs no network round trip; with DEBUG it caches nothing.
CACHE_URL = os.environ.get("CACHE_URL", "")
# Put before every key of every alias, so two deployments sharing one Redis never read each other's
# values. By default drawn from a hash of SECRET_KEY (never the key itself): stable while the key
# is, different between deployments. Per-user keys also hold the user row's random epoch
# (backcare/version_cache.py: owner), so a restored database never meets an earlier account's values.
CACHE_KEY_PREFIX = (
    os.environ.get("CACHE_KEY_PREFIX", "").strip()
    or "bc-" + hashlib.sha256(f"backcare-cache-key-prefix:{SECRET_KEY}".encode()).hexdigest()[:12]
)
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "backcare-default"}
    ),
    # With DEBUG nothing is cached here, so a template edit shows at the next reload.
    "local": (
        {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
        if DEBUG
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "backcare-local",
            "TIMEOUT": None,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    ),
}
for _alias in CACHES.values():
    _alias["KEY_PREFIX"] = CACHE_KEY_PREFIX
del _alias

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "journal:today"
LOGOUT_REDIRECT_URL = "landing"

# Login throttling: 5 failures for one username from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "backcare.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# How often a process checks whether the exercise library changed in another process
# (exercises/catalog.py); an edit in the same process is seen at once.
LIBRARY_RECHECK_SECONDS = 10

# How many times faster than real time the guided session's clock runs (static/js/session.js).
# Always 1 here, never read from the environment: only the browser tests speed it up (60: a minute
# lasts a second).
SESSION_TIME_SCALE = 1

# Database sessions that know their user (backcare/sessions.py): account deletion finds them by index.
SESSION_ENGINE = "backcare.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 24 * 30
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "backcare.storage.StaticStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "BackCare <noreply@localhost>")
# Where the site is reached from outside (scheme and host, no trailing slash): the links in mail
# sent outside a request (reminders, docs/reminders.md). Production sets its https address.
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")

# Web Push (docs/reminders.md, "Push"): offered only when all three are set. The keys are a P-256
# pair in the URL-safe base64 form `manage.py vapid_keys` prints; the subject is a mailto: or
# https: address push services may contact about this sender.
VAPID_PUBLIC_KEY = os.environ.get("VAPID_PUBLIC_KEY", "").strip()
VAPID_PRIVATE_KEY = os.environ.get("VAPID_PRIVATE_KEY", "").strip()
VAPID_SUBJECT = os.environ.get("VAPID_SUBJECT", "").strip()
# Seconds to wait for a push service before the send counts as failed (and is retried).
PUSH_TIMEOUT = float(os.environ.get("PUSH_TIMEOUT", "10"))
# The push services an endpoint may be on (docs/reminders.md, "Push"), comma-separated: exact host
# names, or `.suffix` for any name ending in it. Chrome, Edge and Samsung Internet (FCM), Firefox
# (Mozilla), Safari (Apple), Edge on Windows (WNS: wns2-<region>.notify.windows.com).
PUSH_SERVICE_HOSTS = [
    host.lower()
    for host in env_list(
        "PUSH_SERVICE_HOSTS",
        "fcm.googleapis.com,updates.push.services.mozilla.com,web.push.apple.com,.notify.windows.com",
    )
]
# Test-only: lets the send reach a fake push service on loopback. Never read from the environment.
PUSH_ALLOW_PRIVATE_ADDRESSES = False

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Paths with a secret (a share link's token, ...) are written with it replaced (backcare/log_redaction.py).
    "filters": {"redact_tokens": {"()": "backcare.log_redaction.RedactTokens"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_tokens"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # One line per reminder sent, skipped or failed (manage.py send_reminders, docs/reminders.md).
    "loggers": {"reminders": {"level": os.environ.get("REMINDERS_LOG_LEVEL", "INFO")}},
}
