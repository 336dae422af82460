"""journal/starter.py: the starter plan from the start's answers, one test per branch, without a
database (docs/starter-plan.md)."""

from types import SimpleNamespace

import pytest

from journal import starter
from journal.safety import CLEAR, SEE_SOON, TALK_FIRST, PlanAccess, ScreenStatus


def family(order, slug, name, category, *levels):
    progression = SimpleNamespace(slug=slug, name=name, category=category, order=order)
    # Each level named like its family here: the summary names the level (Exercise.name).
    return [SimpleNamespace(progression=progression, name=name, **fields) for fields in levels]


def level(n, positions=("supine",), equipment=("mat",), extension=False, **dose):
    fields = dict.fromkeys(
        (
            "reps_min",
            "reps_max",
            "rep_hold_seconds_min",
            "rep_hold_seconds_max",
            "hold_seconds_min",
            "hold_seconds_max",
            "minutes_min",
            "minutes_max",
        )
    )
    fields.update(sets_min=1, sets_max=1, per_side=False, reps_min=10, reps_max=10)
    fields.update(dose)
    return dict(
        level=n, positions=list(positions), equipment_tags=list(equipment), extension=extension, **fields
    )


# The library's starter families as they are today (exercises/library.py), their level 1 and 2.
LIBRARY = [
    *family(1, "belly-breathing", "Belly breathing", "breathing", level(1, equipment=("chair",))),
    *family(2, "cat-cow", "Cat/cow", "mobility", level(1, ("all_fours",)), level(2, ("all_fours",))),
    *family(3, "rocking", "Rocking", "mobility", level(1, ("all_fours",))),
    *family(4, "supine-marching", "Marching", "strength", level(1, sets_min=2, sets_max=2, reps_min=6, reps_max=6)),
    *family(5, "back-extension", "Back extension", "mobility", level(1, ("prone",)), level(2, ("prone",), extension=True)),
    *family(6, "sitting-breaks", "Sitting breaks", "habit", level(1, ("standing",), ("none",), extension=True)),
    *family(7, "walking", "Walking", "habit", level(1, ("standing",), ("none",), reps_min=None, reps_max=None, minutes_min=10, minutes_max=10)),
    *family(8, "bird-dog", "Bird-dog", "strength", level(1, ("all_fours",), sets_min=2, sets_max=2, reps_min=8, reps_max=8)),
    *family(
        9,
        "glute-bridge",
        "Glute bridge",
        "strength",
        level(1, sets_min=3, sets_max=3, reps_min=12, reps_max=15, rep_hold_seconds_min=3, rep_hold_seconds_max=3),
        level(2),
    ),
    *family(12, "reverse-hyperextension", "Reverse hyper", "strength", level(1, ("prone_over_ball",), ("exercise_ball", "box_or_bench"))),
]  # fmt: skip

CLEAR_SCREEN = ScreenStatus(needs_screen=False, outcome=CLEAR, cleared=True)


def answers(**given):
    fields = {"episode": "", "leg": "", "equipment": None, "minutes": None, "sitting": None}
    fields.update(given)
    return SimpleNamespace(**fields)


def plan(screen=CLEAR_SCREEN, library=LIBRARY, **given):
    return starter.starter_plan(answers(**given), library, screen)


def steps(found):
    return {item.family: item.dose_step for item in found.items}


CALM = ["belly-breathing", "cat-cow", "supine-marching", "walking"]


# --- minutes: which families ---


def test_about_5_minutes_is_the_calm_set_and_the_walk():
    assert plan(minutes=5).families() == CALM


def test_about_10_minutes_adds_rocking_and_the_glute_bridge():
    assert plan(minutes=10).families() == [
        "belly-breathing",
        "cat-cow",
        "rocking",
        "supine-marching",
        "walking",
        "glute-bridge",
    ]


def test_about_20_minutes_adds_bird_dog_and_back_extension_face_down_level_1():
    found = plan(minutes=20)
    assert found.families() == [
        "belly-breathing",
        "cat-cow",
        "rocking",
        "supine-marching",
        "back-extension",
        "walking",
        "bird-dog",
        "glute-bridge",
    ]
    assert {item.level.level for item in found.items} == {1}


def test_skipped_minutes_take_the_smallest_budget():
    assert plan().families() == CALM
    assert plan(minutes=7).families() == CALM  # not one of the choices: as skipped


# --- sitting breaks ---


def test_sitting_most_of_the_day_adds_sitting_breaks():
    assert plan(minutes=5, sitting=True).families() == [*CALM[:3], "sitting-breaks", "walking"]


@pytest.mark.parametrize("sitting", [False, None])
def test_no_sitting_breaks_unless_the_day_is_mostly_sitting(sitting):
    assert "sitting-breaks" not in plan(minutes=20, sitting=sitting).families()


# --- where each family starts: the episode and the leg ---


GRADED = {"episode": "over_3_months", "leg": "back_only", "minutes": 10}


def test_over_3_months_with_back_pain_only_starts_strength_at_the_top_of_level_1():
    found = plan(**GRADED)
    assert found.graded
    # Glute bridge's level 1 is 3 x 12-15: its steps 12, 14, 15 reps; marching (2 x 6) has one step.
    assert steps(found) == {
        "belly-breathing": 0,
        "cat-cow": 0,
        "rocking": 0,
        "supine-marching": 0,
        "walking": 0,
        "glute-bridge": 2,
    }
    assert {item.level.level for item in found.items} == {1}


def test_buttock_or_thigh_keeps_the_graded_start():
    assert plan(**{**GRADED, "leg": "buttock_or_thigh"}).graded


@pytest.mark.parametrize("episode", ["under_6_weeks", "6_to_12_weeks", ""])
def test_a_shorter_or_skipped_episode_starts_everything_at_the_low_end(episode):
    found = plan(**{**GRADED, "episode": episode})
    assert not found.graded and set(steps(found).values()) == {0}


@pytest.mark.parametrize("leg", ["below_knee", ""])
def test_symptoms_below_the_knee_or_a_skipped_leg_answer_start_at_the_low_end(leg):
    found = plan(**{**GRADED, "leg": leg})
    assert not found.graded and set(steps(found).values()) == {0}


@pytest.mark.parametrize("outcome", [TALK_FIRST, SEE_SOON])
def test_a_screen_that_needed_a_clinicians_ok_starts_at_the_low_end_even_after_it(outcome):
    screen = ScreenStatus(needs_screen=False, outcome=outcome, cleared=True, plan=PlanAccess.FULL)
    assert set(steps(plan(screen=screen, **GRADED)).values()) == {0}


def test_no_screen_starts_at_the_low_end():
    assert not plan(screen=None, **GRADED).graded


# --- equipment gates ---


def ball_library(*needs):
    """The library with the glute bridge's level 1 needing `needs` (a made-up level for the gate)."""
    changed = []
    for lv in LIBRARY:
        if lv.progression.slug == "glute-bridge" and lv.level == 1:
            lv = SimpleNamespace(**{**vars(lv), "equipment_tags": list(needs)})
        changed.append(lv)
    return changed


def test_a_level_needing_equipment_the_person_lacks_is_left_out_and_said_so():
    found = plan(library=ball_library("mat", "exercise_ball"), minutes=10, equipment=[])
    assert "glute-bridge" not in found.families()
    assert [(left.family, left.why) for left in found.left_out] == [
        ("glute-bridge", "it needs an exercise ball")
    ]
    # Never moved to another level of the family instead.
    assert all(item.level.level == 1 for item in found.items)


def test_the_same_level_is_planned_when_the_equipment_is_at_hand():
    found = plan(library=ball_library("mat", "exercise_ball"), minutes=10, equipment=["exercise_ball"])
    assert "glute-bridge" in found.families() and not found.left_out


def test_a_skipped_equipment_answer_means_nothing_beyond_the_home():
    found = plan(library=ball_library("exercise_ball"), minutes=10, equipment=None)
    assert "glute-bridge" not in found.families()


def test_every_tag_a_level_needs_must_be_at_hand():
    found = plan(
        library=ball_library("exercise_ball", "box_or_bench"), minutes=10, equipment=["exercise_ball"]
    )
    assert [left.why for left in found.left_out] == ["it needs a box or bench"]


def test_home_things_are_always_at_hand_and_unknown_tags_are_ignored():
    assert starter.at_hand(answers(equipment=["weight_or_band", "rocket"])) == {
        "none",
        "mat",
        "chair",
        "cushion",
        "weight_or_band",
    }
    # Belly breathing needs a chair: planned with no equipment at all.
    assert "belly-breathing" in plan(minutes=5, equipment=[]).families()


def test_the_reverse_hyper_is_never_chosen_by_the_rule_even_with_its_equipment():
    found = plan(minutes=20, equipment=list(starter.ASKED))
    assert "reverse-hyperextension" not in found.families()


# --- the safety answers ---


def test_pregnancy_leaves_back_extension_out_and_says_so():
    screen = ScreenStatus(needs_screen=False, outcome=TALK_FIRST, cleared=True, no_prone=True)
    found = plan(screen=screen, minutes=20)
    assert "back-extension" not in found.families()
    assert [left.family for left in found.left_out] == ["back-extension"]
    assert "face down" in found.left_out[0].why
    assert "Back extension is left out: it is done face down" in " ".join(
        starter.summary(found, answers(minutes=20))
    )


def test_a_narrowed_canal_keeps_the_level_1_extension_habit():
    screen = ScreenStatus(needs_screen=False, outcome=SEE_SOON, cleared=True, no_extension_above=1)
    assert "sitting-breaks" in plan(screen=screen, minutes=5, sitting=True).families()


# --- the same answers, the same plan ---


def test_the_same_answers_give_the_same_plan_whatever_the_library_order():
    given = {"minutes": 20, "sitting": True, "episode": "over_3_months", "leg": "back_only"}
    assert plan(**given) == plan(library=list(reversed(LIBRARY)), **given)


# --- the closing paragraph ---


def test_the_summary_names_the_answers_the_count_and_settings():
    found = plan(minutes=10, equipment=[])
    words = " ".join(starter.summary(found, answers(minutes=10, equipment=[])))
    assert words.startswith(
        "You have about 10 minutes a day and no equipment, so your plan has 5 gentle exercises: "
    )
    assert "Belly breathing, Cat/cow, Rocking, Marching and Glute bridge." in words
    assert "Every day also holds walking." in words
    assert "Everything starts at level 1, at its easiest dose" in words
    assert words.endswith("You can change all of this in Settings.")


def test_the_summary_counts_one_exercise_in_the_singular():
    found = plan(library=[lv for lv in LIBRARY if lv.progression.slug in ("belly-breathing", "walking")])
    words = " ".join(starter.summary(found, answers()))
    assert "your plan has 1 gentle exercise: Belly breathing." in words
    assert "You did not say how much time you have" in words


def test_the_summary_says_why_strength_starts_higher_and_names_the_equipment():
    given = {**GRADED, "equipment": ["exercise_ball", "weight_or_band"]}
    words = " ".join(starter.summary(plan(**given), answers(**given)))
    assert "an exercise ball and a light weight or a band" in words
    assert "over 3 months" in words and "upper end of level 1" in words


def test_the_summary_keeps_a_habits_capital_where_the_language_keeps_it():
    """German nouns keep their capital inside a sentence ("… gehören außerdem Gehen."); English
    and Spanish lower-case the name there. (This test's library names its habit "Walking".)"""
    from django.utils import translation

    found = plan(minutes=10, equipment=[])
    given = answers(minutes=10, equipment=[])
    with translation.override("de"):
        german = " ".join(starter.summary(found, given))
    with translation.override("es"):
        spanish = " ".join(starter.summary(found, given))
    assert " Walking." in german and " walking." not in german
    assert " walking." in spanish
