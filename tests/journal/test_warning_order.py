"""Today's warnings, one box at a time: the order (journal/safety.py: warnings_in_order), without
a database. docs/safety.md, "One box at a time"."""

from datetime import date
from itertools import combinations

import pytest

from journal import safety
from journal.models import Dismissal, LevelChange, SafetyAlert
from journal.safety import Alert, ScreenStatus, WarningKind, warnings_in_order
from journal.suggestions import Suggestion

TODAY = date(2026, 6, 10)
CLEAR = ScreenStatus(needs_screen=False, outcome="clear", cleared=True)
SEE_SOON = ScreenStatus(needs_screen=False, outcome="see_soon", plan=safety.PlanAccess.GENTLE)
URGENT = ScreenStatus(needs_screen=False, outcome="urgent", plan=safety.PlanAccess.HELD)
EMERGENCY = ScreenStatus(needs_screen=False, outcome="emergency", plan=safety.PlanAccess.HELD)
RISE = Alert(SafetyAlert.Kind.PAIN_RISE, TODAY, "much more pain")
LEG_RUN = Alert(SafetyAlert.Kind.LEG_SYMPTOMS, date(2026, 6, 8), "three days")
SPREAD = Alert(SafetyAlert.Kind.SPREADING, date(2026, 6, 9), "spread")
FLARE_GENTLE = Suggestion(Dismissal.Kind.GENTLE, LevelChange.Rule.FLARE, {"pain": 8, "usual": 3})
LEVEL_ONE_GENTLE = Suggestion(Dismissal.Kind.GENTLE, LevelChange.Rule.PAIN_DURING, {"pain_during": 6})
STEP_BACK = ("item", Suggestion(Dismissal.Kind.DOWN, LevelChange.Rule.NEXT_MORNING, {"morning": 8}))
SEE_CLINICIAN = safety.SeeClinician(date(2026, 4, 1), 6.0, 5.5)

# One way to raise each kind alone, most important first.
ALONE = {
    WarningKind.SAFETY: {"status": SEE_SOON},
    WarningKind.FLARE: {"gentle": FLARE_GENTLE},
    WarningKind.LEG: {"leg_today": True},
    WarningKind.EASIER: {"step_backs": [STEP_BACK]},
    WarningKind.RESCREEN: {"rescreen_due": True},
    WarningKind.REVIEW: {"see_clinician": SEE_CLINICIAN},
}


def kinds(found):
    return [w.kind for w in found]


def test_nothing_to_say_is_no_box():
    assert warnings_in_order() == []
    assert warnings_in_order(status=CLEAR, alerts=[], step_backs=()) == []


@pytest.mark.parametrize("kind", list(ALONE))
def test_each_kind_alone_is_one_box(kind):
    assert kinds(warnings_in_order(**ALONE[kind])) == [kind]


@pytest.mark.parametrize(("first", "second"), list(combinations(ALONE, 2)))
def test_each_pair_the_more_important_first(first, second):
    """safety > flare > leg signs > take it easier > re-screen > six-week note, whatever the order
    they are given in."""
    found = warnings_in_order(**ALONE[second], **ALONE[first])
    assert kinds(found) == [first, second]


def test_ties_keep_the_order_they_came_in():
    assert [w.alert for w in warnings_in_order(alerts=[LEG_RUN, SPREAD])] == [LEG_RUN, SPREAD]
    assert [w.alert for w in warnings_in_order(alerts=[SPREAD, LEG_RUN])] == [SPREAD, LEG_RUN]


def test_everything_at_once_in_order():
    found = warnings_in_order(
        status=SEE_SOON,
        alerts=[LEG_RUN, RISE],
        gentle=FLARE_GENTLE,
        step_backs=[STEP_BACK],
        leg_today=True,
        see_clinician=SEE_CLINICIAN,
        rescreen_due=True,
    )
    assert kinds(found) == ["safety", "flare", "leg", "easier", "review"]


def test_the_flare_banner_and_the_gentle_choice_are_one_box():
    (box,) = warnings_in_order(alerts=[RISE], gentle=FLARE_GENTLE)
    assert (box.kind, box.alert, box.gentle) == (WarningKind.FLARE, RISE, FLARE_GENTLE)
    # A banner already read: the gentle choice still has its flare box.
    (box,) = warnings_in_order(gentle=FLARE_GENTLE)
    assert (box.kind, box.alert, box.gentle) == (WarningKind.FLARE, None, FLARE_GENTLE)


def test_a_gentle_set_after_a_level_one_sign_is_taking_it_easier():
    """Breaking case of the one above: the same offer without a flare is no flare box."""
    (box,) = warnings_in_order(gentle=LEVEL_ONE_GENTLE, step_backs=[STEP_BACK])
    assert (box.kind, box.gentle, box.step_backs) == (WarningKind.EASIER, LEVEL_ONE_GENTLE, (STEP_BACK,))


def test_step_backs_are_one_box_however_many():
    many = [STEP_BACK] * 5
    (box,) = warnings_in_order(step_backs=many)
    assert box.kind == WarningKind.EASIER and len(box.step_backs) == 5


def test_emergency_or_urgent_advice_stands_alone():
    everything = {"alerts": [RISE, LEG_RUN], "gentle": FLARE_GENTLE, "rescreen_due": True}
    for status in (EMERGENCY, URGENT):
        assert kinds(warnings_in_order(status=status, **everything)) == ["safety"]
    # Breaking case: see-soon advice leaves the others one tap away.
    assert kinds(warnings_in_order(status=SEE_SOON, **everything)) == ["safety", "flare", "leg"]


def test_a_leg_banner_takes_todays_leg_answers_place():
    (box,) = warnings_in_order(alerts=[LEG_RUN], leg_today=True)
    assert (box.alert, box.leg_today) == (LEG_RUN, False)
    (box,) = warnings_in_order(leg_today=True)
    assert (box.alert, box.leg_today) == (None, True)


def test_a_banner_takes_the_re_screens_place():
    """A flare or leg banner asks for the safety questions again: no second line saying so."""
    assert kinds(warnings_in_order(alerts=[RISE], rescreen_due=True)) == ["flare"]
    assert kinds(warnings_in_order(alerts=[SPREAD], rescreen_due=True)) == ["leg"]
    # Breaking case: today's leg answer alone is no banner, so the reminder stays.
    assert kinds(warnings_in_order(leg_today=True, rescreen_due=True)) == ["leg", "rescreen"]


def test_only_the_screens_own_advice_cannot_be_put_away():
    found = warnings_in_order(
        status=SEE_SOON, alerts=[RISE, SPREAD], step_backs=[STEP_BACK], see_clinician=SEE_CLINICIAN
    )
    assert [(w.kind, w.put_away) for w in found] == [
        ("safety", False),
        ("flare", True),
        ("leg", True),
        ("easier", True),
        ("review", True),
    ]


def test_the_re_screen_reminder_is_put_away_until_its_day():
    assert not safety.rescreen_put_away(None, TODAY)
    assert safety.rescreen_put_away(date(2026, 6, 17), TODAY)
    assert not safety.rescreen_put_away(TODAY, TODAY)
