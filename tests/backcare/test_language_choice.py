"""The language choice in Settings (docs/translations.md): stored on the user, used from the next
page on whatever the browser says; blank follows the browser again; a language BackCare is not
written in is refused with nothing changed."""

import pytest
from django.urls import reverse

from backcare.models import User

pytestmark = pytest.mark.django_db


def save(client, language, **fields):
    data = {"email": "alice@example.com", "time_zone": "Europe/London", "language": language, **fields}
    return client.post(reverse("settings"), data, HTTP_ACCEPT_LANGUAGE="en")


def test_settings_offer_each_language_named_in_itself(alice_client):
    page = alice_client.get(reverse("settings")).content.decode()
    assert '<option value="de" lang="de" translate="no">Deutsch</option>' in page
    assert '<option value="es" lang="es" translate="no">Español</option>' in page
    assert '<option value="" selected>' in page  # nothing chosen yet: the browser's language


def test_a_chosen_language_is_stored_and_speaks_from_the_next_page_on(alice_client, alice):
    response = save(alice_client, "de")
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.language == "de"
    page = alice_client.get(reverse("settings"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="de">' in page
    assert "Einstellungen gespeichert." in page
    assert '<option value="de" selected lang="de" translate="no">Deutsch</option>' in page


def test_blank_follows_the_browser_again(alice_client, alice):
    alice.language = "es"
    alice.save(update_fields=["language"])
    save(alice_client, "")
    alice.refresh_from_db()
    assert alice.language == ""
    page = alice_client.get(reverse("settings"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="de">' in page


def test_an_unknown_language_is_refused_with_nothing_changed(alice_client, alice):
    response = save(alice_client, "xx", time_zone="Asia/Tokyo")
    assert response.status_code == 200
    assert "Nothing was saved" in response.content.decode()
    assert User.objects.values_list("language", "time_zone").get(pk=alice.pk) == ("", "Europe/London")
