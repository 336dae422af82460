"""The two caches: "default" shared by every app server (Redis when CACHE_URL is set), "local" per process."""

import os
import uuid

import pytest
from django.conf import settings
from django.core.cache import caches

from tests.processes import child_env, production_env, run

REDIS = "django.core.cache.backends.redis.RedisCache"
LOCMEM = "django.core.cache.backends.locmem.LocMemCache"


def in_child(code, **env):
    """The last line `code` prints in another process, Django set up with the project's settings."""
    env = (
        production_env(ALLOWED_HOSTS="testserver", **env)
        if env.pop("production", True)
        else child_env(DEBUG="1", DJANGO_SETTINGS_MODULE="backcare.settings", **env)
    )
    result = run("-c", "import django\ndjango.setup()\n" + code, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture
def cache_url():
    """The Redis that CACHE_URL names. Skipped without one, except in CI, which starts one (.ci/run)."""
    url = os.environ.get("CACHE_URL", "")
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CACHE_URL is not set: CI must run the cache tests against a Redis (.ci/run)")
        pytest.skip("CACHE_URL is not set: no Redis to test the shared cache against")
    return url


def backends(**env):
    code = "from django.conf import settings\nprint(*(settings.CACHES[a]['BACKEND'] for a in ('default', 'local')))"
    return in_child(code, **env).split()


def test_default_is_local_memory_without_cache_url():
    assert backends(CACHE_URL="") == [LOCMEM, LOCMEM]


def test_while_developing_local_caches_nothing():
    assert backends(CACHE_URL="", production=False) == [LOCMEM, "django.core.cache.backends.dummy.DummyCache"]


def test_default_is_redis_with_cache_url_and_local_never_is():
    assert backends(CACHE_URL="redis://127.0.0.1:6379/0") == [REDIS, LOCMEM]


def test_a_value_set_by_one_process_is_seen_by_another(cache_url):
    key, value = f"test-shared-{uuid.uuid4().hex}", uuid.uuid4().hex
    assert caches["default"].set(key, value, timeout=60) is not False
    try:
        code = f"from django.core.cache import caches\nprint(caches['default'].get({key!r}))"
        # Another server of the same deployment: the same CACHE_KEY_PREFIX (by default drawn from
        # the deployment's one SECRET_KEY; the child runs with the production key, so say it).
        assert in_child(code, CACHE_URL=cache_url, CACHE_KEY_PREFIX=settings.CACHE_KEY_PREFIX) == value
    finally:
        caches["default"].delete(key)


def test_local_is_not_shared_between_processes(cache_url):
    key = f"test-local-{uuid.uuid4().hex}"
    caches["local"].set(key, "here")
    code = f"from django.core.cache import caches\nprint(caches['local'].get({key!r}))"
    assert in_child(code, CACHE_URL=cache_url) == "None"
