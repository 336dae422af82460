import uuid

import pytest

from backcare import diary_version
from backcare.models import User

PASSWORD = "correct-horse-battery-staple"


def pytest_make_parametrize_id(config, val, argname):
    """A time-based UUID made at collection (`str(uuid.uuid1())`) is new in every process: it is
    named by its kind instead, so that pytest-xdist's workers collect the same test names."""
    if isinstance(val, str) and len(val) == 36:
        try:
            if uuid.UUID(val).version == 1:
                return "a-uuid1"
        except ValueError:
            pass
    return None


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts and ends in the default language: a request read in another language leaves
    it active in the thread (LocaleMiddleware activates one, nothing deactivates it), and the lazy
    words (care words, reminder subjects, choices) would follow it into the next test."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_shared_cache():
    """Each test starts with an empty shared cache (rate-limit counters), as after a deploy."""
    from django.core.cache import caches

    caches["default"].clear()  # a rolled-back test's user ids (and so their keys) come back
    yield


@pytest.fixture(autouse=True)
def _fresh_library_snapshot():
    """Each test reads the library as its own database has it (a rolled-back edit sends no signal),
    and renders its fragments afresh (a frozen clock could give two tests' libraries one version)."""
    from django.core.cache import caches

    from exercises import catalog
    from learn import catalog as lessons

    catalog.clear()
    lessons.clear()
    caches["local"].clear()
    yield
    catalog.clear()
    lessons.clear()
    caches["local"].clear()


def ensure_library():
    """A test in a flushed transaction (a live server, threads) finds the library tables empty once
    an earlier such test has run: load the library when it is not all there."""
    from exercises.library import load_library
    from exercises.models import Exercise, Progression

    if Exercise.objects.count() != 27:
        load_library(Progression, Exercise)


def user_owned_models():
    """{model: the lookup from its rows to their user} for every table whose rows belong to a person:
    the user model ("pk") and every model with a foreign key to one of them, through as many steps as
    it takes (a tick through its entry, a rating through its round). Left out: the reference tables
    nobody's request writes (the exercise library, the lessons, Django's content types, permissions
    and groups) and the sessions."""
    from django.apps import apps
    from django.contrib.auth import get_user_model

    paths = {get_user_model(): "pk"}
    grown = True
    while grown:
        grown = False
        for model in apps.get_models():
            if model in paths:
                continue
            for field in model._meta.concrete_fields:
                target = field.related_model if field.many_to_one or field.one_to_one else None
                if target in paths:
                    paths[model] = field.name if paths[target] == "pk" else f"{field.name}__{paths[target]}"
                    grown = True
                    break
    return paths


def owned_rows(user=None, also=()):
    """The rows of every user-owned table (`user_owned_models`) as plain values, {label: rows}: every
    person's, or only `user`'s; `also` adds whole tables by label (django-axes' log-in records). A
    user's diary version is left out: it is a cache key (backcare/diary_version.py), moved by a
    write's transaction even when the write finds nothing to change."""
    from django.apps import apps

    tables = {}
    models = [*user_owned_models().items(), *((apps.get_model(label), None) for label in sorted(also))]
    for model, path in models:
        rows = (
            model.objects.all() if user is None or path is None else model.objects.filter(**{path: user.pk})
        )
        columns = [f.attname for f in model._meta.concrete_fields if f.name != "diary_version"]
        tables[model._meta.label] = sorted(map(repr, rows.order_by("pk").values_list(*columns)))
    return tables


def make_user(username, **extra):
    extra.setdefault("email", f"{username}@example.com")
    extra.setdefault("time_zone", "Europe/London")
    return User.objects.create_user(username=username, password=PASSWORD, **extra)


@pytest.fixture
def library(db):
    """The library snapshot (and the lessons', learn/catalog.py), already read, as in a process that
    has served a page."""
    from exercises import catalog
    from learn import catalog as lessons

    lessons.course()
    return catalog.catalog()


@pytest.fixture
def alice(db):
    return make_user("alice")


@pytest.fixture
def bob(db):
    return make_user("bob")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def screen_clear(user, day=None):
    """A finished safety screen with no yes answers, and the starter plan, as after sign-up."""
    from journal.models import SafetyScreen
    from journal.safety import QUESTION_KEYS
    from journal.services import plan_create_starter

    day = day or user.local_today()
    SafetyScreen.objects.create(
        user=user,
        taken_on=day,
        answers=dict.fromkeys(QUESTION_KEYS, False),
        outcome=SafetyScreen.Outcome.CLEAR,
    )
    plan_create_starter(user=user, today=day)  # moves the diary version (backcare/diary_version.py)


def screens_edited():
    """Safety screens changed with a queryset's update (a test's shortcut past the services): their
    users' diary versions move, as a service's write would (backcare/diary_version.py)."""
    from journal.models import SafetyScreen

    for user_id in set(SafetyScreen.objects.values_list("user_id", flat=True)):
        diary_version.changed(user_id)


def make_history(user, days, pain=lambda n: 4, ticks_per_day=3):
    """`days` days of entries ending yesterday, each with a few ticks of the user's plan; an account
    that joined early enough for the diary to hold them (journal/days.py)."""
    from datetime import timedelta

    from django.utils import timezone

    from journal.models import Entry, PlanItem, Tick

    # A day to spare: the account's local join date can fall a day later than now's when a
    # daylight-saving change lies between them (23:30 UTC in November is 00:30 in July, London).
    joined = timezone.now() - timedelta(days=max(days - 364, 0))
    if user.date_joined > joined:
        user.date_joined = joined
        user.save(update_fields=["date_joined"])
    today = user.local_today()
    exercises = [item.exercise for item in PlanItem.objects.filter(user=user).select_related("exercise")]
    entries = Entry.objects.bulk_create(
        [
            Entry(user=user, date=today - timedelta(days=days - n), pain=pain(n), planned=len(exercises))
            for n in range(days)
        ]
    )
    Tick.objects.bulk_create(
        [
            Tick(entry=entry, exercise=ex, pain_during=2)
            for entry in entries
            for ex in exercises[:ticks_per_day]
        ]
    )
    diary_version.changed(user)  # written past the services: the pages kept so far are old
    return entries


@pytest.fixture
def screened_alice(alice):
    screen_clear(alice)
    return alice


@pytest.fixture
def alice_with_history(screened_alice):
    """Alice past the safety screen with 30 days of diary up to yesterday, not logged in. A module
    that wants more on those days (notes) extends it under the same name."""
    make_history(screened_alice, 30)
    return screened_alice


@pytest.fixture
def alice_today(client, screened_alice):
    """Alice, logged in, past the safety screen, with the starter plan."""
    client.force_login(screened_alice)
    return client


def make_level_changes(user, count, **fields):
    """`count` level changes of the user's first plan item, from its level to the same level (a
    report's "changes" section full of rows); `fields` give the direction, rule, values, reason."""
    from journal.models import LevelChange, PlanItem

    item = PlanItem.objects.filter(user=user).first()
    LevelChange.objects.bulk_create(
        [
            LevelChange(
                user=user, plan_item=item, from_exercise=item.exercise, to_exercise=item.exercise, **fields
            )
            for _ in range(count)
        ]
    )
    diary_version.changed(user)
    return item


def make_ready_for_level_up(user, progression="supine-marching"):
    """Two weeks of steady pain 4 and three sessions of the family's current level (marching level
    1 unless told) at pain during 2, each rated easy: a level-up (or a dose step) is due
    (docs/clinical-rules.md)."""
    from datetime import timedelta

    from journal.models import Entry, PlanItem, Tick

    today = user.local_today()
    item = PlanItem.objects.get(user=user, progression__slug=progression)
    PlanItem.objects.filter(pk=item.pk).update(since=today - timedelta(days=20))
    entries = {
        n: Entry.objects.create(user=user, date=today - timedelta(days=n), pain=4, planned=7)
        for n in range(1, 15)
    }
    for n in (6, 4, 2):
        Tick.objects.create(entry=entries[n], exercise=item.exercise, pain_during=2, effort="easy")
    diary_version.changed(user)
    item.refresh_from_db()
    return item


def queries_by_history_length(client, lengths, url_names):
    """{(days, url name): queries} for a fresh user with `days` days of daily ticks (an unbroken
    streak of that length) opening each page once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from exercises import catalog

    catalog.catalog()  # the exercise library is read once per process, before the first page
    counts = {}
    for days in lengths:
        user = make_user(f"streak{days}")
        screen_clear(user)
        make_history(user, days)
        client.force_login(user)
        for name in url_names:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(reverse(name)).status_code == 200
            counts[days, name] = len(ctx.captured_queries)
    return counts
