"""journal/safety.py: the screen's routing, what it means for the plan, and the warning signs,
without a database."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from journal import history_numbers, safety
from journal.history_numbers import Day
from journal.models import Entry
from journal.safety import CLEAR, EMERGENCY, SEE_SOON, TALK_FIRST, URGENT, PlanAccess

D = date(2026, 6, 10)

# Every question's routing, written out so that moving a question to another level fails here.
ROUTING = {
    "saddle_numbness": EMERGENCY,
    "bladder": EMERGENCY,
    "bowel": EMERGENCY,
    "both_legs": EMERGENCY,
    "weakness_worsening": EMERGENCY,
    "chest_pain": EMERGENCY,
    "fever": URGENT,
    "weight_loss": URGENT,
    "cancer": URGENT,
    "constant_night_pain": URGENT,
    "recent_accident": URGENT,
    "fragile_fall": URGENT,
    "low_immunity": URGENT,
    "injected_drugs": URGENT,
    "back_lump": URGENT,
    "pregnancy": TALK_FIRST,
    "back_surgery": TALK_FIRST,
    "spine_condition": TALK_FIRST,
    "first_pain_age": SEE_SOON,
    "fragile_bones": SEE_SOON,
    "morning_stiffness": SEE_SOON,
    "canal_narrowing": SEE_SOON,
}


def ago(n):
    return D - timedelta(days=n)


def day(n, pain=None, leg=None, day_type=Entry.DayType.NORMAL):
    return Day(ago(n), pain, day_type, leg_symptoms=leg)


def screen(outcome, taken_on=D, cleared_on=None, answers=None):
    return SimpleNamespace(outcome=outcome, taken_on=taken_on, cleared_on=cleared_on, answers=answers or {})


def only(*keys):
    return dict.fromkeys(safety.QUESTION_KEYS, False) | dict.fromkeys(keys, True)


def text(key):
    return safety.BY_KEY[key].text


# --- the questions and their routing ---


def test_every_question_is_routed_and_has_a_unique_key():
    assert list(ROUTING) == safety.QUESTION_KEYS
    assert len(set(safety.QUESTION_KEYS)) == len(safety.QUESTIONS)
    assert not {q.key for q in safety.RETIRED_QUESTIONS} & set(safety.QUESTION_KEYS)


@pytest.mark.parametrize("key, outcome", ROUTING.items())
def test_one_yes_gives_that_questions_outcome(key, outcome):
    assert safety.screen_outcome(only(key)) == outcome


def test_the_most_serious_yes_wins():
    assert safety.screen_outcome({}) == CLEAR
    assert safety.screen_outcome(only()) == CLEAR
    assert safety.screen_outcome(only("morning_stiffness", "back_surgery")) == TALK_FIRST
    assert safety.screen_outcome(only("canal_narrowing", "pregnancy", "fever")) == URGENT
    assert safety.screen_outcome(only("fragile_bones", "pregnancy", "cancer", "chest_pain")) == EMERGENCY


def test_the_three_groups_hold_every_question_once_in_order():
    assert [g.name for g in safety.GROUPS] == ["emergency", "urgent", "before"]
    grouped = [q.key for g in safety.GROUPS for q in g.questions]
    assert grouped == safety.QUESTION_KEYS
    assert {q.level for q in safety.GROUPS[2].questions} == {TALK_FIRST, SEE_SOON}


def test_emergency_signs_in_both_legs_are_new_ones():
    assert text("both_legs").startswith("New ")
    assert all(text(k).startswith("New ") for k in ("saddle_numbness", "bladder", "bowel"))


def test_an_accident_is_urgent_only_when_recent_and_an_old_one_is_not_asked():
    assert "in the last few weeks" in text("recent_accident")
    assert "serious_accident" not in safety.QUESTION_KEYS


def test_pain_worse_at_night_counts_only_when_constant_and_not_eased():
    words = text("constant_night_pain")
    assert "all the time" in words and "not eased by rest or by any position" in words
    assert "and is worse at night" in words
    assert "night_pain" not in safety.QUESTION_KEYS


def test_the_questions_are_statements_about_the_body_to_tick():
    assert all(not q.text.endswith("?") for q in safety.QUESTIONS)
    assert not any(q.text.startswith(("You have", "You suffer")) for q in safety.QUESTIONS)


def test_yes_answers_reads_old_screens_with_their_retired_questions():
    old = {"night_pain": True, "pregnancy": True, "serious_accident": False}
    assert [q.key for q in safety.yes_answers(old)] == ["pregnancy", "night_pain"]
    assert "worse at night?" in safety.yes_answers(old)[1].text
    assert [q.key for q in safety.yes_answers(only("fever", "canal_narrowing"), SEE_SOON)] == [
        "canal_narrowing"
    ]


# --- a re-screen starts from the previous answers ---


def test_previous_answers_become_the_forms_ticks():
    assert safety.previous_ticks(only("fever", "back_surgery")) == {
        "emergency": ["none"],
        "urgent": ["fever"],
        "before": ["back_surgery"],
    }


def test_a_group_an_old_screen_never_asked_in_full_is_left_open():
    v1 = {"fever": False, "pregnancy": True, "night_pain": False}
    assert safety.previous_ticks(v1) == {"before": ["pregnancy"]}


# --- a clinician's OK carried over to an unchanged answer ---


SEEN = D - timedelta(days=20)


def cleared(*keys, cleared_on=SEEN, outcome=None):
    answers = only(*keys)
    return screen(outcome or safety.screen_outcome(answers), ago(30), cleared_on, answers)


def test_an_unchanged_cleared_answer_stays_cleared():
    assert safety.carried_clearance(cleared("back_surgery"), only("back_surgery")) == SEEN
    both = cleared("back_surgery", "fragile_bones")
    assert safety.carried_clearance(both, only("fragile_bones")) == SEEN


def test_a_new_answer_needs_a_new_ok():
    assert safety.carried_clearance(cleared("back_surgery"), only("back_surgery", "pregnancy")) is None
    assert safety.carried_clearance(cleared("back_surgery"), only("morning_stiffness")) is None


def test_nothing_carries_without_an_ok_or_a_previous_screen():
    assert safety.carried_clearance(cleared("back_surgery", cleared_on=None), only("back_surgery")) is None
    assert safety.carried_clearance(None, only("back_surgery")) is None


def test_urgent_and_emergency_answers_always_need_a_new_decision():
    assert safety.carried_clearance(cleared("fever"), only("fever")) is None
    assert safety.carried_clearance(cleared("fever", "back_surgery"), only("back_surgery", "fever")) is None
    emergency = cleared("bowel", "back_surgery", outcome=EMERGENCY)
    assert safety.carried_clearance(emergency, only("back_surgery")) is None


def test_clear_answers_carry_nothing():
    assert safety.carried_clearance(cleared("back_surgery"), only()) is None


# --- what the latest screen means ---


def status_of(*keys, cleared_on=None, taken_on=D):
    answers = only(*keys)
    return safety.screen_status(screen(safety.screen_outcome(answers), taken_on, cleared_on, answers), D)


def test_no_screen_yet_needs_one():
    status = safety.screen_status(None, D)
    assert status.needs_screen and not status.blocks_plan and not status.cleared


@pytest.mark.parametrize(
    "keys, plan, cleared",
    [
        ((), PlanAccess.FULL, True),
        (("morning_stiffness",), PlanAccess.GENTLE, False),
        (("back_surgery",), PlanAccess.HELD, False),
        (("fever",), PlanAccess.HELD, False),
        (("bladder",), PlanAccess.HELD, False),
    ],
    ids=["clear", "see_soon", "talk_first", "urgent", "emergency"],
)
def test_each_outcome_without_an_ok(keys, plan, cleared):
    status = status_of(*keys)
    assert (status.plan, status.cleared) == (plan, cleared)
    assert status.blocks_plan == (plan == PlanAccess.HELD)
    assert status.gentle_only == (plan == PlanAccess.GENTLE)
    assert bool(status.held_message) == (plan != PlanAccess.FULL)


@pytest.mark.parametrize("keys", [("morning_stiffness",), ("back_surgery",), ("fever",)])
def test_a_clinicians_ok_gives_the_whole_plan_back(keys):
    status = status_of(*keys, cleared_on=D)
    assert status.plan == PlanAccess.FULL and status.cleared and status.held_message == ""


def test_an_emergency_holds_the_plan_even_with_an_ok():
    status = status_of("bowel", cleared_on=D)
    assert status.plan == PlanAccess.HELD and not status.cleared
    assert "answer the safety questions again" in status.held_message
    assert not safety.clearance_allowed(screen(EMERGENCY))


def test_the_held_messages_say_why_and_what_lifts_them():
    assert "needs a doctor today" in status_of("fever").held_message
    talk = status_of("pregnancy").held_message
    assert "talk over with a clinician before you start" in talk and "note their OK" in talk
    assert "only the gentle set" in status_of("canal_narrowing").held_message


def test_a_clinicians_ok_may_be_recorded_once_on_urgent_talk_first_and_see_soon():
    for outcome in (URGENT, TALK_FIRST, SEE_SOON):
        assert safety.clearance_allowed(screen(outcome))
        assert not safety.clearance_allowed(screen(outcome, cleared_on=D))
    assert not safety.clearance_allowed(screen(CLEAR))
    assert not safety.clearance_allowed(None)


def test_pregnancy_means_no_face_down_work_even_after_an_ok():
    assert status_of("pregnancy").no_prone
    assert status_of("pregnancy", cleared_on=D).no_prone
    assert not status_of("back_surgery").no_prone


def test_a_narrow_spinal_canal_means_no_extension_above_level_1():
    assert status_of("canal_narrowing").no_extension_above == 1
    assert status_of("canal_narrowing", cleared_on=D).no_extension_above == 1
    assert status_of("morning_stiffness").no_extension_above is None
    old = screen(TALK_FIRST, answers={"known_condition": True})
    assert safety.screen_status(old, D).no_extension_above == 1  # it asked about a narrowing too


def test_an_old_talk_first_screen_without_an_ok_now_holds_the_plan():
    status = safety.screen_status(screen(TALK_FIRST, answers={"pregnancy": True}), D)
    assert status.blocks_plan and status.talk_first


def test_a_re_screen_is_due_after_four_weeks():
    assert status_of(taken_on=ago(28)).rescreen_due
    assert not status_of(taken_on=ago(27)).rescreen_due


def test_an_awaited_ok_is_not_cleared_so_no_level_ups():
    # journal/suggestions.py suggests level-ups only on a cleared screen (and after a quiet week).
    assert status_of().cleared
    assert not status_of("morning_stiffness").cleared
    assert status_of("morning_stiffness", cleared_on=D).cleared


# --- the real time since the last screen ---


@pytest.mark.parametrize(
    "then, words",
    [
        (D, "less than a day"),
        (date(2026, 6, 9), "1 day"),
        (date(2026, 6, 5), "5 days"),
        (date(2026, 5, 13), "4 weeks"),
        (date(2026, 4, 29), "6 weeks"),
        (date(2026, 4, 10), "2 months"),
        (date(2025, 12, 10), "6 months"),
        (date(2025, 12, 11), "5 months"),
        (date(2025, 6, 10), "1 year"),
        (date(2023, 1, 1), "3 years"),
    ],
)
def test_since_words_gives_the_real_time(then, words):
    assert safety.since_words(then, D) == words


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


# --- a flare: pain well above the usual ---


def usual(pain=3, days=7):
    return [day(n, pain=pain) for n in range(1, days + 1)]


def test_pain_three_above_the_usual_is_a_flare():
    assert safety.pain_rise([*usual(3), day(0, pain=6)], D) == (6, 3)
    assert safety.pain_rise([*usual(3), day(0, pain=9)], D) == (9, 3)


def test_pain_two_above_the_usual_is_not():
    assert safety.pain_rise([*usual(3), day(0, pain=5)], D) is None


def test_a_high_usual_is_not_always_flaring():
    assert safety.pain_rise([*usual(7), day(0, pain=8)], D) is None
    assert safety.pain_rise([*usual(7), day(0, pain=10)], D) == (10, 7)


def test_without_a_usual_pain_a_flare_starts_at_seven():
    assert safety.pain_rise([*usual(1, days=2), day(0, pain=6)], D) is None
    assert safety.pain_rise([*usual(1, days=2), day(0, pain=7)], D) == (7, None)


def test_no_score_today_no_flare():
    assert safety.pain_rise([*usual(1), day(0, pain=None)], D) is None
    assert safety.pain_rise(usual(1), D) is None


def test_rough_days_do_not_raise_the_usual():
    rows = [*usual(2), day(8, pain=9, day_type="rough"), day(0, pain=5)]
    assert safety.pain_rise(rows, D) == (5, 2)


# --- the banners: every trigger asks for a re-screen ---


def test_leg_symptoms_and_a_flare_give_two_alerts_with_their_first_days():
    rows = [day(n, pain=2, leg=True) for n in range(1, 8)] + [day(0, pain=6, leg=True)]
    alerts = safety.active_alerts(rows, D, acknowledged=set())
    assert [(a.kind, a.first_day) for a in alerts] == [("leg_symptoms", ago(7)), ("pain_rise", D)]
    assert "three days in a row" in alerts[0].message
    assert "4 points above your usual 2" in alerts[1].message
    assert all("answer the safety questions again" in a.message for a in alerts)


def test_symptoms_spreading_during_an_exercise_raise_their_own_alert():
    alerts = safety.active_alerts([], D, acknowledged=set(), spread_days={ago(9), ago(2)})
    assert [(a.kind, a.first_day) for a in alerts] == [("spreading", ago(2))]
    assert "On Monday 8 June you said symptoms spread further down the leg" in alerts[0].message
    assert "answer the safety questions again" in alerts[0].message


def test_a_spread_more_than_a_week_ago_raises_nothing():
    assert safety.active_alerts([], D, acknowledged=set(), spread_days={ago(7)}) == []
    assert len(safety.active_alerts([], D, acknowledged=set(), spread_days={ago(6)})) == 1


def test_a_new_spread_after_a_read_one_is_a_new_alert():
    read = {("spreading", ago(3))}
    assert safety.active_alerts([], D, acknowledged=read, spread_days={ago(3)}) == []
    alerts = safety.active_alerts([], D, acknowledged=read, spread_days={ago(3), D})
    assert [(a.kind, a.first_day) for a in alerts] == [("spreading", D)]


def test_without_spread_days_there_is_no_spreading_alert():
    assert safety.active_alerts([], D, acknowledged=set()) == []


def test_acknowledged_alerts_are_not_shown_again():
    rows = [day(2, leg=True), day(1, leg=True), day(0, leg=True)]
    assert len(safety.active_alerts(rows, D, acknowledged=set())) == 1
    assert safety.active_alerts(rows, D, acknowledged={("leg_symptoms", ago(2))}) == []


def test_a_new_run_after_an_acknowledged_one_is_a_new_alert():
    rows = [day(n, leg=True) for n in (0, 1, 2)] + [day(n, leg=True) for n in (4, 5, 6)]
    alerts = safety.active_alerts(rows, D, acknowledged={("leg_symptoms", ago(6))})
    assert [(a.kind, a.first_day) for a in alerts] == [("leg_symptoms", ago(2))]


# --- time to see a clinician (docs/clinical-rules.md) ---


def log(first_week, last_week, middle=None, days=42):
    """`days` days of check-ins up to D: the first 7 at `first_week`, the last 7 at `last_week`
    (a list of 7 scores, newest first, or one score), the days between at `middle`."""
    last = last_week if isinstance(last_week, list) else [last_week] * 7
    middle = last[-1] if middle is None else middle
    return [day(n, pain=last[n] if n < 7 else first_week if n >= days - 7 else middle) for n in range(days)]


def test_the_smallest_log_that_shows_the_note():
    """Six weeks of log, the 7-day average 4, no change since the start."""
    assert safety.see_clinician(log(4, 4), D) == safety.SeeClinician(ago(41), 4, 4)


def test_an_average_just_under_4_shows_no_note():
    assert safety.see_clinician(log(4, [3, 4, 4, 4, 4, 4, 4]), D) is None  # 27 / 7 = 3.9


def test_under_six_weeks_of_log_shows_no_note():
    assert safety.see_clinician(log(4, 4)[:-1], D) is None  # the first check-in 40 days ago


def test_a_meaningful_improvement_since_the_start_shows_no_note():
    assert safety.see_clinician(log(6, 4), D) is None  # 2 points and 33%
    note = safety.see_clinician(log(6, [5, 4, 4, 4, 4, 4, 4]), D)  # 1.9 points: not yet
    assert (note.then, note.now) == (6, 4.14)


def test_two_points_but_under_30_percent_shows_the_note():
    assert safety.see_clinician(log(9, 7), D) == safety.SeeClinician(ago(41), 9, 7)


def test_worse_pain_shows_the_note():
    assert safety.see_clinician(log(3, 6), D).now == 6


def test_no_note_while_the_7_day_average_is_unknown():
    assert safety.see_clinician([e for e in log(4, 4) if e.date < ago(4)], D) is None  # 2 in the week


def test_the_start_is_the_first_check_in_however_long_ago():
    """Six flat weeks at 4 after a start at 6, three months ago: improved since the start, no note
    (the old rolling six-week window would have shown it)."""
    assert safety.see_clinician(log(6, 4, middle=4, days=90), D) is None
    assert safety.see_clinician(log(4, 5, middle=2, days=400), D) == safety.SeeClinician(ago(399), 4, 5)


def test_empty_days_before_the_first_check_in_do_not_move_the_start():
    rows = [day(n) for n in range(42, 60)] + log(4, 4)
    assert safety.see_clinician(rows, D).since == ago(41)


def test_a_day_given_twice_counts_once():
    rows = log(6, [5, 4, 4, 4, 4, 4, 4])
    assert safety.see_clinician(rows + rows[-7:], D) == safety.see_clinician(rows, D)


def test_an_improving_recovery_like_the_demo_never_shows_it():
    """About 6.4 at first, easing to about 2.3: History says "a real improvement"."""
    rows = [day(n, pain=round(2.3 + 4.1 * n / 179)) for n in range(180)]
    assert history_numbers.change(sorted(rows), D).meaningful
    assert safety.see_clinician(rows, D) is None


@pytest.mark.parametrize(
    "rows",
    [
        log(4, 4),
        log(6, 4),
        log(6, [5, 4, 4, 4, 4, 4, 4]),
        log(9, 7),
        log(3, 6),
        log(6, 4, middle=4, days=90),
        log(7, [5, 5, 4, 5, 6, 5, 5], middle=6, days=120),
    ],
)
def test_the_note_and_historys_change_agree_on_the_same_log(rows):
    change = history_numbers.change(sorted(rows), D)
    note = safety.see_clinician(rows, D)
    if note is not None:
        assert (note.then, note.now) == (change.first, change.last) and not change.meaningful
    else:
        assert change.meaningful or change.last < safety.SEE_CLINICIAN_MIN_AVERAGE


def test_put_away_for_14_days_then_back():
    until = D + timedelta(days=safety.SEE_CLINICIAN_PUT_AWAY_DAYS)
    assert safety.see_clinician_put_away(until, D + timedelta(days=13))
    assert not safety.see_clinician_put_away(until, D + timedelta(days=14))
    assert not safety.see_clinician_put_away(None, D)
