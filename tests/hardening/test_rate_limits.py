"""Sign-up and password-reset mail are limited per address, with counters every app server shares."""

import pytest
from django.core import mail
from django.core.cache import caches
from django.urls import reverse

from backcare import ratelimit
from backcare.models import User

pytestmark = pytest.mark.django_db


def sign_up(client, n, ip="10.0.0.7"):
    return client.post(
        reverse("signup"),
        {
            "username": f"user{n}",
            "email": f"user{n}@example.com",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
            "country": "",
        },
        REMOTE_ADDR=ip,
    )


def test_sign_ups_beyond_the_limit_from_one_address_are_refused(client):
    allowed, _ = ratelimit.LIMITS["signup"]
    for n in range(allowed):
        assert sign_up(client, n).status_code == 302
        client.logout()
    response = sign_up(client, "x")
    assert response.status_code == 429
    assert "try again in an hour" in response.content.decode()
    assert User.objects.count() == allowed
    # Another address is not held back, and looking at the form is never counted.
    assert sign_up(client, "y", ip="10.0.0.8").status_code == 302
    client.logout()
    assert client.get(reverse("signup"), REMOTE_ADDR="10.0.0.7").status_code == 200


def test_password_reset_mail_is_limited_per_address(client, alice):
    allowed, _ = ratelimit.LIMITS["password_reset"]
    for _ in range(allowed):
        assert (
            client.post(reverse("password_reset"), {"email": alice.email}, REMOTE_ADDR="10.0.0.9").status_code
            == 302
        )
    response = client.post(reverse("password_reset"), {"email": alice.email}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429
    assert len(mail.outbox) == allowed


def test_the_counters_live_in_the_shared_cache(client):
    sign_up(client, 1)
    assert caches["default"].get("ratelimit:signup:10.0.0.7") == 1
