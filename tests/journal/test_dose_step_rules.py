"""The dose-step rule (docs/clinical-rules.md, "Dose steps"), without a database.

A plan item below the top of its level's ranges is offered the next dose step on exactly the
evidence and gates of a level-up; only at the top step is the next level offered. Each case has the
smallest log that makes it hold and the smallest change that breaks it.
"""

from journal.suggestions import DoneTick, Snoozes
from tests.journal.test_suggestion_rules import READY, Item, ago, easy, log, set_pain, suggest


def ranged(**fields):
    """An item whose level is 2 × 6–10 each side: steps 2 × 6, 2 × 8, 2 × 10 (top step 2)."""
    return Item(**{"reps_min": 6, "reps_max": 10, **fields})


def test_three_easy_sessions_below_the_top_suggest_the_next_dose_step():
    result = suggest(READY, log(4), item=ranged())
    assert (result.kind, result.rule) == ("dose", "dose")
    assert result.values == {
        "sessions": 3,
        "first": "2026-05-14",
        "usual": 4,
        "average": 4,
        "level_start": 4,
        "from_step": 0,
        "to_step": 1,
        "dose": "2 × 8 each side",
    }
    assert "since 14 May" in result.reason
    assert result.reason.endswith("The next step of this level: 2 × 8 each side.")


def test_the_step_after_that_until_the_top():
    result = suggest(READY, log(4), item=ranged(dose_step=1))
    assert (result.kind, result.values["to_step"], result.values["dose"]) == ("dose", 2, "2 × 10 each side")


def test_the_level_up_only_at_the_top_step():
    result = suggest(READY, log(4), item=ranged(dose_step=2))
    assert (result.kind, result.rule) == ("up", "ready")
    # A step past the top (the level's ranges were narrowed since) counts as the top.
    assert suggest(READY, log(4), item=ranged(dose_step=7)).kind == "up"


def test_a_level_without_a_range_goes_straight_to_the_level_up():
    assert suggest(READY, log(4), item=Item()).kind == "up"


def test_the_top_level_still_steps_its_dose_and_then_stops():
    assert suggest(READY, log(4), item=ranged(level=3, top_level=3)).kind == "dose"
    assert suggest(READY, log(4), item=ranged(level=3, top_level=3, dose_step=2)) is None


def test_a_safety_limit_on_the_level_does_not_stop_steps_inside_an_allowed_level():
    item = ranged(level=1)
    assert suggest(READY, log(4), item=item, max_level={1: 1}).kind == "dose"
    assert suggest(READY, log(4), item=ranged(level=1, dose_step=2), max_level={1: 1}) is None


def test_evidence_counts_from_the_day_the_step_began():
    assert suggest(READY, log(4), item=ranged(dose_step=1, dose_since=ago(4))) is None
    assert suggest(READY, log(4), item=ranged(dose_step=1, dose_since=ago(6))).kind == "dose"
    # At the top step the level-up too needs three sessions at the top dose.
    assert suggest(READY, log(4), item=ranged(dose_step=2, dose_since=ago(4))) is None


def test_the_level_start_stays_the_levels():
    # 2 when the level began, 6 for the last 13 days; the step began a week into the bad patch,
    # when the 7-day average was already 6: measured from the step, 6 would look "stable".
    entries = [e._replace(pain=2) for e in log(4, days=23)[:10]] + log(6, days=13)
    item = ranged(since=ago(23), dose_since=ago(7))
    assert suggest(READY, entries, item=item) is None
    assert suggest(READY, log(2, days=23), item=item).kind == "dose"


# --- the same gates as a level-up -----------------------------------------------------------


def test_not_in_a_flare_today_or_this_week():
    assert suggest(READY, log(3, today=7), item=ranged()) is None
    assert suggest(READY, set_pain(log(3), 4, 7), item=ranged()) is None  # not a morning after one
    assert suggest(READY, set_pain(log(3), 8, 7), item=ranged()).kind == "dose"  # eight days ago


def test_not_on_a_rough_or_rest_day_nor_with_the_screen_not_cleared():
    assert suggest(READY, log(4), item=ranged(), day_type="rough") is None
    assert suggest(READY, log(4), item=ranged(), day_type="rest") is None
    assert suggest(READY, log(4), item=ranged(), screen_cleared=False) is None


def test_not_with_leg_symptoms_or_spreading_this_week():
    entries = log(4)
    entries[-3] = entries[-3]._replace(leg_symptoms=True)
    assert suggest(READY, entries, item=ranged()) is None
    assert suggest(READY, log(4), item=ranged(), spread_days=frozenset({ago(3)})) is None
    entries = log(4)
    entries[-8] = entries[-8]._replace(leg_symptoms=True)
    assert suggest(READY, entries, item=ranged()).kind == "dose"


def test_not_after_a_hard_a_sore_or_a_partial_session():
    assert suggest(easy(8, effort="hard") + READY, log(4), item=ranged()) is None
    assert suggest(easy(6, 4) + easy(2, pain=4), log(4), item=ranged()) is None
    assert suggest(easy(6, 4) + easy(2, effort="right"), log(4), item=ranged()) is None
    partial = easy(6, 4) + [DoneTick(ago(2), 2, "easy", full_dose=False)]
    assert suggest(partial, log(4), item=ranged()) is None


def test_not_after_a_bad_morning():
    # Inside the step back's week a bad morning offers a step back (version 3: any session's).
    assert suggest(READY, set_pain(log(4), 3, 6), item=ranged()).kind == "down"
    # Past it, a bad morning still holds the dose step: the session 10 days ago, morning 9 days ago.
    sessions = easy(10, 6, 4) + easy(2)
    assert suggest(sessions, log(4), item=ranged()).kind == "dose"
    assert suggest(sessions, set_pain(log(4), 9, 6), item=ranged()) is None


def test_a_step_back_rule_wins():
    result = suggest(easy(6, 4, 2) + easy(1, pain=6), log(4), item=ranged(dose_step=1))
    assert (result.kind, result.rule) == ("down", "pain_during")


def test_not_now_pauses_dose_steps_and_the_level_up_alike():
    assert suggest(READY, log(4), item=ranged(), snoozes=Snoozes(dose=True)) is None
    assert suggest(READY, log(4), item=ranged(), snoozes=Snoozes(up=True)) is None
    assert suggest(READY, log(4), item=ranged(), snoozes=Snoozes(down=True)) is None
    assert suggest(READY, log(4), item=ranged(dose_step=2), snoozes=Snoozes(dose=True)) is None
    assert suggest(READY, log(4), item=ranged(), snoozes=Snoozes(gentle=True)).kind == "dose"
