"""Per-user data is reachable only by its owner, and no GET request changes anything."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from journal.models import Entry, PlanItem, ShareLink, Tick
from journal.services import share_link_create
from learn.models import Lesson
from tests.backcare.test_urls import all_named_patterns
from tests.conftest import make_history, make_user, screen_clear

pytestmark = pytest.mark.django_db


def snapshot(exclude=()):
    """Every row of every table except sessions (and `exclude`, model labels), as plain values.
    A user's diary version is left out: it is a cache key (backcare/diary_version.py), moved by a
    write's transaction even when the write finds nothing to change."""
    tables = {}
    for model in apps.get_models():
        if model._meta.label == "sessions.Session" or model._meta.label in exclude:
            continue
        columns = [f.attname for f in model._meta.concrete_fields if f.name != "diary_version"]
        tables[model._meta.label] = sorted(map(repr, model.objects.order_by("pk").values_list(*columns)))
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
        "lesson": Lesson.objects.order_by("order").values_list("slug", flat=True).first(),  # open on day 1
        "uidb64": "MQ",
        "token": "set-password",
        "share_token": "made-up-token",  # a real one would log a view: tests/journal/test_share.py
        "step": "episode",  # the start's first screen (journal/views/start.py)
    }
    params = list(pattern.pattern.converters)
    missing = [p for p in params if p not in values]
    assert not missing, f"{pattern}: cannot fill {missing}"
    return {p: values[p] for p in params}


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
    share_link_create(
        user=alice, display_name="A", days=7, show_notes=False, show_safety=False, now=timezone.now()
    )
    return alice, bob


# Every URL parameter of ours and what it names. A new parameter fails the test below until it is
# added here and its isolation is tested.
PK_ROUTES = {
    "journal:accept": PlanItem,
    "journal:dismiss": PlanItem,
    "journal:pause_resume": PlanItem,
    "journal:share_revoke": ShareLink,
}
LIBRARY_SLUGS = {"exercise", "progression", "slug"}  # the shared exercise library, not per user
# A shared lesson (learn/); whose reads a page shows: tests/learn/test_pages.py, another user's reads.
LESSON_SLUGS = {"lesson"}
DATES = {"day"}  # the requester's own day; never another user's entry (see the test below)
DJANGO_AUTH = {"uidb64", "token"}  # password reset links, signed by Django
SHARE_TOKENS = {"share_token"}  # a share link's secret, whoever holds it: tests/journal/test_share.py
# A screen of the start, the same for everyone: each user reaches only their own answers
# (tests/journal/test_start.py, another user).
START_STEPS = {"step"}


def test_every_url_parameter_is_covered_by_an_isolation_test():
    pk_routes = set()
    for name, pattern in all_named_patterns():
        params = set(pattern.pattern.converters)
        if "pk" in params:
            pk_routes.add(name)
        unknown = (
            params - {"pk"} - LIBRARY_SLUGS - LESSON_SLUGS - DATES - DJANGO_AUTH - SHARE_TOKENS - START_STEPS
        )
        assert not unknown, f"{name}: parameter {unknown} names what? Add an isolation test for it."
    assert pk_routes == set(PK_ROUTES)


@pytest.mark.parametrize("name", sorted(PK_ROUTES))
def test_a_stranger_gets_404_for_another_users_object(client, two_users, name):
    alice, bob = two_users
    client.force_login(bob)
    mine = PK_ROUTES[name].objects.filter(user=alice).first()
    before = snapshot()
    url = reverse(name, kwargs={"pk": mine.pk})
    for data in ({"kind": "up"}, {"kind": "down"}, {}):
        assert client.post(url, data).status_code == 404
    assert client.get(url).status_code in (404, 405)
    assert snapshot() == before


def rows_of(user):
    """Every row that belongs to `user`, in every table that has a user or an entry."""
    rows = {}
    for model in apps.get_models():
        fields = {f.name for f in model._meta.get_fields()}
        if "user" in fields:
            found = model.objects.filter(user=user)
        elif "entry" in fields:
            found = model.objects.filter(entry__user=user)
        else:
            continue
        rows[model._meta.label] = sorted(map(repr, found.order_by("pk").values_list()))
    return rows


def test_every_write_on_a_date_touches_only_the_requesters_rows(client, two_users):
    alice, bob = two_users
    client.force_login(bob)
    day = (alice.local_today() - timedelta(days=1)).isoformat()
    slug = Tick.objects.filter(entry__user=alice).first().exercise.slug
    data = {"pain": "9", "notes": "bob", "day_type": "rest", "pain_during": "7", "effort": "hard"}
    before = rows_of(alice)
    routes = [(n, p) for n, p in all_named_patterns() if "day" in p.pattern.converters]
    for name, pattern in routes:
        kwargs = {"day": day, "exercise": slug} if "exercise" in pattern.pattern.converters else {"day": day}
        client.post(reverse(name, kwargs=kwargs), data)
        client.get(reverse(name, kwargs=kwargs))
    assert rows_of(alice) == before


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


def test_no_get_in_the_admin_changes_any_table(client, alice_with_history):
    """The admin is part of the URLconf too: walk it as a superuser, every model and one object of each."""
    root = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(root)
    before = snapshot()
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        urls.append(reverse("admin:app_list", kwargs={"app_label": meta.app_label}))
        prefix = f"admin:{meta.app_label}_{meta.model_name}"
        urls += [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
        first = model.objects.order_by("pk").first()
        if first is not None:
            for view in ("change", "history", "delete"):
                urls.append(reverse(f"{prefix}_{view}", args=[first.pk]))
    answered = 0
    for url in urls:
        response = client.get(url)
        # 403: an admin that allows no adding (django-axes' records); still a GET with no write.
        assert response.status_code in (200, 403), f"GET {url} gave {response.status_code}"
        answered += response.status_code == 200
    assert answered > 30
    assert snapshot() == before
