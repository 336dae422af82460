"""The library snapshot: read once per process, and never older than the library it stands for."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from exercises import catalog
from exercises.models import Exercise, Progression
from tests.conftest import screen_clear

pytestmark = pytest.mark.django_db


def test_the_snapshot_holds_the_whole_library_in_order():
    library = catalog.catalog()
    assert [p.slug for p in library.progressions] == list(Progression.objects.values_list("slug", flat=True))
    assert len(library.exercises) == Exercise.objects.count() == 27
    gentle_cat = library.by_slug["cat-cow-gentle"]
    assert gentle_cat.progression == Exercise.objects.get(slug="cat-cow-gentle").progression
    assert library.top_level(gentle_cat.progression_id) == max(
        Exercise.objects.filter(progression=gentle_cat.progression_id).values_list("level", flat=True)
    )
    assert [e.level for e in library.progressions[0].levels.all()] == sorted(
        e.level for e in library.progressions[0].levels.all()
    )


def test_it_is_read_once_then_costs_no_query():
    with CaptureQueriesContext(connection) as cold:
        catalog.catalog()
    with CaptureQueriesContext(connection) as warm:
        for _ in range(3):
            catalog.catalog()
    assert len(cold.captured_queries) == 4  # the version (2), the progressions and their levels
    assert len(warm.captured_queries) == 0


def test_an_edit_in_this_process_is_seen_at_once():
    catalog.catalog()
    exercise = Exercise.objects.get(slug="cat-cow-gentle")
    exercise.name = "Cat and camel"
    exercise.save()
    assert catalog.catalog().by_slug["cat-cow-gentle"].name == "Cat and camel"


def test_an_edit_from_another_process_is_seen_at_the_next_check(settings):
    """An UPDATE sends no signal, as with a save in another worker: the version check finds it."""
    settings.LIBRARY_RECHECK_SECONDS = 3600
    catalog.catalog()
    Exercise.objects.filter(slug="cat-cow-gentle").update(
        name="Cat and camel", updated_at=timezone.now() + timedelta(seconds=1)
    )
    assert catalog.catalog().by_slug["cat-cow-gentle"].name != "Cat and camel"  # within the interval
    settings.LIBRARY_RECHECK_SECONDS = 0
    with CaptureQueriesContext(connection) as check:
        assert catalog.catalog().by_slug["cat-cow-gentle"].name == "Cat and camel"
    assert len(check.captured_queries) == 4  # checked, found newer, re-read


def test_an_unchanged_library_is_checked_but_not_re_read(settings):
    settings.LIBRARY_RECHECK_SECONDS = 0
    before = catalog.catalog()
    with CaptureQueriesContext(connection) as check:
        assert catalog.catalog() is before
    assert len(check.captured_queries) == 2


def test_a_deleted_exercise_leaves_the_snapshot(settings):
    settings.LIBRARY_RECHECK_SECONDS = 3600
    catalog.catalog()
    gone = Exercise.objects.order_by("-pk").first()
    gone.delete()
    assert gone.slug not in catalog.catalog().by_slug
    assert len(catalog.catalog().exercises) == 26


def test_a_plan_item_for_an_exercise_newer_than_the_snapshot_is_found(alice, alice_client, settings):
    """Another process added a level and a user moved to it: the page re-reads the library."""
    settings.LIBRARY_RECHECK_SECONDS = 3600
    screen_clear(alice)
    catalog.catalog()
    item = alice.plan_items.select_related("progression").first()
    top = Exercise.objects.filter(progression=item.progression).order_by("-level").first()
    Exercise.objects.bulk_create(  # bulk_create sends no signal either
        [
            Exercise(
                progression=item.progression,
                level=top.level + 1,
                name="A brand new level",
                slug="brand-new-level",
                steps="Step.",
                cues="Cue.",
                reps_min=5,
                reps_max=5,
                positions=["standing"],
                equipment_tags=["none"],
            )
        ]
    )
    item.exercise = Exercise.objects.get(slug="brand-new-level")
    item.save()
    response = alice_client.get("/today/")
    assert response.status_code == 200
    assert "A brand new level" in response.content.decode()
