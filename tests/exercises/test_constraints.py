import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from exercises.models import Exercise, Progression

pytestmark = pytest.mark.django_db


@pytest.fixture
def family():
    return Progression.objects.create(
        name="Test family", slug="test-family", category="strength", summary="x"
    )


def make(family, **fields):
    values = {
        "progression": family,
        "level": 1,
        "name": "Test",
        "slug": "test-level",
        "steps": "Do it",
        "cues": "Gently",
        "reps_min": 5,
        "reps_max": 8,
        "positions": ["standing"],
        "equipment_tags": ["none"],
    }
    values.update(fields)
    return Exercise(**values)


def assert_refused(exercise):
    with pytest.raises(IntegrityError), transaction.atomic():
        exercise.save()


def test_a_valid_row_saves(family):
    make(family).save()
    assert Exercise.objects.filter(slug="test-level").exists()


def test_duplicate_level_in_a_progression(family):
    make(family).save()
    assert_refused(make(family, slug="other-slug"))


def test_duplicate_slug(family):
    make(family).save()
    assert_refused(make(family, level=2))


def test_level_zero(family):
    assert_refused(make(family, level=0))


def test_reps_min_above_max(family):
    assert_refused(make(family, reps_min=10, reps_max=8))


def test_sets_min_above_max(family):
    assert_refused(make(family, sets_min=3, sets_max=2))


def test_hold_min_above_max(family):
    assert_refused(make(family, reps_min=None, reps_max=None, hold_seconds_min=30, hold_seconds_max=20))


def test_rep_hold_min_above_max(family):
    assert_refused(make(family, rep_hold_seconds_min=5, rep_hold_seconds_max=3))


def test_zero_reps(family):
    assert_refused(make(family, reps_min=0, reps_max=0))


def test_a_dose_with_no_kind(family):
    assert_refused(make(family, reps_min=None, reps_max=None))


def test_a_dose_with_two_kinds(family):
    assert_refused(make(family, minutes_min=5, minutes_max=5))


def test_a_rep_hold_without_reps(family):
    assert_refused(
        make(
            family,
            reps_min=None,
            reps_max=None,
            minutes_min=5,
            minutes_max=5,
            rep_hold_seconds_min=3,
            rep_hold_seconds_max=3,
        )
    )


def test_clean_gives_the_same_rules_as_messages(family):
    with pytest.raises(ValidationError, match="exactly one kind"):
        make(family, minutes_min=5, minutes_max=5).clean()
    with pytest.raises(ValidationError, match="must not be above"):
        make(family, reps_min=9, reps_max=3).clean()


def test_a_tempo_from_2_to_10_seconds_on_a_level_counted_in_reps(family):
    for seconds in (2, 10):
        make(family, tempo_seconds=seconds).clean()
    for seconds in (1, 11):
        with pytest.raises(ValidationError, match="from 2 to 10"):
            make(family, tempo_seconds=seconds).clean()
    with pytest.raises(ValidationError, match="needs a tempo"):
        make(family).clean()
    held = {"reps_min": None, "reps_max": None, "hold_seconds_min": 5, "hold_seconds_max": 5}
    make(family, **held).clean()
    with pytest.raises(ValidationError, match="Leave the tempo empty"):
        make(family, **held, tempo_seconds=4).clean()


def test_the_database_refuses_a_tempo_out_of_range_or_on_a_hold(family):
    make(family, tempo_seconds=10).save()
    assert_refused(make(family, slug="too-fast", level=2, tempo_seconds=1))
    assert_refused(make(family, slug="too-slow", level=3, tempo_seconds=11))
    held = {"reps_min": None, "reps_max": None, "hold_seconds_min": 5, "hold_seconds_max": 5}
    assert_refused(make(family, slug="held", level=4, **held, tempo_seconds=4))
