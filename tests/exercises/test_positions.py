"""Positions and equipment as data (exercises/positions.py): every level is tagged, the tags are
the choices, the safety rules read only the tags, and the exercise page and the admin show them."""

from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict
from django.urls import reverse

from exercises import positions
from exercises.library import LIBRARY
from exercises.models import Exercise
from exercises.positions import Equipment, Position
from journal.safety import ScreenStatus

# Every level done face down, over a ball included: none is ever planned for someone pregnant.
FACE_DOWN_LEVELS = {
    "lying-face-down",
    "prone-on-elbows",
    "prone-press-up",
    "reverse-hyper-ball",
    "reverse-hyper-loaded",
}
PREGNANT = ScreenStatus(needs_screen=False, cleared=True, no_prone=True)
NARROWED = ScreenStatus(needs_screen=False, cleared=True, no_extension_above=1)
CLEAR = ScreenStatus(needs_screen=False, cleared=True)


@dataclass
class Level:
    positions: list
    equipment_tags: list = None
    extension: bool = False
    level: int = 1

    def __post_init__(self):
        self.equipment_tags = self.equipment_tags or ["none"]


LEVELS = [level for family in LIBRARY for level in family["levels"]]


# --- the data ----------------------------------------------------------------------------------


@pytest.mark.parametrize("level", LEVELS, ids=[level["slug"] for level in LEVELS])
def test_every_library_level_has_known_positions_and_equipment_tags(level):
    assert level["positions"], "no position"
    assert level["equipment_tags"], "no equipment tag"
    assert positions.problems(level["positions"], level["equipment_tags"]) == []


def test_every_level_in_the_database_has_tags_that_pass_validation(db):
    for exercise in Exercise.objects.all():
        assert exercise.positions and exercise.equipment_tags, exercise.slug
        exercise.full_clean()


def test_the_face_down_levels_are_the_extension_family_and_both_reverse_hypers(db):
    found = {exercise.slug for exercise in Exercise.objects.all() if positions.face_down(exercise)}
    assert found == FACE_DOWN_LEVELS


def test_the_levels_that_bend_the_back_backwards(db):
    found = set(Exercise.objects.filter(extension=True).values_list("slug", "level"))
    assert found == {("prone-on-elbows", 2), ("prone-press-up", 3), ("standing-backbend", 1)}


# --- the tags' own checks ----------------------------------------------------------------------


def test_well_formed_tags_have_no_problems():
    assert positions.problems(["prone_over_ball"], ["exercise_ball", "box_or_bench"]) == []


@pytest.mark.parametrize(
    "tags",
    [
        ([], ["none"]),  # no position
        (["standing"], []),  # no equipment tag
        (["upside_down"], ["none"]),  # a position that is not a choice
        (["standing"], ["trampoline"]),  # equipment that is not a choice
        (["standing", "standing"], ["none"]),  # twice
        (["standing"], ["none", "mat"]),  # "nothing" and something
        ("standing", ["none"]),  # not a list
    ],
)
def test_bad_tags_are_named(tags):
    assert positions.problems(*tags)


def test_model_validation_refuses_a_tag_that_is_not_a_choice(db):
    exercise = Exercise.objects.get(slug="heel-taps")
    exercise.positions = ["upside_down"]
    with pytest.raises(ValidationError, match="Unknown position: upside_down"):
        exercise.full_clean()


@pytest.mark.parametrize("field", ["positions", "equipment_tags"])
def test_the_database_refuses_a_level_without_tags(db, field):
    with pytest.raises(IntegrityError), transaction.atomic():
        Exercise.objects.filter(slug="heel-taps").update(**{field: []})


# --- the rules read the tags -------------------------------------------------------------------


def test_pregnancy_rules_out_face_down_and_face_down_over_a_ball():
    assert not positions.allowed(Level(["prone"]), PREGNANT)
    assert not positions.allowed(Level(["prone_over_ball"]), PREGNANT)
    assert not positions.allowed(Level(["all_fours", "prone"]), PREGNANT)  # any of its positions


def test_pregnancy_leaves_every_other_position():
    # The smallest change that breaks the rule: the same level, not face down.
    others = [value for value in Position.values if value not in positions.FACE_DOWN]
    for position in others:
        assert positions.allowed(Level([position]), PREGNANT), position
    assert positions.allowed(Level(["prone"]), CLEAR)  # and without the answer, face down is fine


def test_a_narrowed_canal_keeps_extension_out_above_level_one():
    assert not positions.allowed(Level(["prone"], extension=True, level=2), NARROWED)
    assert not positions.allowed(Level(["prone"], extension=True, level=3), NARROWED)
    assert positions.allowed(Level(["prone"], extension=True, level=1), NARROWED)
    # Breaking changes: not an extension level, or no narrowing answered.
    assert positions.allowed(Level(["prone"], extension=False, level=2), NARROWED)
    assert positions.allowed(Level(["prone"], extension=True, level=2), CLEAR)


def test_the_reason_names_the_answer_and_the_tag():
    assert "face down" in positions.why_not(Level(["prone_over_ball"]), PREGNANT)
    assert "backwards" in positions.why_not(Level(["prone"], extension=True, level=2), NARROWED)
    assert positions.why_not(Level(["supine"]), PREGNANT) == ""
    assert positions.why_not(Level(["prone"], extension=True, level=1), NARROWED) == ""


def test_no_screen_rules_nothing_out_here():
    assert positions.allowed(Level(["prone"], extension=True, level=3), None)


def test_the_library_under_each_answer(db):
    by_slug = {exercise.slug: exercise for exercise in Exercise.objects.all()}
    ruled_out = {slug for slug, exercise in by_slug.items() if not positions.allowed(exercise, PREGNANT)}
    assert ruled_out == FACE_DOWN_LEVELS
    ruled_out = {slug for slug, exercise in by_slug.items() if not positions.allowed(exercise, NARROWED)}
    assert ruled_out == {"prone-on-elbows", "prone-press-up"}


def test_a_level_up_stops_below_the_first_level_ruled_out():
    family = [Level(["supine"], level=1), Level(["supine"], level=2), Level(["prone"], level=3)]
    assert positions.highest_allowed(family, 1, PREGNANT) == 2
    assert positions.highest_allowed(family, 1, CLEAR) == 3
    gap = [Level(["supine"], level=1), Level(["prone"], level=2), Level(["supine"], level=3)]
    assert positions.highest_allowed(gap, 1, PREGNANT) == 1  # never past a level ruled out


def test_missing_equipment_reads_the_tags():
    over_a_ball = Level(["prone_over_ball"], ["exercise_ball", "box_or_bench"])
    assert positions.missing_equipment(over_a_ball, set()) == ["exercise_ball", "box_or_bench"]
    assert positions.missing_equipment(over_a_ball, {"exercise_ball"}) == ["box_or_bench"]
    assert positions.missing_equipment(over_a_ball, {"exercise_ball", "box_or_bench"}) == []
    assert positions.missing_equipment(Level(["standing"], ["none"]), set()) == []


def test_every_tag_has_words():
    for choices in (Position, Equipment):
        assert positions.labels(choices.values, choices) == [str(label) for label in choices.labels]


# --- what people see ---------------------------------------------------------------------------


def setup_line(client, slug):
    body = client.get(reverse("exercises:detail", kwargs={"slug": slug})).content.decode()
    start = body.index('data-testid="setup"')
    return body[start : body.index("</p>", start)]


def test_the_exercise_page_shows_position_and_equipment(client, db):
    line = setup_line(client, "reverse-hyper-ball")
    assert "Position: face down over a ball" in line
    assert "Needs: an exercise ball, a box or bench" in line
    assert "An exercise ball on a sturdy box or bench" in line  # the words stay for the detail


def test_the_exercise_page_says_when_nothing_is_needed_and_names_every_position(client, db):
    assert "No equipment" in setup_line(client, "daily-walk")
    assert "Needs:" not in setup_line(client, "daily-walk")
    assert "Positions: on all fours, kneeling" in setup_line(client, "childs-pose-hold")


@pytest.fixture
def staff_client(client, alice):
    alice.is_staff = alice.is_superuser = True
    alice.save()
    client.force_login(alice)
    return client


def test_the_admin_edits_positions_and_equipment_as_checkboxes(staff_client):
    exercise = Exercise.objects.get(slug="reverse-hyper-ball")
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    body = staff_client.get(url).content.decode()
    assert 'type="checkbox" name="positions" value="prone_over_ball"' in body
    assert 'name="equipment_tags" value="box_or_bench"' in body
    data = {name: value for name, value in model_to_dict(exercise).items() if value not in (None, False)}
    data.update(positions=["prone_over_ball", "kneeling"], equipment_tags=["exercise_ball"])
    response = staff_client.post(url, data)
    assert response.status_code == 302
    exercise.refresh_from_db()
    assert (exercise.positions, exercise.equipment_tags) == (
        ["prone_over_ball", "kneeling"],
        ["exercise_ball"],
    )


def test_the_admin_refuses_bad_tags_and_changes_nothing(staff_client):
    exercise = Exercise.objects.get(slug="reverse-hyper-ball")
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    data = {name: value for name, value in model_to_dict(exercise).items() if value not in (None, False)}
    for bad in ({"positions": []}, {"equipment_tags": ["none", "mat"]}, {"positions": ["upside_down"]}):
        response = staff_client.post(url, {**data, **bad})
        assert response.status_code == 200, bad  # the form again, with its errors
        assert "errornote" in response.content.decode(), bad
    exercise.refresh_from_db()
    assert exercise.positions == ["prone_over_ball"]


def test_the_family_admin_page_shows_each_levels_tags(staff_client):
    family = Exercise.objects.get(slug="reverse-hyper-ball").progression
    response = staff_client.get(reverse("admin:exercises_progression_change", args=[family.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    for n in (0, 1):  # both levels
        assert (
            f'name="levels-{n}-positions" value="prone_over_ball" id="id_levels-{n}-positions_2" checked'
            in body
        )


# ---- The library list's filter (exercises/positions.py: chosen, matches) ------------------------


def test_chosen_keeps_known_tags_in_vocabulary_order_and_returns_the_rest():
    assert positions.chosen(["standing", "supine", "standing", "flying"], positions.Position) == (
        ["supine", "standing"],
        ["flying"],
    )
    assert positions.chosen([], positions.Equipment) == ([], [])
    assert positions.chosen(["", "mat"], positions.Equipment) == (["mat"], [])  # an empty box: no filter


def test_a_level_matches_one_of_the_positions_asked_for():
    level = Level(positions=["all_fours", "kneeling"])
    assert positions.matches(level, ["kneeling"], None)
    assert positions.matches(level, [], None)  # no position asked: any
    assert not positions.matches(level, ["supine"], None)  # smallest breaking change


def test_a_level_matches_what_you_have_only_when_nothing_it_needs_is_missing():
    ball_on_box = Level(["prone_over_ball"], equipment_tags=["exercise_ball", "box_or_bench"])
    assert positions.matches(ball_on_box, [], ["exercise_ball", "box_or_bench"])
    assert not positions.matches(ball_on_box, [], ["exercise_ball"])  # one thing missing
    assert positions.matches(Level(["standing"], equipment_tags=["none"]), [], ["none"])
    assert positions.matches(Level(["standing"], equipment_tags=["none"]), [], [])  # needs nothing: always
    assert positions.matches(ball_on_box, [], None)  # no equipment filter
