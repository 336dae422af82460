"""Every page needs a login unless it is meant to be public: checked for every URL pattern."""

from urllib.parse import urlparse

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PUBLIC = {
    "landing",
    "healthz",
    "signup",
    "login",
    "logout",  # POST-only; GET is refused (tested in test_accounts)
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "exercises:list",
    "exercises:detail",
    "shared_report",  # a report its owner shared: the token is the key (tests/journal/test_share.py)
    # Links in reminder mail: the signed token names the user (tests/reminders/test_links.py).
    "reminders:confirm",
    "reminders:unsubscribe",
    # A calendar app reads the private feed without a session: the token is the key
    # (tests/reminders/test_calendar_feed.py).
    "reminders:calendar_feed",
    # The home-screen app (backcare/pwa.py): the same for everyone, no one's data (tests/backcare/test_pwa.py).
    "manifest",
    "service_worker",
    "offline",
    # The scripts' words in one language: the same for everyone (tests/i18n/test_js_catalogue.py).
    "jsi18n",
}

# Values for URL parameters, by name; a parameter missing here fails the test.
SAMPLE_KWARGS = {
    "day": "2026-01-05",
    "slug": "cat-cow",
    "progression": "cat-cow",
    "exercise": "cat-cow",
    "pk": 1,
    "lesson": "the-usual-course",
    "uidb64": "MQ",
    "token": "set-password",
    "share_token": "made-up-token",
    "step": "episode",
}


def walk(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue  # the admin has its own login
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def reverse_with_samples(name, pattern):
    params = list(pattern.pattern.converters) or list(pattern.pattern.regex.groupindex)
    missing = [p for p in params if p not in SAMPLE_KWARGS]
    assert not missing, f"{name}: no sample value for {missing}; add one to SAMPLE_KWARGS"
    return reverse(name, kwargs={p: SAMPLE_KWARGS[p] for p in params})


def all_named_patterns():
    return sorted(walk(get_resolver()), key=lambda item: item[0])


def private_patterns():
    return [(name, pattern) for name, pattern in all_named_patterns() if name not in PUBLIC]


def test_the_walk_finds_the_pages():
    names = {name for name, _ in all_named_patterns()}
    assert {"journal:today", "settings", "landing"} <= names
    assert not PUBLIC - names, f"public names that no longer exist: {PUBLIC - names}"


@pytest.mark.django_db
@pytest.mark.parametrize("name,pattern", private_patterns(), ids=lambda v: v if isinstance(v, str) else "")
def test_private_pages_send_anonymous_users_to_login(client, name, pattern):
    url = reverse_with_samples(name, pattern)
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        assert response.status_code == 302, f"{method.upper()} {url} gave {response.status_code}"
        assert urlparse(response.url).path == reverse("login"), f"{method.upper()} {url} → {response.url}"
