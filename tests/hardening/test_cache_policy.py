"""No page with someone's data may be kept by a shared cache or the browser: every URL of the app,
found from the URL resolver (so pages added later are covered), answers `private, no-store`."""

import pytest
from django.urls import reverse

from tests.backcare.test_urls import all_named_patterns
from tests.conftest import make_history, screen_clear
from tests.hardening.test_isolation import sample_kwargs

pytestmark = pytest.mark.django_db


def policy(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


@pytest.fixture
def alice_with_history(alice):
    screen_clear(alice)
    make_history(alice, 10)
    return alice


def every_url(user):
    for name, pattern in all_named_patterns():
        if name.startswith("admin:"):
            continue
        yield name, reverse(name, kwargs=sample_kwargs(user, pattern))


@pytest.mark.parametrize("who", ["signed in", "anonymous"])
def test_every_page_is_private_and_not_stored(client, alice_with_history, who):
    if who == "signed in":
        client.force_login(alice_with_history)
    checked = []
    for name, url in every_url(alice_with_history):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if response.streaming:
                b"".join(response.streaming_content)
            assert {"private", "no-store"} <= policy(response), f"{method.upper()} {url} ({name})"
            checked.append(name)
    assert {
        "journal:today",
        "journal:report",
        "journal:export_csv",
        "settings",
        "password_reset_confirm",
    } <= set(checked)


def test_a_page_reached_by_a_token_is_private(client, alice):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    url = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(alice.pk)),
            "token": default_token_generator.make_token(alice),
        },
    )
    response = client.get(url, follow=True)
    assert {"private", "no-store"} <= policy(response)
