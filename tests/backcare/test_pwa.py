"""The home-screen app's three public responses (backcare/pwa.py, docs/offline.md): the web app
manifest, the service worker from the site root and the offline page; and what base.html links."""

import json
import re
import struct

import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.urls import reverse

from backcare import pwa

pytestmark = pytest.mark.django_db


def png_size(path):
    """A PNG's width and height from its header bytes (signature, then the IHDR chunk)."""
    with open(path, "rb") as handle:
        head = handle.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    assert head[12:16] == b"IHDR", path
    return struct.unpack(">II", head[16:24])


def static_path(url):
    name = url.removeprefix("/static/")
    found = finders.find(name)
    assert found, url
    return found


def test_the_manifest_is_served_with_its_type_and_fields(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["name"] == "BackCare"
    assert data["short_name"] == "BackCare"
    assert data["description"]
    assert data["start_url"] == "/today/?source=pwa"
    assert data["id"] == "/today/"
    assert data["scope"] == "/"
    assert data["display"] == "standalone"
    assert re.fullmatch(r"#[0-9a-f]{6}", data["theme_color"])
    assert re.fullmatch(r"#[0-9a-f]{6}", data["background_color"])
    purposes = {(icon["sizes"], icon["purpose"]) for icon in data["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= purposes


def test_every_declared_icon_exists_at_its_declared_size(client):
    data = json.loads(client.get("/manifest.webmanifest").content)
    for icon in data["icons"]:
        width, height = (int(n) for n in icon["sizes"].split("x"))
        assert icon["type"] == "image/png"
        assert png_size(static_path(icon["src"])) == (width, height), icon["src"]
    assert png_size(finders.find("img/icons/apple-touch-icon.png")) == (180, 180)
    # The sources they were drawn from are kept beside them.
    assert finders.find("img/icons/icon.svg") and finders.find("img/icons/icon-maskable.svg")


def test_the_manifest_is_the_same_for_everyone(client, alice):
    anonymous = client.get("/manifest.webmanifest").content
    client.force_login(alice)
    assert client.get("/manifest.webmanifest").content == anonymous


def worker_config(response):
    first, _, rest = response.content.decode().partition("\n")
    assert first.startswith("self.BACKCARE_SW = ") and first.endswith(";")
    return json.loads(first.removeprefix("self.BACKCARE_SW = ").removesuffix(";")), rest


def test_the_worker_is_served_from_the_root_with_its_headers(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    config, source = worker_config(response)
    with open(finders.find("js/sw.js"), encoding="utf-8") as handle:
        assert source == handle.read()
    assert config["offline"] == reverse("offline")
    assert config["today"] == reverse("journal:today")
    assert config["logout"] == reverse("logout")
    # A POST to these ends what the phone keeps; the log-in page reached means signed out (issue 24).
    assert config["ends"] == [
        reverse("logout"),
        reverse("journal:delete_account"),
        reverse("password_change"),
    ]
    assert config["login"] == reverse("login")
    assert config["maxAge"] == django_settings.SESSION_COOKIE_AGE
    assert re.fullmatch(r"[0-9a-f]{16}", config["version"])


def test_the_worker_keeps_the_files_today_and_the_offline_page_need(client):
    config, _ = worker_config(client.get("/sw.js"))
    assert config["precache"] == [f"/static/{name}" for name in pwa.PRECACHE]
    for name in pwa.PRECACHE:
        assert finders.find(name), name
    # Every file base.html and Today link is in the list (a file Today gains: add it to PRECACHE).
    templates = django_settings.BASE_DIR / "templates"
    text = "".join(
        (templates / name).read_text(encoding="utf-8")
        for name in ("base.html", "includes/pwa_head.html", "includes/header.html", "journal/today.html")
    )
    linked = set(re.findall(r"\{% static '([^']+)' %\}", text))
    assert linked - {"img/icons/apple-touch-icon.png"} <= set(pwa.PRECACHE)


def test_the_version_changes_with_a_kept_file(client, monkeypatch):
    before, _ = worker_config(client.get("/sw.js"))
    real = pwa._read_static
    monkeypatch.setattr(
        pwa, "_read_static", lambda name: b"changed" if name == "css/today.css" else real(name)
    )
    after, _ = worker_config(client.get("/sw.js"))
    assert after["version"] != before["version"]


def test_the_push_script_is_imported_only_when_it_exists(client, monkeypatch):
    real = pwa._read_static
    monkeypatch.setattr(pwa, "_read_static", lambda name: None if name == pwa.PUSH_SOURCE else real(name))
    assert worker_config(client.get("/sw.js"))[0]["push"] is None
    monkeypatch.setattr(
        pwa, "_read_static", lambda name: b"// push" if name == pwa.PUSH_SOURCE else real(name)
    )
    assert worker_config(client.get("/sw.js"))[0]["push"] == "/static/js/sw-push.js"
    # The worker guards the import, so a missing or broken file never stops it installing.
    with open(finders.find("js/sw.js"), encoding="utf-8") as handle:
        source = handle.read()
    assert re.search(r"try \{\s*self\.importScripts\(CONFIG\.push\);\s*\} catch", source)


def test_the_offline_page_is_public_cacheable_and_the_same_for_everyone(client, alice):
    response = client.get("/offline/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=86400" in response["Cache-Control"]
    assert b'data-testid="offline-page"' in response.content
    anonymous = response.content
    client.force_login(alice)
    signed_in = client.get("/offline/").content
    assert signed_in == anonymous
    assert b"alice" not in signed_in
    assert b'data-sw-user=""' in signed_in
    assert b"logout-form" not in signed_in


@pytest.mark.parametrize("url", ["/manifest.webmanifest", "/sw.js", "/offline/"])
def test_the_public_responses_refuse_writes(client, url):
    assert client.post(url).status_code == 405


def test_pages_link_the_manifest_icon_theme_and_scripts(client, alice):
    client.force_login(alice)
    html = client.get(reverse("exercises:list")).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest?lang=en">' in html
    assert '<link rel="apple-touch-icon" href="/static/img/icons/apple-touch-icon.png">' in html
    assert '<meta name="theme-color" content="#0b6e4f" media="(prefers-color-scheme: light)">' in html
    assert 'media="(prefers-color-scheme: dark)"' in html
    assert '<meta name="color-scheme" content="light">' in html
    # The theme script runs in <head>, before the page is drawn; the worker's registration is deferred.
    head = html.split("</head>")[0]
    assert '<script src="/static/js/theme.js"></script>' in head
    assert 'src="/static/js/pwa.js" data-worker="/sw.js" defer' in head


def test_the_body_names_its_user_by_an_opaque_key(client, alice, bob):
    def key():
        return re.search(r'<body data-sw-user="([0-9a-f]*)">', client.get("/exercises/").content.decode())[1]

    assert key() == ""
    client.force_login(alice)
    alice_key = key()
    client.force_login(bob)
    bob_key = key()
    assert len(alice_key) == 24 and len(bob_key) == 24 and alice_key != bob_key
    assert str(alice.pk) != alice_key and pwa.user_key(alice) == alice_key


def test_in_production_the_worker_keeps_the_hashed_urls(client, settings, tmp_path):
    """Under ManifestStaticFilesStorage (backcare/storage.py) the list is the hashed URLs from the
    collected manifest, worked out once a process (kept in the "local" cache, cleared around each
    test by tests/conftest.py)."""
    names = [*pwa._static_names(), pwa.WORKER_SOURCE, "img/icons/apple-touch-icon.png"]
    paths = {name: name.replace(".", ".0123abcd.", 1) if "." in name else name for name in names}
    (tmp_path / "staticfiles.json").write_text(json.dumps({"paths": paths, "version": "1.1", "hash": "x"}))
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "backcare.storage.StaticStorage"}}
    try:
        config, source = worker_config(client.get("/sw.js"))
        assert config["hashed"] is True
        assert "/static/css/today.0123abcd.css" in config["precache"]
        assert "/static/js/pwa.0123abcd.js" in config["precache"]
        assert config["staticPrefix"] == "/static/"
        assert config["push"] is None or ".0123abcd." in config["push"]
        assert "addEventListener" in source
        assert worker_config(client.get("/sw.js"))[0] == config
    finally:
        caches["local"].clear()  # the worker built from this test's pretend manifest


@pytest.mark.parametrize(
    "lang, description",
    [
        ("de", "Sanfte tägliche Übungen, eine Schmerzangabe und Ihr Fortschritt bei Kreuzschmerzen."),
        ("es", "Ejercicios diarios suaves, un registro de dolor y su progreso, para el dolor lumbar."),
        ("xx", "Gentle daily exercises, a pain check-in and your progress, for lower back pain."),
    ],
)
def test_the_manifest_speaks_the_language_its_url_names(client, lang, description):
    data = json.loads(client.get("/manifest.webmanifest", {"lang": lang}).content)
    assert data["description"] == description
    assert data["lang"] == (lang if lang != "xx" else "en")
    page = client.get(reverse("landing"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest?lang=de">' in page
