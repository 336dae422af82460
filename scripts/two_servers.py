"""Two app servers, one PostgreSQL: a session made on one is valid on the other, and so is a tick.

Usage: DATABASE_URL=postgres://... python scripts/two_servers.py
Two production-mode gunicorn instances on free loopback ports share a fresh database on that server
(dropped afterwards); every request carries X-Forwarded-Proto: https and no redirect is followed.
"""

import contextlib
import json
import os
import sys

from serverkit import django_python, environment, fetch, gunicorn, send

SETUP = """
from backcare.models import User
from journal.models import SafetyScreen
from journal.services import plan_create_starter
u = User.objects.create_user("two", "two@example.com", "two-servers-password")
SafetyScreen.objects.create(user=u, taken_on=u.local_today(), answers={}, outcome="clear")
plan_create_starter(user=u, today=u.local_today())
print(u.local_today().isoformat())
"""


class Browser:
    """Keeps cookies across servers, as one browser would behind a load balancer."""

    def __init__(self):
        self.jar = {}

    def cookie(self):
        return "; ".join(f"{k}={v}" for k, v in self.jar.items())

    def request(self, url, data=None, headers=None):
        status, body, answer_headers = send(url, cookie=self.cookie(), data=data, headers=headers)
        for header in answer_headers.get_all("Set-Cookie") or []:
            key, _, rest = header.partition("=")
            self.jar[key] = rest.split(";", 1)[0]
        return status, body, answer_headers

    def post_form(self, url, page, fields, headers=None):
        token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        body = "&".join(f"{k}={v}" for k, v in {"csrfmiddlewaretoken": token, **fields}.items()).encode()
        referer = url.split("/", 3)
        headers = {
            "Referer": f"https://{referer[2]}/",
            "Content-Type": "application/x-www-form-urlencoded",
            **(headers or {}),
        }
        return self.request(url, data=body, headers=headers)


def main():
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("two_servers.py needs DATABASE_URL pointing at a PostgreSQL server")
    with environment("two") as (env, _engine, workdir), contextlib.ExitStack() as servers:
        today = django_python(env, SETUP).strip().splitlines()[-1]
        a, b = (servers.enter_context(gunicorn(env, 2, workdir / f"gunicorn-{name}.log")) for name in "ab")
        browser = Browser()

        # Log in through the form on A.
        status, page, _ = browser.request(a + "/accounts/login/")
        assert status == 200, f"login page on A: {status}"
        status, _, headers = browser.post_form(
            a + "/accounts/login/", page, {"username": "two", "password": "two-servers-password"}
        )
        assert status == 302 and headers["Location"] == "/today/", f"log-in on A: {status}"
        assert "sessionid" in browser.jar, "no session cookie after log-in"

        # The session made on A is valid on B.
        status, page, _ = browser.request(b + "/today/")
        assert status == 200 and 'data-testid="plan-item"' in page, f"server B: {status}"
        print("session made on A is valid on B: ok")

        # A tick made on B shows on A.
        status, answer, _ = browser.post_form(
            f"{b}/day/{today}/tick/daily-walk/", page, {}, headers={"X-Requested-With": "fetch"}
        )
        assert status == 200 and json.loads(answer)["ok"], f"tick on B: {status} {answer[:200]}"
        status, page = fetch(a + "/today/", cookie=browser.cookie())
        assert status == 200 and 'data-exercise="daily-walk" data-done="true"' in page, (
            "tick not visible on A"
        )
        print("tick made on B shows on A: ok")
    print("two servers: PASS")


if __name__ == "__main__":
    main()
