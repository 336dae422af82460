"""The scripts' words (docs/translations.md): Django's JavaScriptCatalog at /jsi18n/?lang=…, named
by the page before its other scripts, cached for a day under a URL that names the language, and
kept by the service worker for offline use."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def catalogue(client, lang, **headers):
    return client.get(reverse("jsi18n"), {"lang": lang}, **headers)


@pytest.mark.parametrize("lang", ["en", "es", "de"])
def test_the_catalogue_is_the_languages_own_and_cached_for_a_day(client, lang):
    response = catalogue(client, lang)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "public, max-age=86400"
    assert response["Content-Language"] == lang
    body = response.content.decode()
    assert "django.gettext = function" in body and "django.ngettext" in body


def test_the_url_decides_the_language_not_the_browser_or_the_account(client, alice):
    alice.language = "es"
    alice.save(update_fields=["language"])
    client.force_login(alice)
    assert catalogue(client, "de", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "de"


@pytest.mark.parametrize("lang", ["", "xx", "<script>", "de-AT-x-junk"])
def test_a_language_backcare_is_not_written_in_gets_the_default(client, lang):
    response = catalogue(client, lang)
    assert response.status_code == 200
    assert response["Content-Language"] == "en"


@pytest.mark.parametrize("lang", ["es", "de"])
def test_every_page_names_the_catalogue_of_its_own_language_before_its_scripts(client, lang):
    page = client.get(reverse("landing"), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    script = f'<script src="{reverse("jsi18n")}?lang={lang}" defer></script>'
    assert script in page
    assert page.index(script) < page.index("js/pwa.js") < page.index("js/backcare.js")


def test_the_service_worker_keeps_the_catalogue(client):
    worker = client.get(reverse("service_worker")).content.decode()
    assert f'"catalogue":"{reverse("jsi18n")}"' in worker
    assert "isCatalogue(url)" in worker and "fromCatalogue(request)" in worker


SCRIPTS = sorted((settings.BASE_DIR / "static" / "js").glob("*.js"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_a_script_that_translates_works_when_the_catalogue_did_not_load(script):
    source = script.read_text(encoding="utf-8")
    for name in ("gettext", "ngettext", "pgettext", "interpolate"):
        if f"{name}(" in source:
            assert f"var {name} = window.{name} ||" in source, f"{script.name}: {name} without a fallback"
