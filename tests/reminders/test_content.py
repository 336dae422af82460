"""reminders/content.py: what a day's reminder says, or why none goes. No database."""

from reminders.content import SKIP_DONE, SKIP_HELD, DayState, Kind, decide


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
