"""Which language a person reads BackCare in (docs/translations.md): the browser's on a first
visit, the one stored on the account once signed in; the page says which (`lang`, Content-Language)."""

import io
import re

import polib
import pytest
from django.core.management import call_command
from django.urls import reverse

from backcare.models import User
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

SIGNUP = {
    "username": "lucia",
    "email": "lucia@example.com",
    "password1": "a-long-and-quiet-walk",
    "password2": "a-long-and-quiet-walk",
    "time_zone": "Europe/Madrid",
}


def page_language(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


@pytest.mark.parametrize(
    "header, expected", [("de-DE,de;q=0.9,en;q=0.5", "de"), ("es-MX,es", "es"), ("", "en")]
)
def test_a_first_visit_reads_the_browsers_language(client, header, expected):
    response = client.get(reverse("landing"), HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 200
    assert page_language(response) == expected
    assert response["Content-Language"] == expected


def test_a_language_backcare_is_not_written_in_falls_back_to_english(client):
    response = client.get(reverse("landing"), HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert page_language(response) == "en"


def test_sign_up_keeps_the_language_the_page_was_read_in(client):
    client.post(reverse("signup"), SIGNUP, HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9")
    assert User.objects.get(username="lucia").language == "es"


def test_a_signed_in_persons_own_language_wins_over_the_browser(client):
    user = make_user("jonas", language="de")
    client.force_login(user)
    response = client.get(reverse("settings"), HTTP_ACCEPT_LANGUAGE="en-GB,en")
    assert response.status_code == 200
    assert page_language(response) == "de"
    assert response["Content-Language"] == "de"


def test_with_no_language_chosen_the_browser_decides(client):
    user = make_user("sam", language="")
    client.force_login(user)
    response = client.get(reverse("settings"), HTTP_ACCEPT_LANGUAGE="es")
    assert page_language(response) == "es"


def test_a_stored_language_no_longer_offered_is_ignored_not_an_error(client, settings):
    user = make_user("old", language="de")
    settings.LANGUAGES = [("en", "English"), ("es", "Español")]
    client.force_login(user)
    response = client.get(reverse("settings"), HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert page_language(response) == "es"


def test_compiletranslations_compiles_reviewed_entries_and_leaves_fuzzy_ones_out(tmp_path, settings):
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "es"}
    catalogue.append(polib.POEntry(msgid="Reviewed words", msgstr="Palabras revisadas"))
    catalogue.append(polib.POEntry(msgid="Unreviewed words", msgstr="Palabras sin revisar", flags=["fuzzy"]))
    catalogue.save(str(folder / "django.po"))
    settings.LOCALE_PATHS = [tmp_path]

    call_command("compiletranslations", stdout=io.StringIO())

    compiled = polib.mofile(str(folder / "django.mo"))
    assert {entry.msgid: entry.msgstr for entry in compiled} == {"Reviewed words": "Palabras revisadas"}
