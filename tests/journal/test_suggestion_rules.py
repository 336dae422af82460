"""The version-2 level rules (docs/clinical-rules.md), without a database.

Each rule has the smallest log that makes it hold and the smallest change that breaks it.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from journal import suggestions
from journal.history_numbers import Day
from journal.suggestions import Context, DoneTick, Snoozes

TODAY = date(2026, 5, 20)
SINCE = TODAY - timedelta(days=30)


@dataclass
class Item:
    """A plan item and its exercise in one; its dose has one step (2 × 6 each side) unless a test
    gives it ranges (tests/journal/test_dose_step_rules.py)."""

    level: int = 2
    top_level: int = 3
    since: date = SINCE
    progression_id: int = 1
    pk: int = 1
    dose_step: int = 0
    dose_since: date | None = None
    sets_min: int = 2
    sets_max: int = 2
    reps_min: int | None = 6
    reps_max: int | None = 6
    rep_hold_seconds_min: int | None = None
    rep_hold_seconds_max: int | None = None
    hold_seconds_min: int | None = None
    hold_seconds_max: int | None = None
    minutes_min: int | None = None
    minutes_max: int | None = None
    per_side: bool = True
    rep_unit: str = "reps"
    frequency: str = "daily"

    @property
    def exercise(self):
        return self

    @property
    def evidence_since(self):
        return self.dose_since or self.since

    @property
    def name(self):
        return "Heel taps"

    @property
    def exercise_id(self):
        return 10 + self.level


def ago(n):
    return TODAY - timedelta(days=n)


def log(pain=4, days=20, today=None):
    """`days` days of check-ins at `pain` ending yesterday, and today's if given."""
    rows = [Day(ago(n), pain) for n in range(days, 0, -1)]
    return rows + ([Day(TODAY, today)] if today is not None else [])


def easy(*days_ago, pain=2, effort="easy"):
    return [DoneTick(ago(n), pain, effort) for n in days_ago]


READY = easy(6, 4, 2)


def suggest(sessions, entries, item=None, snoozes=None, **ctx):
    context = Context(today=TODAY, entries=entries, **ctx)
    return suggestions.for_item(item or Item(), sessions, context, snoozes or Snoozes())


def set_pain(entries, n, pain):
    return [e._replace(pain=pain) if e.date == ago(n) else e for e in entries]


# --- level up ---------------------------------------------------------------------------------


def test_three_easy_sessions_with_calm_mornings_suggest_the_next_level():
    result = suggest(READY, log(4))
    assert (result.kind, result.rule) == ("up", "ready")
    assert result.values == {"sessions": 3, "first": "2026-05-14", "usual": 4, "average": 4, "level_start": 4}
    assert "mornings no more than 1 above your usual 4" in result.reason
    assert "since 14 May" in result.reason


def test_two_sessions_are_not_enough():
    assert suggest(easy(4, 2), log(4)) is None


def test_the_latest_session_must_feel_easy():
    sessions = easy(6, 4) + easy(2, effort="right")
    assert suggest(sessions, log(4)) is None
    sessions = easy(6, 4) + easy(2, effort="")
    assert suggest(sessions, log(4)) is None


def test_a_hard_session_in_the_last_two_weeks_blocks_it():
    sessions = easy(8, effort="hard") + READY
    assert suggest(sessions, log(4)) is None
    assert suggest(easy(15, effort="hard") + READY, log(4)).kind == "up"  # outside the 14 days


def test_pain_during_four_holds():
    assert suggest(easy(6, 4) + easy(2, pain=4), log(4)) is None
    assert suggest(easy(6, 4) + easy(2, pain=3), log(4)).kind == "up"


def test_a_partial_session_is_no_evidence():
    sessions = easy(6, 4) + [DoneTick(ago(2), 2, "easy", full_dose=False)]
    assert suggest(sessions, log(4)) is None


def test_sessions_before_the_level_began_do_not_count():
    assert suggest(READY, log(4), item=Item(since=ago(4))) is None


def test_a_morning_two_above_usual_blocks_it():
    entries = set_pain(log(4), 3, 6)  # the morning after the session 4 days ago
    assert suggestions.ready_for_next_level(sessions=READY, entries=entries, since=SINCE, today=TODAY) is None
    # Inside the step back's week that morning counts for a step back (version 3: any session's).
    assert suggest(READY, entries).rule == "next_morning"
    assert suggest(READY, set_pain(log(4), 3, 5)).kind == "up"  # usual + 1 is fine


def test_without_a_usual_pain_there_is_no_level_up():
    entries = [Day(ago(n), 4) for n in (5, 3, 1)]
    assert suggest(READY, entries) is None


def test_the_drifting_baseline_gives_no_level_up():
    # 2 for 10 days, then 6 for 13 days: 6 has become "usual", but the pain is worse than when the
    # level began.
    entries = [Day(ago(n), 2) for n in range(23, 13, -1)] + [Day(ago(n), 6) for n in range(13, 0, -1)]
    item = Item(since=ago(23))
    assert suggest(READY, entries, item=item) is None
    steady = [Day(ago(n), 2) for n in range(23, 0, -1)]
    assert suggest(READY, steady, item=item).kind == "up"


def test_an_average_up_to_one_above_the_level_start_is_told_as_such():
    # 3 when the level began, 4 now: within the margin, so the level-up holds, and the sentence
    # must not tell the user their pain is no higher than it was.
    entries = [Day(ago(n), 3) for n in range(23, 13, -1)] + [Day(ago(n), 4) for n in range(13, 0, -1)]
    result = suggest(READY, entries, item=Item(since=ago(23)))
    assert (result.values["average"], result.values["level_start"]) == (4, 3)
    assert "your 7-day average (4) is no more than 1 above when this level began (3)." in result.reason
    assert "no higher" not in result.reason


def test_a_level_begun_before_any_check_in_starts_from_its_first_week():
    entries = [Day(ago(n), 4) for n in range(12, 0, -1)]
    result = suggest(READY, entries, item=Item(since=ago(20)))
    assert result.kind == "up" and result.values["level_start"] == 4


def test_a_flare_in_the_last_seven_days_blocks_it_even_once_read():
    entries = set_pain(log(3), 4, 7)  # 4 above the usual 3 (not the morning after a session)
    assert suggest(READY, entries) is None
    assert suggest(READY, set_pain(log(3), 8, 7)) is not None  # eight days ago: over


def test_one_day_of_tingling_below_the_knee_blocks_it_for_seven_days():
    entries = log(4)
    entries[-3] = entries[-3]._replace(leg_symptoms=True)
    assert suggest(READY, entries) is None
    entries = log(4)
    entries[-8] = entries[-8]._replace(leg_symptoms=True)
    assert suggest(READY, entries).kind == "up"


def test_spreading_in_any_exercise_blocks_it():
    assert suggest(READY, log(4), spread_days=frozenset({ago(3)})) is None


def test_only_on_a_normal_day_with_a_clear_screen():
    assert suggest(READY, log(4), day_type="rough") is None
    assert suggest(READY, log(4), day_type="rest") is None
    assert suggest(READY, log(4), screen_cleared=False) is None


def test_no_level_up_past_the_top_or_the_safety_limit():
    assert suggest(READY, log(4), item=Item(level=3, top_level=3)) is None
    assert suggest(READY, log(4), item=Item(level=1), max_level={1: 1}) is None
    assert suggest(READY, log(4), item=Item(level=1), max_level={2: 1}).kind == "up"


def test_not_now_on_a_level_up_hides_it():
    assert suggest(READY, log(4), snoozes=Snoozes(up=True)) is None


# --- step back --------------------------------------------------------------------------------


def test_pain_during_above_five_suggests_a_step_back():
    result = suggest(easy(6, 2) + easy(1, pain=6), log(4))
    assert (result.kind, result.rule) == ("down", "pain_during")
    assert result.values == {"date": "2026-05-19", "pain_during": 6}
    assert "was 6 on 19 May" in result.reason
    assert suggest(easy(6, 2) + easy(1, pain=5), log(4)) is None


def test_a_bad_next_morning_suggests_a_step_back():
    result = suggest(easy(1, pain=3, effort="right"), log(4, today=6))
    assert (result.kind, result.rule) == ("down", "next_morning")
    assert "your pain was 6, 2 above your usual 4" in result.reason
    assert suggest(easy(1, pain=3, effort="right"), log(4, today=5)) is None


def test_a_bad_morning_still_counts_once_today_is_ticked():
    # Version 3: every session of the window whose next morning has come counts, not only the
    # latest: ticking today (its morning still to come) keeps yesterday's bad morning.
    sessions = easy(1, pain=3, effort="right") + easy(0, pain=3, effort="right")
    result = suggest(sessions, log(2, today=4))
    assert (result.kind, result.rule) == ("down", "next_morning")
    assert result.values == {"date": "2026-05-19", "morning": 4, "usual": 2}
    assert "The morning after your session on 19 May your pain was 4, 2 above your usual 2." in result.reason
    # The smallest change that breaks it: this morning at 3, one point less.
    assert suggest(sessions, log(2, today=3)) is None


def test_a_bad_morning_at_level_one_still_offers_the_gentle_set_once_today_is_ticked():
    sessions = easy(1, pain=3, effort="right") + easy(0, pain=3, effort="right")
    result = gentle(log(2, today=4), plan=[(Item(level=1), sessions)])
    assert (result.kind, result.rule) == ("gentle", "next_morning")
    assert result.values["date"] == "2026-05-19"
    assert gentle(log(2, today=3), plan=[(Item(level=1), sessions)]) is None


def test_an_earlier_bad_morning_in_the_window_counts_too():
    # Two sessions back, its morning at usual + 2; the latest session's morning was calm.
    entries = set_pain(log(2), 3, 4)
    result = suggest(easy(4, 1, pain=3, effort="right"), entries)
    assert (result.rule, result.values["date"]) == ("next_morning", "2026-05-16")
    assert suggest(easy(4, 1, pain=3, effort="right"), set_pain(log(2), 3, 3)) is None


def test_pain_rising_two_check_ins_running_after_sessions():
    entries = [*log(3, days=20)[:-2], Day(ago(2), 2), Day(ago(1), 3), Day(TODAY, 4)]
    result = suggest(easy(2, 1, pain=3, effort="right"), entries)
    assert (result.kind, result.rule) == ("down", "rising")
    assert "from 2 on 18 May to 4 on 20 May" in result.reason
    # The same rise without a session before the second check-in is not put down to the exercise.
    assert suggest(easy(1, pain=3, effort="right"), entries) is None


def test_symptoms_spreading_during_it_suggest_a_step_back():
    sessions = [DoneTick(ago(1), 2, "easy", spread=True)]
    result = suggest(sessions, log(4))
    assert (result.kind, result.rule) == ("down", "spread")
    assert "safety questions" in result.reason
    assert suggest([DoneTick(ago(1), 2, "easy", spread=False)], log(4)) is None


def test_old_sessions_do_not_suggest_a_step_back():
    assert suggest(easy(8, pain=7), log(4)) is None


def test_not_now_on_a_step_back_also_pauses_the_level_up():
    sessions = easy(13, 11, 9, 6, 4) + easy(1, pain=6)
    assert suggest(sessions, log(4)).kind == "down"
    assert suggest(sessions, log(4), snoozes=Snoozes(down=True)) is None
    # Even once the bad session is out of the way, a running step-back snooze holds level-ups.
    assert suggest(READY, log(4), snoozes=Snoozes(down=True)) is None


def test_at_level_one_there_is_no_step_back():
    assert suggest(easy(1, pain=7), log(4), item=Item(level=1)) is None


# --- the gentle day ---------------------------------------------------------------------------


def gentle(entries, plan=(), **ctx):
    return suggestions.gentle_day(list(plan), Context(today=TODAY, entries=entries, **ctx))


def test_a_flare_today_offers_the_gentle_set():
    result = gentle(log(3, today=6))
    assert (result.kind, result.rule) == ("gentle", "flare")
    assert "Today's pain is 6, well above your usual 3" in result.reason
    assert gentle(log(3, today=5)) is None


def test_without_a_usual_pain_a_flare_starts_at_seven():
    assert gentle([Day(TODAY, 6)]) is None
    assert gentle([Day(TODAY, 7)]).values == {"date": "2026-05-20", "pain": 7, "usual": None}


def test_a_high_usual_pain_is_not_always_a_flare():
    assert gentle(log(7, today=8)) is None
    assert gentle(log(7, today=10)) is not None


def test_a_level_one_exercise_that_hurts_offers_the_gentle_set():
    result = gentle(log(4), plan=[(Item(level=1), easy(1, pain=7))])
    assert (result.kind, result.rule) == ("gentle", "pain_during")
    assert result.reason.startswith("Heel taps: Pain during the exercise was 7")
    assert gentle(log(4), plan=[(Item(level=2), easy(1, pain=7))]) is None


def test_the_gentle_day_not_on_a_rough_day_nor_once_snoozed():
    assert gentle(log(3, today=7), day_type="rough") is None
    ctx = Context(today=TODAY, entries=log(3, today=7))
    assert suggestions.gentle_day([], ctx, snoozed=True) is None


@pytest.mark.parametrize("rule", [r for r, _ in suggestions.Rule.choices])
def test_every_rule_has_words(rule):
    values = {
        "sessions": 3,
        "first": "2026-05-14",
        "usual": 4,
        "average": 4,
        "level_start": 4,
        "date": "2026-05-19",
        "pain_during": 6,
        "morning": 6,
        "from": 3,
        "to": 5,
        "last": "2026-05-20",
        "pain": 7,
        "level": 2,
        "from_step": 0,
        "to_step": 1,
        "dose": "2 × 10 each side",
    }
    assert suggestions.describe(rule, values)


WORDS_VALUES = {
    "sessions": 3,
    "first": "2026-05-14",
    "usual": 4.5,
    "average": 4.2,
    "level_start": 4,
    "date": "2026-05-19",
    "pain_during": 6,
    "morning": 7,
    "from": 3,
    "to": 5,
    "last": "2026-05-20",
    "pain": 8,
    "level": 2,
}


@pytest.mark.parametrize(
    ("rule", "sentence"),
    [
        (
            "ready",
            "3 sessions at full dose since 14 May, pain during 3 or less and the latest felt easy; mornings"
            " no more than 1 above your usual 4.5; your 7-day average (4.2) is no more than 1 above when"
            " this level began (4).",
        ),
        (
            "pain_during",
            "Pain during the exercise was 6 on 19 May: above 5 is more than your back wants right now.",
        ),
        (
            "next_morning",
            "The morning after your session on 19 May your pain was 7, 2.5 above your usual 4.5.",
        ),
        (
            "rising",
            "Your pain rose at two check-ins running after sessions, from 3 on 14 May to 5 on 20 May.",
        ),
        (
            "spread",
            "You noted that symptoms spread down your leg during it on 19 May. Please also go through the"
            " safety questions again.",
        ),
        ("flare", "Today's pain is 8, well above your usual 4.5: a flare."),
        ("manual", "You set the level to 2."),
    ],
)
def test_each_rule_sentence_whole(rule, sentence):
    assert suggestions.describe(rule, WORDS_VALUES) == sentence


def test_a_flare_without_a_usual_pain_and_an_exercise_named():
    values = {"date": "2026-05-20", "pain": 7, "usual": None, "exercise": "Heel taps"}
    assert suggestions.describe("flare", values) == "Heel taps: Today's pain is 7: a flare."


def test_the_level_start_of_a_level_begun_before_the_days_read_is_the_first_average_among_them():
    days = [Day(date=TODAY - timedelta(days=n), pain=5 if n > 10 else 2) for n in range(40, -1, -1)]
    long_ago = TODAY - timedelta(days=5 * 365)
    first_average = suggestions.level_start(days, TODAY - timedelta(days=40), TODAY)
    assert first_average == 5
    assert suggestions.level_start(days, long_ago, TODAY) == first_average
    assert suggestions.level_start([], long_ago, TODAY) is None


# --- the day's Context: what every item's rules read alike, worked out once ---------------------


def test_the_days_shared_values_give_every_item_the_answers_worked_out_alone():
    # One Context asked for several items in turn (as Today asks for its plan): its days by date,
    # 7-day average and quiet week, kept from the first item, answer as each rule working them out.
    bumpy = set_pain(set_pain(log(4, today=4), 3, 6), 9, 8)
    cases = [
        (READY, Item()),
        (easy(1, pain=3, effort="right"), Item(level=3)),
        (easy(5, 3, pain=6), Item(pk=2)),
        (easy(12, 10, 8), Item(since=ago(13))),
        ([], Item(level=1)),
    ]
    for entries in (bumpy, log(4), log(2, today=7)):
        ctx = Context(today=TODAY, entries=entries)
        for sessions, item in cases:
            alone = {"sessions": sessions, "entries": entries, "since": item.since, "today": TODAY}
            assert suggestions.too_much(**alone, context=ctx) == suggestions.too_much(**alone)
            assert suggestions.ready_for_next_level(**alone, context=ctx) == suggestions.ready_for_next_level(
                **alone
            )
        assert ctx.quiet == suggestions.quiet_week(entries, frozenset(), TODAY)
        assert ctx.by_day == {e.date: e for e in entries}
