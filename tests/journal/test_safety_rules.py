"""journal/safety.py: the screen's outcome and the warning signs, without a database."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from journal import safety

D = date(2026, 6, 10)


def ago(n):
    return D - timedelta(days=n)


def day(n, pain=None, leg=None, day_type="normal"):
    return SimpleNamespace(date=ago(n), pain=pain, leg_symptoms=leg, day_type=day_type)


def screen(outcome, taken_on=D, cleared_on=None):
    return SimpleNamespace(outcome=outcome, taken_on=taken_on, cleared_on=cleared_on)


# --- the questions and the outcome ---


def test_every_question_has_a_unique_key_and_a_known_level():
    assert len(set(safety.QUESTION_KEYS)) == len(safety.QUESTIONS)
    levels = {q.level for q in safety.QUESTIONS}
    assert levels == {safety.EMERGENCY, safety.URGENT, safety.TALK_FIRST}
    assert all(q.text.endswith("?") for q in safety.QUESTIONS)


@pytest.mark.parametrize("question", safety.QUESTIONS, ids=lambda q: q.key)
def test_one_yes_gives_that_questions_level(question):
    answers = dict.fromkeys(safety.QUESTION_KEYS, False) | {question.key: True}
    assert safety.screen_outcome(answers) == question.level


def test_the_outcome_is_the_most_serious_yes():
    assert safety.screen_outcome({}) == safety.CLEAR
    assert safety.screen_outcome(dict.fromkeys(safety.QUESTION_KEYS, False)) == safety.CLEAR
    assert safety.screen_outcome({"pregnancy": True, "fever": True}) == safety.URGENT
    assert safety.screen_outcome({"fever": True, "bladder": True, "pregnancy": True}) == safety.EMERGENCY


def test_yes_answers_lists_the_questions_answered_yes_in_order():
    answers = {"pregnancy": True, "bladder": True, "fever": False}
    assert [q.key for q in safety.yes_answers(answers)] == ["bladder", "pregnancy"]
    assert [q.key for q in safety.yes_answers(answers, safety.TALK_FIRST)] == ["pregnancy"]


# --- what the latest screen means ---


def test_no_screen_yet_needs_one():
    status = safety.screen_status(None, D)
    assert status.needs_screen and not status.blocks_plan


def test_an_emergency_blocks_the_plan_even_with_a_clearance():
    assert safety.screen_status(screen(safety.EMERGENCY), D).blocks_plan
    assert safety.screen_status(screen(safety.EMERGENCY, cleared_on=D), D).blocks_plan
    assert not safety.clearance_allowed(screen(safety.EMERGENCY))


def test_an_urgent_answer_blocks_the_plan_until_a_clearance():
    assert safety.screen_status(screen(safety.URGENT), D).blocks_plan
    assert not safety.screen_status(screen(safety.URGENT, cleared_on=D), D).blocks_plan
    assert safety.clearance_allowed(screen(safety.URGENT))
    assert not safety.clearance_allowed(screen(safety.URGENT, cleared_on=D))


def test_talk_first_keeps_the_plan_with_a_note_until_a_clearance():
    status = safety.screen_status(screen(safety.TALK_FIRST), D)
    assert not status.blocks_plan and status.talk_first
    assert not safety.screen_status(screen(safety.TALK_FIRST, cleared_on=D), D).talk_first
    assert safety.clearance_allowed(screen(safety.TALK_FIRST))


def test_clear_answers_need_nothing():
    status = safety.screen_status(screen(safety.CLEAR), D)
    assert not (status.needs_screen or status.blocks_plan or status.talk_first)
    assert not safety.clearance_allowed(screen(safety.CLEAR))
    assert not safety.clearance_allowed(None)


def test_a_week_old_screen_is_due_for_a_reminder_but_six_days_is_not():
    assert safety.screen_status(screen(safety.CLEAR, taken_on=ago(7)), D).reminder_due
    assert not safety.screen_status(screen(safety.CLEAR, taken_on=ago(6)), D).reminder_due


def test_level_up_pauses_for_an_unread_banner_or_an_awaited_clearance():
    clear = safety.screen_status(screen(safety.CLEAR), D)
    assert not safety.level_up_paused(clear, [])
    assert safety.level_up_paused(clear, ["an alert"])
    assert safety.level_up_paused(safety.screen_status(screen(safety.TALK_FIRST), D), [])


# --- leg symptoms three days running ---


def test_three_leg_symptom_days_in_a_row_start_a_run():
    assert safety.leg_symptom_run_start([day(2, leg=True), day(1, leg=True), day(0, leg=True)], D) == ago(2)


def test_a_longer_run_keeps_its_first_day():
    rows = [day(n, leg=True) for n in range(6)]
    assert safety.leg_symptom_run_start(rows, D) == ago(5)


def test_a_run_up_to_yesterday_counts_before_todays_check_in():
    assert safety.leg_symptom_run_start([day(3, leg=True), day(2, leg=True), day(1, leg=True)], D) == ago(3)


def test_two_days_are_not_a_run():
    assert safety.leg_symptom_run_start([day(1, leg=True), day(0, leg=True)], D) is None


def test_a_gap_breaks_the_run():
    gap = [day(3, leg=True), day(2, leg=True), day(0, leg=True)]
    assert safety.leg_symptom_run_start(gap, D) is None
    unanswered = [day(2, leg=True), day(1, leg=None), day(0, leg=True)]
    assert safety.leg_symptom_run_start(unanswered, D) is None
    said_no = [day(2, leg=True), day(1, leg=False), day(0, leg=True)]
    assert safety.leg_symptom_run_start(said_no, D) is None


def test_a_run_that_ended_two_days_ago_is_over():
    assert safety.leg_symptom_run_start([day(n, leg=True) for n in (2, 3, 4)], D) is None


# --- pain well above the usual ---


def usual(pain=3, days=7):
    return [day(n, pain=pain) for n in range(1, days + 1)]


def test_pain_three_above_the_baseline_is_a_rise():
    assert safety.pain_rise([*usual(3), day(0, pain=6)], D) == (6, 3)
    assert safety.pain_rise([*usual(3), day(0, pain=9)], D) == (9, 3)


def test_pain_two_above_the_baseline_is_not():
    assert safety.pain_rise([*usual(3), day(0, pain=5)], D) is None


def test_without_a_usual_pain_a_flare_starts_at_seven():
    assert safety.pain_rise([*usual(1, days=2), day(0, pain=6)], D) is None
    assert safety.pain_rise([*usual(1, days=2), day(0, pain=7)], D) == (7, None)


def test_no_score_today_no_rise():
    assert safety.pain_rise([*usual(1), day(0, pain=None)], D) is None
    assert safety.pain_rise(usual(1), D) is None


def test_rough_days_do_not_raise_the_baseline():
    rows = [*usual(2), day(8, pain=9, day_type="rough"), day(0, pain=5)]
    assert safety.pain_rise(rows, D) == (5, 2)


# --- the banners ---


def test_both_warning_signs_give_two_alerts_with_their_first_days():
    rows = [day(n, pain=2, leg=True) for n in range(1, 8)] + [day(0, pain=6, leg=True)]
    alerts = safety.active_alerts(rows, D, acknowledged=set())
    assert [(a.kind, a.first_day) for a in alerts] == [("leg_symptoms", ago(7)), ("pain_rise", D)]
    assert "three days in a row" in alerts[0].message
    assert "4 points above your usual 2" in alerts[1].message


def test_acknowledged_alerts_are_not_shown_again():
    rows = [day(2, leg=True), day(1, leg=True), day(0, leg=True)]
    assert len(safety.active_alerts(rows, D, acknowledged=set())) == 1
    assert safety.active_alerts(rows, D, acknowledged={("leg_symptoms", ago(2))}) == []


def test_a_new_run_after_an_acknowledged_one_is_a_new_alert():
    rows = [day(n, leg=True) for n in (0, 1, 2)] + [day(n, leg=True) for n in (4, 5, 6)]
    alerts = safety.active_alerts(rows, D, acknowledged={("leg_symptoms", ago(6))})
    assert [(a.kind, a.first_day) for a in alerts] == [("leg_symptoms", ago(2))]
