"""`manage.py check --deploy` warns when several gunicorn workers would each keep their own
"default" cache (no CACHE_URL): rate limits would count per worker (backcare/checks.py)."""

import re

import pytest

from backcare.checks import gunicorn_workers, shared_cache_for_several_workers
from tests.processes import ROOT, manage, production_env

LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "check-test"}
REDIS = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0"}


@pytest.fixture
def caches_with(settings):
    def use(default):
        settings.CACHES = {**settings.CACHES, "default": default}

    return use


def test_the_workers_are_read_from_gunicorns_settings(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert gunicorn_workers() == 3
    monkeypatch.delenv("WEB_CONCURRENCY")
    assert gunicorn_workers() == 2  # gunicorn.conf.py's default, as `make serve` starts it


def test_two_workers_on_local_memory_warn(monkeypatch, caches_with):
    monkeypatch.setenv("WEB_CONCURRENCY", "2")
    caches_with(LOCMEM)
    (warning,) = shared_cache_for_several_workers(None)
    assert warning.id == "backcare.W001"
    assert "2 workers" in warning.msg and "rate limits count per worker" in warning.msg
    assert "CACHE_URL" in warning.hint


def test_one_worker_or_a_redis_is_silent(monkeypatch, caches_with):
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    caches_with(LOCMEM)
    assert shared_cache_for_several_workers(None) == []
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    caches_with(REDIS)
    assert shared_cache_for_several_workers(None) == []


def test_the_deploy_check_warns_in_a_production_process_without_cache_url():
    result = manage(
        "check", "--deploy", env=production_env(ALLOWED_HOSTS="backcare.example.org", CACHE_URL="")
    )
    assert result.returncode == 0  # a warning: gunicorn may still start
    assert "backcare.W001" in result.stdout + result.stderr
    quiet = manage(
        "check",
        "--deploy",
        env=production_env(ALLOWED_HOSTS="backcare.example.org", CACHE_URL="", WEB_CONCURRENCY="1"),
    )
    assert "backcare.W001" not in quiet.stdout + quiet.stderr


def test_make_serve_runs_the_caches_check_before_gunicorn():
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^serve:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1).splitlines()
    check = next(n for n, line in enumerate(recipe) if "manage.py check --deploy --tag caches" in line)
    gunicorn = next(n for n, line in enumerate(recipe) if "gunicorn" in line)
    assert check < gunicorn
