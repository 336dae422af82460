"""A web worker does not import what only a rare page or a command needs: each such package is
memory in every gunicorn worker (docs/architecture.md, "Measuring speed": memory_mb)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Imported where they are used: a calendar download (reminders/calendar.py), reading a push
# subscription (reminders/push_json.py), sending a push (reminders/push.py, the sender's: the pages
# read push's keys from reminders/push_keys.py, so `requests` and `urllib3`, ~3.6 MB, stay out).
NOT_AT_START = ("icalendar", "cryptography", "pywebpush", "py_vapid", "requests", "urllib3")

CODE = """
import json, sys
import django
django.setup()
from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver
get_wsgi_application()
get_resolver().url_patterns
from backcare.settings_page import sections
sections()  # what the settings page imports on its first load
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_a_workers_start_leaves_the_rarely_used_packages_unimported():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "backcare.settings",
        "DEBUG": "0",
        "SECRET_KEY": "memory-test-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    result = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert "django" in loaded and "journal" in loaded
    assert loaded.isdisjoint(NOT_AT_START), sorted(loaded & set(NOT_AT_START))
