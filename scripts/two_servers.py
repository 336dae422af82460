"""Two app servers, one PostgreSQL: a session made on one is valid on the other, and so is a tick.

Usage: DATABASE_URL=postgres://... python scripts/two_servers.py
Starts two production-mode gunicorn instances on free loopback ports against a fresh database on
that server (dropped afterwards); every request carries X-Forwarded-Proto: https (the trusted
proxy's header) and any unexpected redirect or non-2xx answer fails the run.
"""

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(url, cookie=None, data=None, headers=None):
    req = urllib.request.Request(url, data=data, headers={"X-Forwarded-Proto": "https", **(headers or {})})
    if cookie:
        req.add_header("Cookie", cookie)
    try:
        with OPENER.open(req, timeout=15) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def manage(env, *args):
    return subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )


def main():
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith("postgres"):
        sys.exit("two_servers.py needs DATABASE_URL pointing at a PostgreSQL server")
    import psycopg

    name = f"backcare_two_{os.getpid()}"
    admin = psycopg.connect(base_url, autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    parts = urlparse(base_url)
    env = {
        **os.environ,
        "DATABASE_URL": urlunparse(parts._replace(path=f"/{name}")),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CONN_MAX_AGE": "60",
        "WEB_CONCURRENCY": "2",
        "HOST": "127.0.0.1",
        "GUNICORN_ACCESS_LOG": "",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    servers = []
    try:
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        setup = (
            "from backcare.models import User;"
            "from journal.models import SafetyScreen;"
            "from journal.services import plan_create_starter;"
            "u = User.objects.create_user('two', 'two@example.com', 'two-servers-password');"
            "SafetyScreen.objects.create(user=u, taken_on=u.local_today(), answers={}, outcome='clear');"
            "plan_create_starter(user=u, today=u.local_today());"
            "print(u.local_today().isoformat())"
        )
        today = manage(env, "shell", "-c", setup).stdout.strip().splitlines()[-1]
        ports = [free_port(), free_port()]
        for port in ports:
            servers.append(
                subprocess.Popen(
                    [str(ROOT / ".venv/bin/gunicorn"), "backcare.wsgi", "-c", "gunicorn.conf.py"],
                    cwd=ROOT,
                    env={**env, "PORT": str(port)},
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )
            )
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        for url in urls:
            for _ in range(100):
                try:
                    if request(url + "/healthz")[0] == 200:
                        break
                except OSError:
                    time.sleep(0.1)
            else:
                sys.exit(f"{url} did not start")

        # Log in on server A through the login form (CSRF token and all).
        jar = {}

        def cookie_header():
            return "; ".join(f"{k}={v}" for k, v in jar.items())

        def remember(set_cookie_headers):
            for header in set_cookie_headers:
                key, _, rest = header.partition("=")
                jar[key] = rest.split(";", 1)[0]

        req = urllib.request.Request(urls[0] + "/accounts/login/", headers={"X-Forwarded-Proto": "https"})
        with OPENER.open(req, timeout=15) as response:
            remember(response.headers.get_all("Set-Cookie") or [])
            page = response.read().decode()
        token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        body = f"csrfmiddlewaretoken={token}&username=two&password=two-servers-password".encode()
        req = urllib.request.Request(
            urls[0] + "/accounts/login/",
            data=body,
            headers={
                "X-Forwarded-Proto": "https",
                "Cookie": cookie_header(),
                "Referer": urls[0].replace("http:", "https:") + "/accounts/login/",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        try:
            OPENER.open(req, timeout=15)
            sys.exit("log-in did not redirect")
        except urllib.error.HTTPError as answer:
            assert answer.code == 302 and answer.headers["Location"] == "/today/", answer.code
            remember(answer.headers.get_all("Set-Cookie") or [])
        assert "sessionid" in jar, "no session cookie after log-in"

        # The session made on A is valid on B.
        status, page = request(urls[1] + "/today/", cookie_header())
        assert status == 200 and 'data-testid="plan-item"' in page, f"server B: {status}"
        print("session made on A is valid on B: ok")

        # A tick made on B shows on A.
        status, page = request(urls[1] + "/today/", cookie_header())
        token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        status, answer = request(
            f"{urls[1]}/day/{today}/tick/daily-walk/",
            cookie_header(),
            data=f"csrfmiddlewaretoken={token}".encode(),
            headers={"X-Requested-With": "fetch", "Referer": urls[1].replace("http:", "https:") + "/today/"},
        )
        assert status == 200 and json.loads(answer)["ok"], f"tick on B: {status} {answer[:200]}"
        status, page = request(urls[0] + "/today/", cookie_header())
        assert status == 200 and 'data-exercise="daily-walk" data-done="true"' in page, (
            "tick not visible on A"
        )
        print("tick made on B shows on A: ok")
        print("two servers: PASS")
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
        for server in servers:
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


if __name__ == "__main__":
    main()
