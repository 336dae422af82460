"""Per-user data is reachable only by its owner, and no GET request changes anything."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse

from journal.models import Entry, PlanItem, Tick
from tests.backcare.test_urls import all_named_patterns
from tests.conftest import make_history, screen_clear

pytestmark = pytest.mark.django_db


def snapshot():
    """Every row of every table except sessions, as plain values."""
    tables = {}
    for model in apps.get_models():
        if model._meta.label == "sessions.Session":
            continue
        tables[model._meta.label] = sorted(map(repr, model.objects.order_by("pk").values_list()))
    return tables


def sample_kwargs(user, pattern):
    """Fill a URL's parameters with the user's own objects; an unknown parameter fails the test."""
    item = PlanItem.objects.filter(user=user).first()
    entry = Entry.objects.filter(user=user).order_by("-date").first()
    values = {
        "day": entry.date.isoformat(),
        "exercise": item.exercise.slug,
        "slug": item.exercise.slug,
        "progression": item.progression.slug,
        "pk": item.pk,
        "uidb64": "MQ",
        "token": "set-password",
    }
    params = list(pattern.pattern.converters)
    missing = [p for p in params if p not in values]
    assert not missing, f"{pattern}: cannot fill {missing}"
    return {p: values[p] for p in params}


@pytest.fixture
def alice_with_history(alice):
    screen_clear(alice)
    make_history(alice, 30)
    return alice


def test_no_get_request_changes_any_table(client, alice_with_history):
    client.force_login(alice_with_history)
    before = snapshot()
    visited = []
    for name, pattern in all_named_patterns():
        if name == "logout":
            continue
        url = reverse(name, kwargs=sample_kwargs(alice_with_history, pattern))
        response = client.get(url)
        assert response.status_code < 500, f"GET {url} gave {response.status_code}"
        visited.append(url)
    assert len(visited) > 15
    assert snapshot() == before


@pytest.fixture
def two_users(alice, bob):
    screen_clear(alice)
    screen_clear(bob)
    make_history(alice, 5)
    make_history(bob, 5)
    return alice, bob


def test_a_stranger_gets_404_for_another_users_plan_item(client, two_users):
    alice, bob = two_users
    client.force_login(bob)
    item = PlanItem.objects.filter(user=alice).first()
    before = snapshot()
    for name in ("journal:accept", "journal:dismiss"):
        url = reverse(name, kwargs={"pk": item.pk})
        assert client.post(url, {"kind": "up"}).status_code == 404
        assert client.get(url).status_code in (404, 405)
    assert snapshot() == before


def test_dates_are_always_the_requesters_own(client, two_users):
    """A day URL names a date, not an object: bob acting on a date touches only bob's day."""
    alice, bob = two_users
    client.force_login(bob)
    day = (alice.local_today() - timedelta(days=1)).isoformat()
    alice_entry = Entry.objects.get(user=alice, date=day)
    alice_ticks = list(Tick.objects.filter(entry=alice_entry).values_list("exercise__slug", flat=True))
    client.post(reverse("journal:checkin", kwargs={"day": day}), {"pain": "9", "notes": "bob"})
    client.post(reverse("journal:untick", kwargs={"day": day, "exercise": alice_ticks[0]}))
    alice_entry.refresh_from_db()
    assert (alice_entry.pain, alice_entry.notes) == (4, "")
    assert (
        list(Tick.objects.filter(entry=alice_entry).values_list("exercise__slug", flat=True)) == alice_ticks
    )
    assert Entry.objects.get(user=bob, date=day).pain == 9
    body = client.get(reverse("journal:day", kwargs={"day": day})).content.decode()
    assert "bob" in body


def test_plan_changes_touch_only_the_requesters_plan(client, two_users):
    alice, bob = two_users
    client.force_login(bob)
    client.post(reverse("journal:plan_remove", kwargs={"progression": "walking"}))
    client.post(reverse("journal:plan_set", kwargs={"progression": "cat-cow"}), {"level": "2"})
    assert PlanItem.objects.get(user=alice, progression__slug="walking").active
    assert PlanItem.objects.get(user=alice, progression__slug="cat-cow").exercise.level == 1
    assert not PlanItem.objects.get(user=bob, progression__slug="walking").active
    assert PlanItem.objects.get(user=bob, progression__slug="cat-cow").exercise.level == 2
