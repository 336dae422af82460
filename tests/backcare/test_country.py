"""The user's country: asked at sign-up (guessed from the time zone), changed in settings."""

import json
import re

import pytest
from django.urls import reverse

from backcare.models import User
from tests.backcare.test_accounts import SIGNUP
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

SIGNUP_URL = reverse("signup")
SETTINGS_URL = reverse("settings")


def country_select(body):
    start = body.rindex("<select", 0, body.index('id="id_country"'))
    return body[start : body.index("</select>", start)]


def selected(select):
    return re.findall(r'<option value="([^"]*)" selected>', select)


def test_sign_up_stores_the_chosen_country(client):
    client.post(SIGNUP_URL, {**SIGNUP, "country": "CA"})
    assert User.objects.get().country == "CA"


def test_sign_up_takes_northern_ireland_apart_from_the_rest_of_the_united_kingdom(client):
    client.post(SIGNUP_URL, {**SIGNUP, "country": "GB-NIR"})
    assert User.objects.get().country == "GB-NIR"


def test_sign_up_with_another_country_leaves_it_blank(client):
    client.post(SIGNUP_URL, {**SIGNUP, "country": ""})
    assert User.objects.get().country == ""


@pytest.mark.parametrize("tampered", ["XX", "ch", "GB-SCT", "<b>GB</b>", "G" * 500])
def test_sign_up_refuses_a_tampered_country_with_a_clear_error(client, tampered):
    response = client.post(SIGNUP_URL, {**SIGNUP, "country": tampered})
    assert response.status_code == 200
    assert "Pick your country from the list, or “Another country”." in response.content.decode()
    assert not User.objects.exists()


def test_the_sign_up_page_asks_for_the_country_with_another_country_first(client):
    body = client.get(SIGNUP_URL).content.decode()
    select = country_select(body)
    assert "Where you live" in body
    assert select.index('<option value="" selected>Another country (or not listed)</option>') < select.index(
        '<option value="AU">Australia</option>'
    )
    assert '<option value="GB">United Kingdom: England, Wales or Scotland</option>' in select
    assert '<option value="GB-NIR">United Kingdom: Northern Ireland</option>' in select


def test_the_sign_up_page_gives_its_script_the_time_zone_guesses_as_data(client):
    body = client.get(SIGNUP_URL).content.decode()
    assert "data-country-guess" in country_select(body)
    match = re.search(r'<script id="timezone-countries" type="application/json">(.*?)</script>', body)
    guesses = json.loads(match.group(1))
    assert guesses["Europe/London"] == "GB" and guesses["America/Toronto"] == "CA"
    assert "<script>" not in body  # the strict CSP allows no inline script: data only


def test_a_refused_sign_up_keeps_the_chosen_country_and_guesses_no_more(client):
    body = client.post(SIGNUP_URL, {**SIGNUP, "country": "US", "password2": "different"}).content.decode()
    select = country_select(body)
    assert selected(select) == ["US"]
    assert "data-country-guess" not in select
    assert 'id="timezone-countries"' not in body


def test_a_refused_sign_up_keeps_another_country_as_chosen(client):
    body = client.post(SIGNUP_URL, {**SIGNUP, "country": "", "password2": "different"}).content.decode()
    assert selected(country_select(body)) == [""]


def test_settings_change_the_country(alice_client, alice):
    data = {"email": alice.email, "time_zone": alice.time_zone, "country": "NZ"}
    assert alice_client.post(SETTINGS_URL, data).status_code == 302
    alice.refresh_from_db()
    assert alice.country == "NZ"


def test_settings_can_set_another_country(alice_client, alice):
    User.objects.filter(pk=alice.pk).update(country="US")
    alice_client.post(SETTINGS_URL, {"email": alice.email, "time_zone": alice.time_zone, "country": ""})
    alice.refresh_from_db()
    assert alice.country == ""


def test_settings_refuse_a_tampered_country_and_keep_the_old_one(alice_client, alice):
    User.objects.filter(pk=alice.pk).update(country="IE")
    response = alice_client.post(
        SETTINGS_URL, {"email": "new@example.com", "time_zone": alice.time_zone, "country": "XX"}
    )
    assert response.status_code == 200
    assert "Pick your country from the list" in response.content.decode()
    alice.refresh_from_db()
    assert (alice.email, alice.country) == ("alice@example.com", "IE")


def test_settings_show_the_users_own_country(client):
    user = make_user("dana", country="US")  # her time zone is Europe/London: the choice wins
    client.force_login(user)
    assert selected(country_select(client.get(SETTINGS_URL).content.decode())) == ["US"]


@pytest.mark.parametrize(
    ("zone", "guess"), [("Europe/London", "GB"), ("Australia/Perth", "AU"), ("Asia/Tokyo", "")]
)
def test_settings_guess_the_country_of_a_user_without_one_from_the_time_zone(client, zone, guess):
    user = make_user("erin", time_zone=zone)
    client.force_login(user)
    assert selected(country_select(client.get(SETTINGS_URL).content.decode())) == [guess]
    user.refresh_from_db()
    assert user.country == ""  # only a guess until saved
