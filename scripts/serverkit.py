"""Shared by the load tools: a throwaway database, production-mode gunicorn on loopback, sessions.

Every request these tools send carries `X-Forwarded-Proto: https` (what the trusted proxy would
add); a redirect is never followed, so an unexpected one shows up as a failure.
"""

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
HTTPS = {"X-Forwarded-Proto": "https"}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(_NoRedirect)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def send(url, *, cookie=None, data=None, headers=None, timeout=30):
    """(status, body, headers) without following redirects."""
    request = urllib.request.Request(url, data=data, headers={**HTTPS, **(headers or {})})
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with OPENER.open(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace"), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), error.headers


def fetch(url, **kwargs):
    """(status, body) without following redirects."""
    return send(url, **kwargs)[:2]


@contextlib.contextmanager
def environment(label):
    """A production-mode environment on a fresh database: SQLite in a temp dir, or a new
    database on the PostgreSQL server DATABASE_URL names (dropped afterwards)."""
    workdir = Path(tempfile.mkdtemp(prefix=f"backcare-{label}-"))
    base_url = os.environ.get("DATABASE_URL", "")
    admin = None
    if base_url.startswith("postgres"):
        import psycopg

        name = f"backcare_{label}_{os.getpid()}"
        admin = psycopg.connect(base_url, autocommit=True)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        database_url = urlunparse(urlparse(base_url)._replace(path=f"/{name}"))
        engine = "PostgreSQL"
    else:
        database_url = f"sqlite:///{workdir / 'db.sqlite3'}"
        engine = "SQLite"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CONN_MAX_AGE": "60",
        "STATIC_ROOT": str(workdir / "static"),
        "HOST": "127.0.0.1",
        "GUNICORN_ACCESS_LOG": "",
        "DJANGO_SETTINGS_MODULE": "backcare.settings",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    try:
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        yield env, engine, workdir
    finally:
        if admin is not None:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()


def manage(env, *args):
    result = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def django_python(env, code):
    """Run Python with Django set up against the same database; returns its stdout."""
    script = "import django\ndjango.setup()\n" + code
    result = subprocess.run([PY, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"setup failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


SESSION_CODE = """
from importlib import import_module
from django.conf import settings
from backcare.models import User

def session_for(user):
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    store["_auth_user_hash"] = user.get_session_auth_hash()
    store.save()
    return store.session_key
"""


SERVERS = {}  # base URL -> the gunicorn master's Popen, while it runs (worker_rss_mb)


def worker_pids(master_pid):
    """The pids of a process's children: a gunicorn master's workers (Linux /proc)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            # Field 4 of /proc/<pid>/stat is the parent's pid; the name (field 2) may hold spaces.
            if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == master_pid:
                pids.append(int(entry.name))
    return sorted(pids)


def rss_mb(pid):
    """A process's resident set (VmRSS of /proc/<pid>/status) in MB (2**20 bytes), or None."""
    with contextlib.suppress(OSError):
        for line in (Path("/proc") / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return None


def worker_rss_mb(base):
    """{worker pid: RSS in MB} of the gunicorn serving `base` (a URL `gunicorn` yielded)."""
    server = SERVERS.get(base)
    if server is None:
        return {}
    found = {pid: rss_mb(pid) for pid in worker_pids(server.pid)}
    return {pid: mb for pid, mb in found.items() if mb is not None}


@contextlib.contextmanager
def gunicorn(env, workers, log_path, browser=False, app="backcare.wsgi"):
    """`app`: the WSGI module served (the bench's wraps the project's). `browser`: a browser on plain http sends its http origin with a POST, while every request
    says it came through the HTTPS proxy: trust that one origin, or the CSRF check refuses it."""
    port = free_port()
    if browser:
        env = {**env, "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{port}"}
    log = open(log_path, "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [GUNICORN, app, "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env={**env, "PORT": str(port), "WEB_CONCURRENCY": str(workers)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if fetch(url + "/healthz", timeout=2)[0] == 200:
                    break
            time.sleep(0.1)
        else:
            sys.exit(f"gunicorn did not start; see {log_path}")
        SERVERS[url] = server
        yield url
    finally:
        SERVERS.pop(url, None)
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
