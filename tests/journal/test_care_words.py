"""The emergency and urgent advice speak the user's own country's words (backcare/urgent_care.py)."""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import RequestFactory
from django.urls import reverse

from backcare.context_processors import care
from journal.models import SafetyScreen
from tests.conftest import make_user, screens_edited

pytestmark = pytest.mark.django_db

RESULT = reverse("journal:safety_result")
TODAY = reverse("journal:today")
EMERGENCY = SafetyScreen.Outcome.EMERGENCY
URGENT = SafetyScreen.Outcome.URGENT


def client_with_screen(client, outcome, country=""):
    """A user of `country` whose latest screen had `outcome` (made directly: the form is not under test)."""
    user = make_user("gwen", country=country)
    SafetyScreen.objects.create(user=user, taken_on=user.local_today(), answers={}, outcome=outcome)
    client.force_login(user)
    return client


def advice(client, testid, url=RESULT):
    """The text of the advice section marked `testid` on the page at `url`."""
    body = client.get(url).content.decode()
    start = body.rindex("<section", 0, body.index(f'data-testid="{testid}"'))
    return body[start : body.index("</section>", start)]


@pytest.mark.parametrize("url", [RESULT, TODAY])
def test_a_user_in_great_britain_is_told_999_and_nhs_111(client, url):
    emergency = advice(client_with_screen(client, EMERGENCY, "GB"), "emergency-advice", url)
    assert 'href="tel:999"' in emergency and "Call 999" in emergency
    assert "Call 999 (112 works too), or go to the nearest emergency department" in emergency
    assert "Numbers for United Kingdom: England, Wales or Scotland" in emergency

    SafetyScreen.objects.update(outcome=URGENT)
    screens_edited()
    urgent = advice(client, "urgent-advice", url)
    assert "contact NHS 111 (phone or online)" in urgent
    assert 'href="tel:999"' in urgent
    assert "GP" not in urgent and "112" not in urgent


@pytest.mark.parametrize("url", [RESULT, TODAY])
def test_a_user_in_the_united_states_is_told_911_and_never_nhs_or_gp(client, url):
    emergency = advice(client_with_screen(client, EMERGENCY, "US"), "emergency-advice", url)
    assert 'href="tel:911"' in emergency and "Call 911" in emergency
    SafetyScreen.objects.update(outcome=URGENT)
    screens_edited()
    urgent = advice(client, "urgent-advice", url)
    assert "contact your doctor, or an urgent-care clinic" in urgent and 'href="tel:911"' in urgent
    for words in (emergency, urgent):
        assert "NHS" not in words and "GP" not in words
        assert not re.search(r"\b(999|112|111)\b", words)


def test_a_user_in_northern_ireland_is_told_999_and_their_gp(client):
    emergency = advice(client_with_screen(client, EMERGENCY, "GB-NIR"), "emergency-advice")
    assert 'href="tel:999"' in emergency and "Call 999 (112)," in emergency
    SafetyScreen.objects.update(outcome=URGENT)
    screens_edited()
    urgent = advice(client, "urgent-advice")
    assert "contact your GP, or GP out-of-hours" in urgent and "NHS" not in urgent


def test_a_user_in_germany_is_told_112_and_116_117(client):
    urgent = advice(client_with_screen(client, URGENT, "DE"), "urgent-advice")
    assert "contact your doctor, or the out-of-hours doctor service (116 117)" in urgent
    assert 'href="tel:112"' in urgent


@pytest.mark.parametrize("url", [RESULT, TODAY])
def test_a_user_without_a_country_gets_the_deployments_number_and_neutral_words(client, settings, url):
    settings.EMERGENCY_NUMBER = "0800 123 456"
    emergency = advice(client_with_screen(client, EMERGENCY), "emergency-advice", url)
    assert 'href="tel:0800123456"' in emergency and "Call 0800 123 456" in emergency
    assert "0800 123 456, or your local emergency number" in emergency
    assert "choose your country in Settings" in emergency

    SafetyScreen.objects.update(outcome=URGENT)
    screens_edited()
    urgent = advice(client, "urgent-advice", url)
    assert "contact your doctor, or your local urgent-care service" in urgent
    assert "0800 123 456</a>, or your local emergency number" in urgent
    for words in (emergency, urgent):
        assert "NHS" not in words and "GP" not in words
        text = re.sub(r"<[^>]+>", " ", words)  # what the user reads
        assert re.findall(r"\d[\d ]*\d|\d", text) == ["0800 123 456"] * text.count("0800 123 456")


def test_a_country_without_an_entry_gets_the_fallback_too(client, settings):
    from backcare.models import User

    settings.EMERGENCY_NUMBER = "17"
    c = client_with_screen(client, EMERGENCY)
    User.objects.update(country="ZZ")  # a code the table dropped since it was saved
    emergency = advice(c, "emergency-advice")
    assert 'href="tel:17"' in emergency and "17, or your local emergency number" in emergency


def test_the_words_change_with_the_users_country(client):
    from backcare.models import User

    c = client_with_screen(client, EMERGENCY, "AU")
    assert "Call 000 (112 from mobiles)," in advice(c, "emergency-advice")
    User.objects.update(country="NZ")
    assert 'href="tel:111"' in advice(c, "emergency-advice")


def test_the_care_words_cost_no_query(alice, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = alice
    alice.country = "CA"
    with django_assert_num_queries(0):
        words = care(request)["care"]
        assert (words.emergency_number, words.fallback) == ("911", False)


def test_an_anonymous_visitor_gets_the_fallback(settings):
    from django.contrib.auth.models import AnonymousUser

    settings.EMERGENCY_NUMBER = "112"
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert care(request)["care"].fallback


def test_templates_take_the_emergency_number_only_from_care():
    """One mechanism: `care` from backcare.context_processors.care, never a variable of their own."""
    templates = Path(django_settings.BASE_DIR) / "templates"
    for path in templates.rglob("*.html"):
        text = path.read_text()
        assert not re.search(r"(?<!care\.)\bemergency_number\b", text), path
        assert not re.search(r"\bGP\b|NHS 111", text), path  # one country's services: care words only
