"""Run manage.py or Python in a child process, with an environment chosen by the test.

The test run's own Django variables (test settings, its SECRET_KEY, the browser tests'
DJANGO_ALLOW_ASYNC_UNSAFE, a CI DATABASE_URL) never leak into the child.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST_RUN_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DATABASE_URL",
}
PRODUCTION_KEY = "a-real-production-key-7b1f0c2e9d8a4b6f5e3c1a0987654321fedcba"


def child_env(**values):
    env = {k: v for k, v in os.environ.items() if k not in TEST_RUN_VARIABLES}
    env.update(values)
    return env


def production_env(**values):
    """DEBUG off with a real key, as a deployment would run; pass ALLOWED_HOSTS and the rest."""
    return child_env(
        DEBUG="0", SECRET_KEY=PRODUCTION_KEY, DJANGO_SETTINGS_MODULE="backcare.settings", **values
    )


def run(*args, env, check=False, timeout=300):
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=check,
        timeout=timeout,
    )


def manage(*args, env, check=False, timeout=300):
    return run("manage.py", *args, env=env, check=check, timeout=timeout)
