"""Test settings: the project's settings with fast hashing and e-mail held in memory."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("ADMIN_URL", "staff-tests")

from backcare.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Plain storage: no collectstatic needed to render {% static %}.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# The test client and the live server speak plain HTTP (production settings are tested in a subprocess).
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Serve static files from the source folders, as in development.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# On SQLite the test database is a file, not Django's default in-memory one: the live server's
# request threads then open connections of their own, as gunicorn's workers do, instead of sharing
# the test thread's one connection (two browser requests at once could hang there for good: seen in
# tests/browser/test_journeys.py, the report and a session read waiting on each other).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"backcare-tests-{os.getpid()}.sqlite3")
    }

# With pytest-xdist (make test) each worker is a process of its own: its own test database (pytest-django
# adds the worker's suffix, `_gw0`), its own local-memory caches, and, when CACHE_URL names a Redis, a
# Redis database of its own (1 for gw0, 2 for gw1, ...), since a test empties the shared cache
# (tests/conftest.py) and would otherwise empty another worker's rate-limit counters mid-test. The
# variable is rewritten too, so a child process a test starts (tests/backcare/test_cache.py) shares it.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if CACHE_URL and _worker.startswith("gw"):  # noqa: F405
    from urllib.parse import parse_qsl, urlencode

    # Split by hand: urlunsplit would write unix:///path as unix:/path, which redis-py refuses.
    _base, _, _query = CACHE_URL.partition("?")  # noqa: F405
    _params = [(k, v) for k, v in parse_qsl(_query) if k != "db"] + [("db", str(1 + int(_worker[2:])))]
    CACHE_URL = f"{_base}?{urlencode(_params)}"
    os.environ["CACHE_URL"] = CACHE_URL
    CACHES["default"]["LOCATION"] = CACHE_URL  # noqa: F405

# The library and lesson snapshots re-check their content version every LIBRARY_RECHECK_SECONDS (10 in
# production), one small query. A test that pins a page's exact queries must not depend on how long the
# machine took to get there (a loaded machine crossed the 10 s mid-test and added a query), so tests do
# not re-check by the clock; the tests of the re-check set it themselves (tests/exercises/test_catalog.py).
LIBRARY_RECHECK_SECONDS = 3600
