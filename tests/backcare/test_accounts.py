import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from backcare.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

SIGNUP = {
    "username": "carol",
    "email": "carol@example.com",
    "password1": "a-long-and-quiet-walk",
    "password2": "a-long-and-quiet-walk",
    "time_zone": "America/Chicago",
}


def test_signup_logs_the_user_in_and_reaches_the_safety_check_before_today(client):
    response = client.post(reverse("signup"), SIGNUP, follow=True)
    user = User.objects.get(username="carol")
    assert int(client.session[SESSION_KEY]) == user.pk
    assert [url for url, _ in response.redirect_chain] == [
        reverse("journal:today"),
        reverse("journal:safety"),
    ]
    assert response.status_code == 200
    assert 'data-testid="safety-form"' in response.content.decode()
    assert user.email == "carol@example.com"
    assert user.time_zone == "America/Chicago"


def test_signup_requires_an_email(client):
    response = client.post(reverse("signup"), {**SIGNUP, "email": ""})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not User.objects.exists()


def test_signup_refuses_an_unknown_time_zone(client):
    response = client.post(reverse("signup"), {**SIGNUP, "time_zone": "Mars/Olympus_Mons"})
    assert response.status_code == 200
    assert "is not a time zone we know" in response.content.decode()
    assert not User.objects.exists()
    assert SESSION_KEY not in client.session


def test_signup_without_a_browser_zone_falls_back_to_the_default(client, settings):
    client.post(reverse("signup"), {**SIGNUP, "time_zone": ""})
    assert User.objects.get().time_zone == settings.TIME_ZONE


def test_signup_applies_the_password_validators(client):
    response = client.post(reverse("signup"), {**SIGNUP, "password1": "123", "password2": "123"})
    assert "too short" in response.content.decode()
    assert not User.objects.exists()


def test_signup_shows_the_medical_disclaimer(client):
    response = client.get(reverse("signup"))
    assert "does not replace a doctor" in response.content.decode()


def test_login_with_the_right_password(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("journal:today")
    assert int(client.session[SESSION_KEY]) == alice.pk


def test_a_wrong_password_gives_an_error_and_no_session(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_logout_by_get_is_refused(alice_client):
    response = alice_client.get(reverse("logout"))
    assert response.status_code == 405
    assert SESSION_KEY in alice_client.session


def test_logout_by_post(alice_client):
    response = alice_client.post(reverse("logout"))
    assert response.status_code == 302
    assert SESSION_KEY not in alice_client.session


def test_password_reset_sends_an_email(client, alice):
    response = client.post(reverse("password_reset"), {"email": "alice@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_landing_offers_sign_up_and_log_in(client):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("signup") in body and reverse("login") in body


def test_landing_sends_a_logged_in_user_to_today(alice_client):
    response = alice_client.get("/")
    assert response.status_code == 302
    assert response.url == reverse("journal:today")


def test_settings_change_time_zone_and_email(alice_client, alice):
    response = alice_client.post(reverse("settings"), {"email": "new@example.com", "time_zone": "Asia/Tokyo"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.email, alice.time_zone) == ("new@example.com", "Asia/Tokyo")


def test_settings_lists_every_zone_with_the_users_own_chosen(alice_client, alice):
    from backcare.timezones import canonical_zones

    body = alice_client.get(reverse("settings")).content.decode()
    start = body.rindex("<select", 0, body.index('id="id_time_zone"'))
    select = body[start : body.index("</select>", start)]
    assert 'id="id_time_zone"' in select and 'aria-describedby="id_time_zone_helptext"' in select
    assert select.count("<option ") == len(canonical_zones()) > 300
    assert '<option value="Europe/London" selected>' in select
    assert select.count(" selected") == 1


def test_settings_refuse_an_unknown_time_zone_and_keep_the_old_one(alice_client, alice):
    response = alice_client.post(
        reverse("settings"), {"email": "new@example.com", "time_zone": "Nowhere/At_All"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    alice.refresh_from_db()
    assert (alice.email, alice.time_zone) == ("alice@example.com", "Europe/London")


def test_password_change(alice_client, alice):
    response = alice_client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-walk",
            "new_password2": "another-long-walk",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("another-long-walk")


def test_healthz_needs_no_login_and_touches_no_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_unknown_page_is_a_styled_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We couldn't find that page" in response.content.decode()
