"""gunicorn's access log never writes a token: share links, the calendar feed, a reminder address's
confirm and unsubscribe links and password-reset links are logged with the token replaced
(gunicorn.conf.py: TokenSafeLogger)."""

import runpy
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from gunicorn.config import Config

from backcare.log_redaction import RedactTokens
from tests.backcare.test_urls import all_named_patterns
from tests.processes import ROOT

CONF = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
SECRET = "Zq3vN8xT-w_5kLm2Rb7yHc4Jd9FgPs6Ua1Ve0Wi3Xo8"
UID = "MTIzNDU"


def atoms(path, query="", referer="-"):
    logger = CONF["TokenSafeLogger"](Config())
    raw_uri = f"{path}?{query}" if query else path
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": raw_uri,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "REMOTE_ADDR": "203.0.113.9",
        "HTTP_REFERER": referer,
        "HTTP_USER_AGENT": "test",
    }
    request = SimpleNamespace(headers=[("REFERER", referer), ("USER-AGENT", "test")])
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[("Content-Type", "text/html")])
    return logger.atoms(response, request, environ, timedelta(milliseconds=12))


def token_urls():
    """Every URL of the app whose pattern takes a token, reversed with SECRET (and UID)."""
    urls = []
    for name, pattern in all_named_patterns():
        converters = pattern.pattern.converters
        if any("token" in param for param in converters):
            kwargs = {param: (UID if param == "uidb64" else SECRET) for param in converters}
            urls.append(reverse(name, kwargs=kwargs))
    return urls


def test_the_app_has_the_token_urls_the_log_knows():
    assert {u.split(SECRET)[0] for u in token_urls()} == {
        "/shared/",
        "/reminders/calendar/",
        "/reminders/confirm/",
        "/reminders/unsubscribe/",
        f"/accounts/reset/{UID}/",
    }


@pytest.mark.parametrize("url", token_urls())
def test_no_atom_holds_the_token(url):
    logged = atoms(url, query="a=1", referer=f"https://backcare.example.org{url}")
    for name, value in logged.items():
        assert SECRET not in str(value), name
        assert UID not in str(value), name
    assert "[token]" in logged["r"] and "[token]" in logged["U"] and "[token]" in logged["f"]
    assert logged["r"].startswith("GET /") and logged["r"].endswith("?a=1 HTTP/1.1")


def test_the_placeholders_keep_the_address_readable():
    assert atoms(f"/shared/{SECRET}/")["U"] == "/shared/[token]/"
    assert atoms(f"/reminders/calendar/{SECRET}.ics")["U"] == "/reminders/calendar/[token].ics"
    assert atoms(f"/reminders/unsubscribe/{SECRET}/")["U"] == "/reminders/unsubscribe/[token]/"
    assert atoms(f"/accounts/reset/{UID}/set-password/")["U"] == "/accounts/reset/[uid]/set-password/"
    assert atoms(f"/accounts/reset/{UID}/{SECRET}/")["U"] == "/accounts/reset/[uid]/[token]/"


def test_other_addresses_and_atoms_are_as_gunicorn_writes_them():
    logged = atoms("/day/2026-01-10/tick/supine-marching/", query="range=90")
    assert logged["r"] == "GET /day/2026-01-10/tick/supine-marching/?range=90 HTTP/1.1"
    assert logged["U"] == "/day/2026-01-10/tick/supine-marching/" and logged["q"] == "range=90"
    assert logged["s"] == "200" and logged["B"] == 1234 and logged["h"] == "203.0.113.9"
    assert atoms("/reminders/calendar.ics")["U"] == "/reminders/calendar.ics"  # the signed-in download


def test_gunicorn_uses_the_logger():
    assert CONF["logger_class"] is CONF["TokenSafeLogger"]


def test_djangos_own_log_lines_carry_no_token(client, db):
    """Django logs an unknown share link as 'Not Found: /shared/<token>/' at WARNING, which
    production writes to the console: the settings' filter (backcare/log_redaction.py) replaces
    the token there too."""
    import logging

    console = next(
        h for h in logging.getLogger().handlers if any(isinstance(f, RedactTokens) for f in h.filters)
    )
    records = []
    console.emit = records.append  # what the console would write, after the handler's filters
    try:
        response = client.get("/shared/not-a-real-token-0123456789/")
        logging.getLogger("django.request").warning("Not Found: %s", "/reminders/calendar/s3cret.ics")
    finally:
        del console.emit
    assert response.status_code == 404
    lines = [r.getMessage() for r in records]
    assert "Not Found: /shared/[token]/" in lines
    assert "Not Found: /reminders/calendar/[token].ics" in lines
    assert not any("0123456789" in line or "s3cret" in line for line in lines)
