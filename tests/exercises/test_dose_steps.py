"""Dose steps inside a level's ranges (exercises/dose.py), without a database."""

from types import SimpleNamespace

import pytest

from exercises import dose
from exercises.dose import Dose
from exercises.library import LIBRARY, _dose_fields


def level(sets=(1, 1), reps=None, rep_hold=None, hold=None, minutes=None, **extra):
    fields = {"sets": sets, "reps": reps, "rep_hold": rep_hold, "hold": hold, "minutes": minutes}
    return SimpleNamespace(**_dose_fields({k: v for k, v in fields.items() if v} | extra))


def library_levels():
    return [pytest.param(lvl, id=lvl["slug"]) for family in LIBRARY for lvl in family["levels"]]


def test_a_level_without_a_range_has_one_step():
    marching = level(sets=(2, 2), reps=(6, 6), per_side=True, frequency="daily")
    assert dose.steps(marching) == (Dose(sets=2, reps=6, per_side=True),)
    assert dose.top_step(marching) == 0
    assert dose.at_step(marching, 5) == dose.start(marching)


def test_reps_go_up_two_at_a_time_and_stop_at_the_top():
    ex = level(sets=(2, 3), reps=(8, 20))
    assert [(d.sets, d.reps) for d in dose.steps(ex)] == [
        (2, 8), (2, 10), (2, 12), (2, 14), (2, 16), (2, 18), (2, 20), (3, 20),
    ]  # fmt: skip


def test_the_last_rung_of_a_range_stops_at_its_top():
    ex = level(sets=(1, 1), reps=(5, 10))
    assert [d.reps for d in dose.steps(ex)] == [5, 7, 9, 10]


def test_more_reps_first_then_longer_holds_then_one_more_set():
    # Single-leg bridge: 2–4 × 5–10 each side, 3–5 s hold at the top of each rep.
    ex = level(sets=(2, 4), reps=(5, 10), rep_hold=(3, 5), per_side=True)
    assert [(d.sets, d.reps, d.rep_hold_seconds) for d in dose.steps(ex)] == [
        (2, 5, 3), (2, 7, 3), (2, 9, 3), (2, 10, 3), (2, 10, 4), (2, 10, 5), (3, 10, 5), (4, 10, 5),
    ]  # fmt: skip
    assert all(d.per_side and d.hold_seconds is None for d in dose.steps(ex))


def test_a_hold_per_set_goes_up_five_seconds_then_sets():
    ex = level(sets=(2, 4), hold=(20, 30), per_side=True)
    assert [(d.sets, d.hold_seconds) for d in dose.steps(ex)] == [(2, 20), (2, 25), (2, 30), (3, 30), (4, 30)]
    assert all(d.reps is None and d.rep_hold_seconds is None for d in dose.steps(ex))


def test_a_short_hold_range_is_one_step():
    ex = level(sets=(5, 10), hold=(8, 10))
    assert [(d.sets, d.hold_seconds) for d in dose.steps(ex)][:3] == [(5, 8), (5, 10), (6, 10)]
    assert dose.steps(ex)[-1] == Dose(sets=10, hold_seconds=10)


def test_minutes_step_up():
    assert [d.minutes for d in dose.steps(level(minutes=(1, 2)))] == [1, 2]
    assert [d.minutes for d in dose.steps(level(minutes=(15, 25)))] == [15, 17, 19, 21, 23, 25]


def test_at_step_is_clamped():
    ex = level(sets=(3, 3), reps=(12, 15), rep_hold=(3, 3))
    assert dose.at_step(ex, -4) == Dose(sets=3, reps=12, rep_hold_seconds=3)
    assert dose.at_step(ex, 0) == Dose(sets=3, reps=12, rep_hold_seconds=3)
    assert dose.at_step(ex, 1) == Dose(sets=3, reps=14, rep_hold_seconds=3)
    assert dose.at_step(ex, 2) == dose.at_step(ex, 99) == Dose(sets=3, reps=15, rep_hold_seconds=3)
    assert dose.at_step(ex, None) == dose.start(ex)


@pytest.mark.parametrize("lvl", library_levels())
def test_every_library_level_climbs_from_its_low_end_to_its_top(lvl):
    ex = SimpleNamespace(**_dose_fields(lvl))
    found = dose.steps(ex)
    assert found[0] == dose.start(ex)
    top = found[-1]
    assert (top.sets, top.reps, top.rep_hold_seconds, top.hold_seconds, top.minutes) == (
        ex.sets_max, ex.reps_max, ex.rep_hold_seconds_max, ex.hold_seconds_max, ex.minutes_max,
    )  # fmt: skip
    parts = ("sets", "reps", "rep_hold_seconds", "hold_seconds", "minutes")
    for before, after in zip(found, found[1:], strict=False):
        changed = [p for p in parts if getattr(before, p) != getattr(after, p)]
        assert len(changed) == 1  # one number at a time
        assert getattr(after, changed[0]) > getattr(before, changed[0])  # never down


@pytest.mark.parametrize(
    "fields,step,expected",
    [
        (
            {"sets": (2, 2), "reps": (6, 6), "per_side": True, "frequency": "daily"},
            0,
            "2 × 6 each side, daily",
        ),
        (
            {
                "sets": (2, 4),
                "reps": (5, 10),
                "rep_hold": (3, 5),
                "per_side": True,
                "frequency": "every other day",
            },
            1,
            "2 × 7 each side, 3 s hold, every other day",
        ),
        (
            {"sets": (3, 3), "reps": (12, 15), "rep_hold": (3, 3), "frequency": "daily"},
            0,
            "3 × 12, 3 s hold, daily",
        ),
        ({"sets": (3, 3), "hold": (20, 30), "frequency": "daily"}, 1, "3 × 25 s, daily"),
        (
            {"sets": (1, 1), "hold": (30, 60), "per_side": True, "frequency": "daily"},
            0,
            "hold 30 s each side, daily",
        ),
        ({"sets": (1, 1), "minutes": (1, 2), "frequency": "daily"}, 1, "2 min, daily"),
        ({"sets": (1, 1), "minutes": (10, 10), "frequency": "4+ days a week"}, 0, "10 min, 4+ days a week"),
        (
            {"sets": (1, 1), "reps": (10, 10), "rep_unit": "slow breaths", "frequency": "daily"},
            0,
            "10 slow breaths, daily",
        ),
        ({"sets": (2, 3), "reps": (8, 20)}, 0, "2 × 8"),
    ],
)
def test_display_says_todays_numbers_and_how_often(fields, step, expected):
    ex = SimpleNamespace(**_dose_fields(fields))
    assert dose.display(dose.at_step(ex, step), ex) == expected


def test_display_can_leave_out_how_often():
    ex = level(sets=(2, 3), reps=(8, 20), per_side=True, rep_hold=(3, 3), frequency="daily")
    assert dose.display(dose.start(ex), ex, often=False) == "2 × 8 each side, 3 s hold"


def test_a_multi_set_minute_dose_says_its_sets():
    ex = level(sets=(2, 2), minutes=(1, 1), per_side=True)
    assert dose.display(dose.start(ex), ex) == "2 × 1 min each side"
