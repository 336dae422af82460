"""Deployment checks of BackCare's own (`manage.py check --deploy`; `make serve` runs the caches one).

The `default` cache is what every app process must share: rate-limit counters (backcare/ratelimit.py)
and per-user results. Without CACHE_URL it is local memory, one per process, so with several
gunicorn workers each counts its own requests (a limit of 20 lets 20 a worker through) and each
computes and keeps its own copy of the results.
"""

import runpy

from django.conf import settings
from django.core import checks
from django.utils.translation import gettext as _

LOCAL_MEMORY = "django.core.cache.backends.locmem.LocMemCache"


def gunicorn_workers():
    """How many worker processes gunicorn.conf.py starts in this environment (WEB_CONCURRENCY)."""
    return int(runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py")).get("workers", 1))


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache_for_several_workers(app_configs, **kwargs):
    if settings.CACHES["default"]["BACKEND"] != LOCAL_MEMORY:
        return []
    workers = gunicorn_workers()
    if workers <= 1:
        return []
    return [
        checks.Warning(
            _(
                "The shared cache is each process's own memory, but gunicorn starts %(workers)d "
                "workers: rate limits count per worker, and each worker keeps its own cached results."
            )
            % {"workers": workers},
            hint=_("Set CACHE_URL to a Redis every worker reaches, or WEB_CONCURRENCY=1 (README, Settings)."),
            id="backcare.W001",
        )
    ]
