import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


@pytest.mark.django_db
def test_every_page_carries_the_content_security_policy(client):
    response = client.get("/")
    directives = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip()
    )
    for name, value in POLICY.items():
        assert directives[name] == value
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)


def test_no_inline_script_style_or_handler_in_our_templates():
    problems = []
    for path in (ROOT / "templates").rglob("*.html"):
        if path.name == "500.html":
            continue  # rendered without the app, on purpose
        text = path.read_text()
        for pattern in (INLINE_SCRIPT, INLINE_STYLE, HANDLER):
            problems += [f"{path.relative_to(ROOT)}: {m.group(0)!r}" for m in pattern.finditer(text)]
    assert not problems, problems


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-real-production-key-7b1f0c2e9d8a4b6f5e3c1a0987654321fedcba",
    "ALLOWED_HOSTS": "testserver",
    "DJANGO_SETTINGS_MODULE": "backcare.settings",
}
PROBE = """
import django
django.setup()
from django.conf import settings
from django.test import Client
c = Client()
r = c.get("/exercises/")
print("plain", r.status_code, r.get("Location", ""))
r = c.get("/healthz")
print("healthz", r.status_code)
r = c.get("/exercises/", HTTP_X_FORWARDED_PROTO="https")
print("https", r.status_code, r.get("Strict-Transport-Security", ""))
static = c.get(settings.STATIC_URL + "css/backcare.css", HTTP_X_FORWARDED_PROTO="https")
print("static", static.status_code)
from django.templatetags.static import static as static_url
hashed = static_url("css/backcare.css")
r = c.get(hashed, HTTP_X_FORWARDED_PROTO="https")
print("hashed", r.status_code, hashed, r.get("Cache-Control", ""))
print("cookies", settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY)
"""


def test_production_settings_redirect_send_hsts_secure_cookies_and_cache_static(tmp_path):
    dropped = {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(PRODUCTION, DATABASE_URL=f"sqlite:///{tmp_path / 'p.sqlite3'}")
    env["STATIC_ROOT"] = str(tmp_path / "static")
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, timeout=300)
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    lines = dict(line.split(" ", 1) for line in result.stdout.strip().splitlines())
    assert lines["plain"].startswith("301 https://testserver/exercises/"), result.stdout + result.stderr
    assert lines["healthz"] == "200"
    status, hsts = lines["https"].split(" ", 1)
    assert status == "200"
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 31536000
    assert lines["cookies"] == "True True True"
    # Static files: hashed names, served by whitenoise with far-future cache headers.
    status, name, cache = lines["hashed"].split(" ", 2)
    assert status == "200" and re.search(r"backcare\.[0-9a-f]{12}\.css$", name)
    assert int(re.search(r"max-age=(\d+)", cache).group(1)) >= 31536000 and "immutable" in cache


@pytest.mark.django_db
def test_logout_is_post_only_and_login_page_is_not_framable(client):
    assert client.get(reverse("login"))["X-Frame-Options"] == "DENY"
