import pytest
from django.apps import apps

from exercises.library import LIBRARY, load_library
from exercises.models import Exercise, Progression

pytestmark = pytest.mark.django_db

STARTERS = {
    "belly-breathing",
    "cat-cow",
    "rocking",
    "supine-marching",
    "back-extension",
    "sitting-breaks",
    "walking",
}


def test_a_fresh_migrate_has_the_whole_library():
    assert Progression.objects.count() == 12
    assert Exercise.objects.count() == 27
    assert set(Progression.objects.starters().values_list("slug", flat=True)) == STARTERS


def test_levels_run_from_one_without_gaps():
    for progression in Progression.objects.prefetch_related("levels"):
        levels = [e.level for e in progression.levels.all()]
        assert levels == list(range(1, len(levels) + 1)), progression.slug


def test_the_gentle_set_for_rough_days_exists():
    slugs = set(Exercise.objects.filter(level=1).values_list("slug", flat=True))
    assert {"belly-breathing-feet-up", "lying-face-down", "supine-marching"} <= slugs


def test_loading_again_changes_nothing():
    before = list(Exercise.objects.order_by("pk").values())
    load_library(apps.get_model("exercises", "Progression"), apps.get_model("exercises", "Exercise"))
    assert Progression.objects.count() == 12
    assert list(Exercise.objects.order_by("pk").values()) == before


def test_loading_repairs_an_edited_row():
    Exercise.objects.filter(slug="heel-taps").update(name="Changed by hand", sets_max=9)
    load_library(Progression, Exercise)
    exercise = Exercise.objects.get(slug="heel-taps")
    assert (exercise.name, exercise.sets_max) == ("Heel taps from tabletop", 2)


def test_every_level_passes_model_validation():
    for exercise in Exercise.objects.all():
        exercise.full_clean()


def test_stenosis_caution_on_extension_levels_two_and_three():
    for slug in ("prone-on-elbows", "prone-press-up"):
        assert "stenosis" in Exercise.objects.get(slug=slug).cautions


def test_content_matches_the_brief_count_in_code():
    assert len(LIBRARY) == 12
    assert sum(len(family["levels"]) for family in LIBRARY) == 27


def test_every_caution_that_names_leg_symptoms_ends_with_the_same_advice():
    from exercises.library import LEG_ADVICE, LIBRARY

    found = [
        line
        for family in LIBRARY
        for level in family["levels"]
        for line in level["cautions"].splitlines()
        if "tingling" in line and "leg" in line
    ]
    assert len(found) >= 8
    assert all(line.endswith(LEG_ADVICE) for line in found)
