"""The dose broken into the phases the session clock runs: pure, no database."""

import pytest

from exercises import dose, phases
from exercises.library import LIBRARY, _dose_fields
from exercises.models import Exercise
from exercises.phases import Kind

LEVELS = {level["slug"]: level for family in LIBRARY for level in family["levels"]}


def level(slug):
    """The library's level as an unsaved Exercise: its dose fields, no database."""
    return Exercise(slug=slug, name=LEVELS[slug]["name"], **_dose_fields(LEVELS[slug]))


def run(slug, **changes):
    exercise = level(slug)
    start = dose.start(exercise)
    if changes:
        start = dose.Dose(**{**start.__dict__, **changes})
    return phases.breakdown(start, exercise)


def shape(found):
    return [(p.kind, p.seconds, p.side, p.set) for p in found]


def test_every_level_starts_with_getting_into_position_and_ends_on_work():
    for slug in LEVELS:
        found = run(slug)
        assert found[0].kind == Kind.READY
        assert found[0].seconds == phases.READY_SECONDS
        assert found[-1].work, slug
        assert all(p.kind != Kind.READY for p in found[1:]), slug


def test_a_single_set_of_reps_is_one_self_paced_phase_named_in_the_levels_words():
    found = run("belly-breathing-feet-up")
    assert shape(found) == [(Kind.READY, 10, None, 1), (Kind.REPS, None, None, 1)]
    assert found[1].label == "10 slow breaths"
    assert found[1].reps == 10
    assert found[1].rep_hold_seconds is None


def test_sets_of_reps_rest_between_sets_and_not_after_the_last():
    found = run("reverse-hyper-ball")  # 2–3 × 8–20: starts at 2 × 8
    assert shape(found) == [
        (Kind.READY, 10, None, 1),
        (Kind.REPS, None, None, 1),
        (Kind.REST, dose.DEFAULT_REST_SECONDS, None, 2),
        (Kind.REPS, None, None, 2),
    ]
    assert [p.label for p in found[1:]] == [
        "Set 1 of 2 · 8 reps",
        "Rest 30 s",
        "Set 2 of 2 · 8 reps",
    ]


def test_the_rest_is_the_doses_own():
    found = run("reverse-hyper-ball", rest_seconds=45)
    assert [p.seconds for p in found if p.kind == Kind.REST] == [45]


def test_a_higher_step_in_the_range_gives_more_sets_and_reps():
    found = run("reverse-hyper-ball", sets=3, reps=20)
    work = [p for p in found if p.work]
    assert [(p.reps, p.set, p.sets) for p in work] == [(20, 1, 3), (20, 2, 3), (20, 3, 3)]
    assert work[2].label == "Set 3 of 3 · 20 reps"
    assert sum(p.kind == Kind.REST for p in found) == 2


def test_a_hold_per_rep_is_counted_on_every_rep_not_once_a_set():
    """Bridge: 3 s at the top of each of 12 reps, 3 sets."""
    found = run("glute-bridge")
    work = [p for p in found if p.work]
    assert [(p.kind, p.reps, p.rep_hold_seconds, p.seconds) for p in work] == [(Kind.REPS, 12, 3, None)] * 3
    assert work[0].label == "Set 1 of 3 · 12 reps · hold 3 s at the top of each"
    assert all(p.kind != Kind.HOLD for p in found)
    # Timed by the level's tempo: 12 reps of (5 s + 3 s held) a set, not 12 × 5 s + one 3 s hold.
    assert [p.tempo_seconds for p in work] == [5] * 3
    assert phases.seconds_estimate(work) == 3 * 12 * (5 + 3)


def test_a_hold_per_set_counts_down_each_set():
    """Child's pose: 3 holds of 20 s (the low end), a rest between."""
    found = run("childs-pose-hold")
    assert shape(found) == [
        (Kind.READY, 10, None, 1),
        (Kind.HOLD, 20, None, 1),
        (Kind.REST, 30, None, 2),
        (Kind.HOLD, 20, None, 2),
        (Kind.REST, 30, None, 3),
        (Kind.HOLD, 20, None, 3),
    ]
    assert found[1].label == "Set 1 of 3 · hold 20 s"


def test_each_side_switches_sides_with_a_cue_inside_every_set():
    """Single-leg bridge: 2 × 5 each side, 3 s at the top of each rep."""
    found = run("single-leg-bridge")
    assert shape(found) == [
        (Kind.READY, 10, "left", 1),
        (Kind.REPS, None, "left", 1),
        (Kind.SWITCH, phases.SWITCH_SECONDS, "right", 1),
        (Kind.REPS, None, "right", 1),
        (Kind.REST, 30, "left", 2),
        (Kind.REPS, None, "left", 2),
        (Kind.SWITCH, phases.SWITCH_SECONDS, "right", 2),
        (Kind.REPS, None, "right", 2),
    ]
    assert found[0].label == "Get into position · left side first"
    assert found[1].label == "Left side · set 1 of 2 · 5 reps · hold 3 s at the top of each"
    assert found[2].label == "Switch to the right side"
    assert found[-1].label == "Right side · set 2 of 2 · 5 reps · hold 3 s at the top of each"


def test_a_single_hold_each_side_has_a_switch_and_no_rest():
    found = run("piriformis-ball-release")
    assert shape(found) == [
        (Kind.READY, 10, "left", 1),
        (Kind.HOLD, 30, "left", 1),
        (Kind.SWITCH, 5, "right", 1),
        (Kind.HOLD, 30, "right", 1),
    ]
    assert [p.label for p in found if p.work] == ["Left side · hold 30 s", "Right side · hold 30 s"]


def test_short_holds_repeated_relax_a_few_seconds_between_not_a_full_rest():
    """Bird-dog at half height: 5 × 5 s each side."""
    found = run("bird-dog-half")
    rests = [p for p in found if p.kind == Kind.REST]
    assert len(rests) == 4
    assert {p.seconds for p in rests} == {phases.RELAX_SECONDS}
    assert rests[0].label == "Relax 5 s"
    assert sum(p.kind == Kind.HOLD for p in found) == 10
    # A hold of 15 s or more rests in full.
    assert {p.seconds for p in run("bird-dog-half", hold_seconds=20) if p.kind == Kind.REST} == {30}


def test_minutes_are_timed_in_seconds():
    """Lying face down, 1–2 min: the low end, one minute."""
    found = run("lying-face-down")
    assert shape(found) == [(Kind.READY, 10, None, 1), (Kind.TIMED, 60, None, 1)]
    assert found[1].label == "1 min"
    assert run("lying-face-down", minutes=2)[1].seconds == 120


def test_a_times_a_day_item_breaks_down_into_one_round():
    """Stand up and lean back, 5 backbends every 30–60 min of sitting: a session does one round."""
    found = run("standing-backbend")
    assert shape(found) == [(Kind.READY, 10, None, 1), (Kind.REPS, None, None, 1)]
    assert found[1].label == "5 gentle backbends"


def test_reps_each_side_name_the_side_and_the_set():
    found = run("supine-marching", sets=3, reps=8)
    work = [p for p in found if p.work]
    assert [p.label for p in work][:3] == [
        "Left side · set 1 of 3 · 8 reps",
        "Right side · set 1 of 3 · 8 reps",
        "Left side · set 2 of 3 · 8 reps",
    ]
    assert len(work) == 6
    assert sum(p.kind == Kind.SWITCH for p in found) == 3
    assert sum(p.kind == Kind.REST for p in found) == 2


@pytest.mark.parametrize("slug", sorted(LEVELS))
def test_every_level_does_its_whole_dose_once(slug):
    exercise = level(slug)
    start = dose.start(exercise)
    found = phases.breakdown(start, exercise)
    work = [p for p in found if p.work]
    sides = 2 if start.per_side else 1
    assert len(work) == start.sets * sides
    assert sorted({p.set for p in work}) == list(range(1, start.sets + 1))
    assert sum(p.kind == Kind.REST for p in found) == start.sets - 1
    assert sum(p.kind == Kind.SWITCH for p in found) == (start.sets if start.per_side else 0)
    # A rest or switch always sits between two work phases.
    for before, phase, after in zip(found, found[1:], found[2:], strict=False):
        if phase.kind in (Kind.REST, Kind.SWITCH):
            assert before.work and after.work, slug
    for phase in work:
        assert (phase.seconds is None) == (start.reps is not None)


def test_the_estimate_counts_timed_phases_and_reps_at_the_levels_tempo():
    found = run("reverse-hyper-ball")  # ready 10 + 8 reps + rest 30 + 8 reps, 4 s a rep
    assert phases.seconds_estimate(found) == 10 + 8 * 4 + 30 + 8 * 4
    breathing = run("belly-breathing-feet-up")  # ready 10 + 10 slow breaths of 7 s
    assert phases.seconds_estimate(breathing) == 10 + 10 * 7


def test_every_rep_counted_level_has_a_tempo_from_2_to_10_seconds_and_no_other_level_has_one():
    for slug, data in LEVELS.items():
        if "reps" in data:
            assert 2 <= data.get("tempo", 0) <= 10, slug
        else:
            assert "tempo" not in data, slug


def test_the_product_tempos():
    """docs/content.md, "Tempo": one line a level; these are the ones the product names."""
    assert {slug: LEVELS[slug]["tempo"] for slug in ("belly-breathing-feet-up", "cat-cow-gentle")} == {
        "belly-breathing-feet-up": 7,
        "cat-cow-gentle": 6,
    }
    assert LEVELS["rocking-all-fours"]["tempo"] == 5
    assert LEVELS["supine-marching"]["tempo"] == LEVELS["heel-taps"]["tempo"] == 4  # a side
    assert LEVELS["glute-bridge"]["tempo"] == 5  # up 2, down 2; the dose's hold comes on top
    assert LEVELS["dead-bug"]["tempo"] == LEVELS["bird-dog-leg-slide"]["tempo"] == 6
    assert LEVELS["prone-press-up"]["tempo"] == 5


def test_every_reps_phase_carries_its_levels_tempo_and_no_other_phase_does():
    marching = run("supine-marching")  # 2 × 6 each side at 4 s a side
    assert [(p.kind, p.side, p.tempo_seconds) for p in marching if p.kind == Kind.REPS] == [
        (Kind.REPS, "left", 4),
        (Kind.REPS, "right", 4),
    ] * 2
    assert {p.tempo_seconds for p in marching if p.kind != Kind.REPS} == {None}
    assert {p.tempo_seconds for p in run("childs-pose-hold")} == {None}
    assert {p.tempo_seconds for p in run("lying-face-down")} == {None}


def test_a_level_saved_without_a_tempo_is_counted_slowly_rather_than_fast():
    exercise = level("reverse-hyper-ball")
    exercise.tempo_seconds = None  # the admin refuses this; the session still never rushes
    found = phases.breakdown(dose.start(exercise), exercise)
    assert {p.tempo_seconds for p in found if p.kind == Kind.REPS} == {phases.FALLBACK_TEMPO_SECONDS}
    assert max(data.get("tempo", 0) for data in LEVELS.values()) - 1 <= phases.FALLBACK_TEMPO_SECONDS
