"""A gunicorn worker takes what it built at its start out of the garbage collector's generations
(gunicorn.conf.py: post_worker_init; docs/architecture.md, "Measuring speed"), and what requests
leave behind is still collected."""

import gc
import runpy
import weakref

from gunicorn.config import Config

from tests.processes import ROOT, production_env, run

CONF = runpy.run_path(str(ROOT / "gunicorn.conf.py"))


class Cycle:
    pass


def test_gunicorn_reads_the_hook_from_its_config_file():
    config = Config()
    config.set("post_worker_init", CONF["post_worker_init"])
    assert config.post_worker_init is CONF["post_worker_init"]


def test_the_worker_freezes_its_start_and_still_collects_what_requests_leave():
    assert gc.get_freeze_count() == 0
    try:
        CONF["post_worker_init"](None)
        assert gc.get_freeze_count() > 10_000  # Django, the apps, the URL patterns

        cycle = Cycle()
        cycle.me = cycle  # garbage only the cyclic collector can free
        gone = weakref.ref(cycle)
        del cycle
        gc.collect()
        assert gone() is None
    finally:
        gc.unfreeze()


WORKER_START = """
import runpy, sys
import django
django.setup()
before = "exercises.templatetags.figures" in sys.modules
runpy.run_path("gunicorn.conf.py")["post_worker_init"](None)
print(before, "exercises.templatetags.figures" in sys.modules, "exercises.library_figures" in sys.modules)
"""


def test_the_worker_loads_the_template_tag_libraries_before_its_first_page():
    """Making the template engines imports every tag library, the figures' poses with them (about
    0.2 s): the hook pays it when the worker starts, not the first person it serves."""
    result = run("-c", WORKER_START, env=production_env(ALLOWED_HOSTS="127.0.0.1"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["False", "True", "True"]
