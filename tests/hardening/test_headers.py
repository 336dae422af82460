import re

import pytest
from django.urls import reverse

from tests.processes import ROOT, manage, production_env, run

# The policy of the hardening issue, plus one directive: Bootstrap's CSS draws its form controls
# (select arrows, checked boxes) with data: SVG images, which default-src 'self' would block.
POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


@pytest.mark.django_db
def directives(header):
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


@pytest.mark.django_db
def test_every_page_carries_exactly_the_content_security_policy(client):
    response = client.get("/")
    assert directives(response["Content-Security-Policy"]) == POLICY
    assert "Content-Security-Policy-Report-Only" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
JS_URL = re.compile(r"javascript:", re.I)
# In our JavaScript: markup it writes must follow the same rules, and nothing may need unsafe-eval.
JS_MARKUP = re.compile(r"<script|<style|style\s*=\s*[\\]?[\"']|\son[a-z]+\s*=\s*[\\]?[\"']", re.I)
JS_ATTRIBUTE = re.compile(r"setAttribute\(\s*[\"'](?:style|on[a-z]+)[\"']", re.I)
JS_EVAL = re.compile(r"\beval\(|new\s+Function\(|set(?:Timeout|Interval)\(\s*[\"'`]")


def our_files(folder, suffix):
    return sorted(p for p in (ROOT / folder).rglob(f"*{suffix}") if "vendor" not in p.parts)


def test_no_inline_script_style_or_handler_in_our_templates():
    templates = our_files("templates", ".html")
    assert len(templates) > 20
    problems = []
    for path in templates:
        text = path.read_text()
        for pattern in (INLINE_SCRIPT, INLINE_STYLE, HANDLER, JS_URL):
            problems += [f"{path.relative_to(ROOT)}: {m.group(0)!r}" for m in pattern.finditer(text)]
    assert not problems, problems


def test_our_javascript_writes_no_inline_script_style_or_handler():
    scripts = our_files("static", ".js")
    assert len(scripts) >= 3
    problems = []
    for path in scripts:
        text = path.read_text()
        for pattern in (JS_MARKUP, JS_ATTRIBUTE, JS_EVAL, JS_URL):
            problems += [f"{path.relative_to(ROOT)}: {m.group(0)!r}" for m in pattern.finditer(text)]
    assert not problems, problems


@pytest.mark.parametrize(
    "bad",
    [
        "<script>x()</script>",
        '<div style="color:red">',
        '<a onclick="x()">',
        '<a href="javascript:x()">',
    ],
)
def test_the_template_scan_catches_each_kind(bad):
    assert any(p.search(bad) for p in (INLINE_SCRIPT, INLINE_STYLE, HANDLER, JS_URL))


@pytest.mark.parametrize(
    "bad",
    [
        "el.innerHTML = '<span style=\"x\">';",
        "el.innerHTML = '<b onmouseover=\"x()\">';",
        "el.setAttribute('style', 'x');",
        "eval(code);",
        "setTimeout('x()', 5);",
    ],
)
def test_the_javascript_scan_catches_each_kind(bad):
    assert any(p.search(bad) for p in (JS_MARKUP, JS_ATTRIBUTE, JS_EVAL, JS_URL))


PROBE = """
import django
django.setup()
from django.conf import settings
from django.test import Client
from backcare.models import User
User.objects.create_user("probe", "probe@example.com", "probe-password-12345")
c = Client()
r = c.get("/exercises/")
print("plain", r.status_code, r.get("Location", ""))
r = c.get("/healthz")
print("healthz", r.status_code, r.get("Location", "-"))
https = Client(HTTP_X_FORWARDED_PROTO="https")
r = https.get("/accounts/login/")
print("https", r.status_code, r.get("Strict-Transport-Security", ""))
for header in ("X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Content-Security-Policy"):
    print("header", header, r.get(header, "missing"))
print("cookie", r.cookies["csrftoken"].output())
r = https.post("/accounts/login/", {"username": "probe", "password": "probe-password-12345"})
print("login", r.status_code, r.get("Location", ""))
print("cookie", r.cookies["sessionid"].output())
from django.templatetags.static import static as static_url
hashed = static_url("css/backcare.css")
r = https.get(hashed)
print("hashed", r.status_code, hashed, r.get("Cache-Control", ""))
r = https.get(hashed, HTTP_ACCEPT_ENCODING="gzip")
print("gzip", r.get("Content-Encoding", "none"))
"""


def test_production_settings_redirect_send_hsts_secure_cookies_and_cache_static(tmp_path):
    env = production_env(
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'p.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    manage("migrate", "-v0", env=env, check=True)
    manage("collectstatic", "--noinput", "-v0", env=env, check=True)
    result = run("-c", PROBE, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = {}
    for line in result.stdout.strip().splitlines():
        key, value = line.split(" ", 1)
        lines.setdefault(key, []).append(value)
    # Plain HTTP is redirected to HTTPS, except the load balancer's health check.
    assert lines["plain"] == ["301 https://testserver/exercises/"], result.stdout
    assert lines["healthz"] == ["200 -"]
    # Behind the proxy (X-Forwarded-Proto: https): HSTS for a year or more, the other headers.
    status, hsts = lines["https"][0].split(" ", 1)
    assert status == "200"
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 31536000
    assert "includeSubDomains" in hsts
    headers = dict(line.split(" ", 1) for line in lines["header"])
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert directives(headers["Content-Security-Policy"]) == POLICY
    # Both cookies: Secure, HttpOnly, SameSite=Lax.
    assert lines["login"] == ["302 /today/"]
    assert len(lines["cookie"]) == 2
    for cookie in lines["cookie"]:
        flags = {flag.strip().split("=")[0].lower() for flag in cookie.split(";")[1:]}
        assert {"secure", "httponly", "samesite"} <= flags, cookie
        assert "SameSite=Lax" in cookie, cookie
    # Static files: hashed names, served by whitenoise with far-future cache headers, compressed.
    status, name, cache = lines["hashed"][0].split(" ", 2)
    assert status == "200" and re.search(r"backcare\.[0-9a-f]{12}\.css$", name)
    assert int(re.search(r"max-age=(\d+)", cache).group(1)) >= 31536000 and "immutable" in cache
    assert lines["gzip"] == ["gzip"]


@pytest.mark.django_db
def test_the_login_page_cannot_be_framed(client):
    assert client.get(reverse("login"))["X-Frame-Options"] == "DENY"
