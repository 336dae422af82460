"""reminders/content.py: what a day's reminder says, or why none goes. No database."""

from datetime import date, timedelta

import pytest

from journal.history_numbers import Day
from reminders.content import (
    CAREFUL_OPENING,
    SKIP_DONE,
    SKIP_HELD,
    DayState,
    Kind,
    Sign,
    careful_sign,
    decide,
)


def test_a_held_plan_gets_no_reminder_at_all():
    decision = decide(DayState(held=True, to_do=("Cat-cow",)))
    assert not decision.send and decision.reason == SKIP_HELD


def test_no_screen_yet_asks_for_the_screen_not_for_exercise():
    decision = decide(DayState(needs_screen=True))
    assert decision.send and decision.kind == Kind.SCREEN and decision.exercises == ()


def test_done_when_checked_in_and_nothing_due_left():
    decision = decide(DayState(checked_in=True, to_do=(), done=4, due=4))
    assert not decision.send and decision.reason == SKIP_DONE


def test_exercises_left_or_no_check_in_send():
    left = decide(DayState(checked_in=True, to_do=("Bridge",), done=3, due=4))
    assert left.send and left.kind == Kind.PLAN and left.exercises == ("Bridge",) and not left.checkin
    no_checkin = decide(DayState(checked_in=False, to_do=(), done=4, due=4))
    assert no_checkin.send and no_checkin.checkin and no_checkin.exercises == ()


def test_rest_day_asks_only_for_the_check_in():
    assert decide(DayState(day_type="rest")).kind == Kind.REST
    assert not decide(DayState(day_type="rest", checked_in=True)).send


def test_rough_day_and_the_gentle_set_are_gentle():
    assert decide(DayState(day_type="rough", to_do=("Belly breathing",))).kind == Kind.GENTLE
    assert decide(DayState(gentle_only=True, to_do=("Daily walk",))).kind == Kind.GENTLE
    assert (
        decide(DayState(gentle_only=True, to_do=("Daily walk",))).subject == "BackCare: a gentle day's plan"
    )


# --- a day to take carefully: a flare, or a leg-symptom or spreading sign ---

PLAN = ("Cat/cow", "Reverse hyper over a ball", "Bridge")
GENTLE = ("Belly breathing with feet up", "Lying face down", "Supine marching")
REVERSE_HYPER = frozenset({"Reverse hyper over a ball"})


def test_a_normal_day_lists_the_plan():
    decision = decide(DayState(to_do=PLAN, gentle_to_do=GENTLE, done=1, due=4))
    assert decision.kind == Kind.PLAN and decision.exercises == PLAN and decision.checkin


@pytest.mark.parametrize("sign", list(Sign))
def test_a_careful_day_asks_for_the_check_in_and_offers_the_gentle_set_instead(sign):
    decision = decide(DayState(sign=sign, to_do=PLAN, gentle_to_do=GENTLE))
    assert decision.send and decision.kind == Kind.CAREFUL and decision.checkin
    assert decision.exercises == GENTLE
    assert decision.subject == "BackCare: take it gently today"
    assert decision.opening == str(CAREFUL_OPENING[sign])


def test_a_flare_day_never_lists_an_exercise_ruled_out_on_a_flare_day():
    decision = decide(
        DayState(
            sign=Sign.FLARE,
            checked_in=True,
            to_do=PLAN,
            gentle_to_do=(*GENTLE, "Reverse hyper over a ball"),
            not_on_a_flare_day=REVERSE_HYPER,
        )
    )
    assert decision.exercises == GENTLE and not decision.checkin


def test_a_careful_day_with_the_check_in_and_the_gentle_set_done_sends_nothing():
    decision = decide(DayState(sign=Sign.FLARE, checked_in=True, to_do=PLAN, gentle_to_do=()))
    assert not decision.send and decision.reason == SKIP_DONE


def test_a_careful_rest_day_still_asks_only_for_the_check_in():
    assert decide(DayState(sign=Sign.LEG_SYMPTOMS, day_type="rest", gentle_to_do=GENTLE)).kind == Kind.REST


def test_a_held_plan_gets_no_reminder_even_on_a_careful_day():
    assert not decide(DayState(held=True, sign=Sign.FLARE, gentle_to_do=GENTLE)).send


D = date(2026, 6, 10)


def days(*pains, legs=()):
    """Check-ins of the days before D, oldest first, the last one D's; `legs`: days ago with
    tingling below the knee."""
    n = len(pains)
    return [
        Day(D - timedelta(days=n - 1 - i), score, leg_symptoms=(n - 1 - i) in legs)
        for i, score in enumerate(pains)
    ]


def test_the_sign_a_flare_a_leg_symptom_run_or_a_spread():
    assert careful_sign(days(3, 3, 3, 3, 3, 3, 3, 5), D, frozenset()) is None  # usual 3, today 5
    assert careful_sign(days(3, 3, 3, 3, 3, 3, 3, 6), D, frozenset()) == Sign.FLARE  # usual + 3
    assert careful_sign(days(3, 3, 3, 3, legs=(0, 1, 2)), D, frozenset()) == Sign.LEG_SYMPTOMS
    assert careful_sign(days(3, 3, 3, 3, legs=(0, 1)), D, frozenset()) is None  # two days: no run
    assert careful_sign(days(3), D, {D - timedelta(days=6)}) == Sign.SPREADING  # its banner's week
    assert careful_sign(days(3), D, {D - timedelta(days=7)}) is None
