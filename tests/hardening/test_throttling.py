from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from backcare.client_ip import client_ip
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def attempt(client, password, ip="10.0.0.5"):
    return client.post(reverse("login"), {"username": "alice", "password": password}, REMOTE_ADDR=ip)


def test_five_failures_lock_the_username_even_for_the_right_password(client, alice):
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200
    assert attempt(client, "wrong").status_code == 429  # the fifth failure locks
    response = attempt(client, PASSWORD)
    assert response.status_code == 429
    assert "paused for 15 minutes" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_the_lock_is_per_address(client, alice):
    for _ in range(5):
        attempt(client, "wrong", ip="10.0.0.5")
    assert attempt(client, PASSWORD, ip="10.0.0.6").status_code == 302


def test_success_resets_the_count(client, alice):
    for _ in range(4):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 302


def test_the_lock_lifts_after_fifteen_minutes(client, alice):
    for _ in range(5):
        attempt(client, "wrong")
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert attempt(client, PASSWORD).status_code == 302


def test_client_address_behind_trusted_proxies(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9, 10.0.0.2"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.1.1.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "203.0.113.9"  # the forged left-most entry is never used


def test_account_deletion_removes_the_users_axes_records(client, alice):
    attempt(client, "wrong")
    assert AccessAttempt.objects.filter(username="alice").exists()
    client.force_login(alice)
    client.post(reverse("journal:delete_account"), {"password": PASSWORD})
    assert not AccessAttempt.objects.filter(username="alice").exists()


# --- asking for the password again counts like the log-in -------------------------------------

REAUTH = {
    "password change": (
        "password_change",
        lambda pw: {
            "old_password": pw,
            "new_password1": "n3w-Passphrase!x",
            "new_password2": "n3w-Passphrase!x",
        },
    ),
    "account deletion": ("journal:delete_account", lambda pw: {"password": pw}),
}


@pytest.mark.parametrize("form", REAUTH)
def test_wrong_passwords_again_lock_like_the_log_in(client, alice, form):
    name, data = REAUTH[form]
    client.force_login(alice)
    for _ in range(4):
        assert client.post(reverse(name), data("wrong"), REMOTE_ADDR="10.0.0.5").status_code in (200, 302)
    response = client.post(reverse(name), data("wrong"), REMOTE_ADDR="10.0.0.5")
    assert response.status_code == 429
    response = client.post(reverse(name), data(PASSWORD), REMOTE_ADDR="10.0.0.5")
    assert response.status_code == 429, "the right password is refused while locked"
    assert "paused for 15 minutes" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    # The log-in from that address is locked too: one lock, one message.
    client.logout()
    assert attempt(client, PASSWORD).status_code == 429


def test_the_right_password_again_still_works(client, alice):
    client.force_login(alice)
    response = client.post(reverse("password_change"), REAUTH["password change"][1](PASSWORD))
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("n3w-Passphrase!x")


def test_an_overlong_name_at_log_in_is_a_form_error_not_a_throttle_record(client, alice):
    """Found by the fuzzer on PostgreSQL: the throttle's username column holds 255 characters."""
    response = client.post(
        reverse("login"), {"username": "x" * 300, "password": "wrong"}, REMOTE_ADDR="10.0.0.5"
    )
    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()
    assert not AccessAttempt.objects.exists()
