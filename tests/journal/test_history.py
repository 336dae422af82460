from datetime import date, timedelta

import pytest

from journal import history_numbers
from journal.history_numbers import Day

D = date(2026, 6, 30)


def ago(n):
    return D - timedelta(days=n)


def test_missing_days_and_empty_pain_are_gaps_not_zero():
    days = [Day(ago(2), 5), Day(ago(1), None)]
    assert history_numbers.pain_series(days, ago(3), D) == [
        (ago(3), None),
        (ago(2), 5),
        (ago(1), None),
        (D, None),
    ]


def test_rolling_average_needs_three_days_in_the_window():
    series = [(ago(4), 4), (ago(3), 6), (ago(2), None), (ago(1), 8), (D, None)]
    rolled = dict(history_numbers.rolling_average(series))
    assert rolled[ago(4)] is None and rolled[ago(3)] is None and rolled[ago(2)] is None
    assert rolled[ago(1)] == 6.0
    assert rolled[D] == 6.0


def test_rolling_average_drops_days_that_leave_the_window():
    series = [(ago(9 - n), 10 if n < 3 else 2) for n in range(10)]
    rolled = history_numbers.rolling_average(series)
    assert rolled[6][1] == round((10 * 3 + 2 * 4) / 7, 2)
    assert rolled[9][1] == 2.0


def test_rolling_average_with_gaps_inside_the_window():
    series = [(ago(6 - n), p) for n, p in enumerate([2, None, 4, None, None, 6, None])]
    assert history_numbers.rolling_average(series)[-1][1] == 4.0


def test_streaks_across_missed_rest_and_rough_days():
    days = [
        Day(ago(6), done=2),
        Day(ago(5), done=1),
        Day(ago(3), day_type="rest"),
        Day(ago(2), day_type="rough"),
    ]
    days += [Day(ago(1), done=1)]
    active = {d.date for d in days if d.active}
    assert history_numbers.current_streak(active, D) == 3  # yesterday, rough, rest; ago(4) was missed
    assert history_numbers.current_streak(active | {D}, D) == 4
    assert history_numbers.longest_streak(active) == 3


def test_a_streak_ended_before_yesterday_is_zero():
    assert history_numbers.current_streak({ago(2), ago(3)}, D) == 0


def test_adherence_uses_each_days_stored_plan():
    days = [Day(ago(3), planned=7, done=7), Day(ago(2), planned=4, done=2), Day(ago(1), planned=7, done=9)]
    result = history_numbers.adherence(days)
    # the extra ticks on the last day do not make up for the short second day
    assert (result.done, result.planned, result.percent) == (16, 18, 89)


def test_adherence_counts_rest_and_rough_days_as_such():
    days = [Day(ago(2), day_type="rest", planned=0), Day(ago(1), day_type="rough", planned=3, done=3)]
    result = history_numbers.adherence(days)
    assert (result.rest_days, result.rough_days, result.percent) == (1, 1, 100)


def days_of(first, last):
    """Two weeks of check-ins ending on D: the first week at `first`, the second at `last`."""
    return [Day(ago(13 - n), first if n < 7 else last) for n in range(14)]


@pytest.mark.parametrize(
    "first,last,meaningful",
    [
        (6, 4, True),  # -2 points, -33%
        (6, 4.2, False),  # -1.8 points
        (8, 6, False),  # -2 points but only -25%
        (10, 7, True),  # -3 points, -30%
        (10, 7.2, False),  # -2.8 points, -28%
        (4, 6, False),  # worse
    ],
)
def test_the_meaningful_change_flag_on_both_sides_of_each_threshold(first, last, meaningful):
    result = history_numbers.change(days_of(first, last), D)
    assert (result.first, result.last, result.meaningful) == (first, last, meaningful)


def test_change_starts_at_the_first_check_in():
    padded = [Day(ago(30 + n)) for n in range(10)] + days_of(6, 4)
    assert history_numbers.change(sorted(padded), D).meaningful


def test_no_change_without_two_weeks():
    assert history_numbers.change(days_of(6, 4)[:10], ago(4)) is None
    assert history_numbers.change(days_of(6, 4)[1:], D) is None  # 13 days from the first check-in
    assert history_numbers.change([], D) is None


def test_change_leaves_out_missing_days_and_empty_scores():
    days = days_of(6, 4)
    days[1] = Day(ago(12), None)  # an empty score in the first week
    del days[2]  # a missing day in it
    days[-1] = Day(D, 10)
    result = history_numbers.change(days, D)
    assert result.first == 6 and result.last == round((4 * 6 + 10) / 7, 2)
    # The last week ends on the day given, not on the last day logged.
    assert history_numbers.change(days_of(6, 4)[:-3], D).last == 4


def test_no_change_when_the_last_week_has_no_score():
    assert (
        history_numbers.change(days_of(6, 4)[:7] + [Day(ago(n), None) for n in range(6, -1, -1)], D) is None
    )


def test_a_period_longer_than_a_year_is_charted_by_week():
    assert not history_numbers.by_week(D - timedelta(days=364), D)  # 365 days: the "1 year" range
    assert history_numbers.by_week(D - timedelta(days=365), D)


def test_weekly_averages_run_monday_to_sunday_and_leave_gaps():
    monday = date(2026, 6, 1)
    days = [
        Day(monday + timedelta(days=2), 3),  # Wednesday, the period's first day
        Day(monday + timedelta(days=6), 6),  # Sunday
        Day(monday + timedelta(days=7), None),  # the next Monday: no score, and a week with none
        Day(monday + timedelta(days=14), 1),
        Day(monday + timedelta(days=15), 2),
        Day(monday + timedelta(days=16), 2),
    ]
    weeks = history_numbers.weekly_averages(days, monday + timedelta(days=2), monday + timedelta(days=16))
    assert weeks == [(monday, 4.5), (monday + timedelta(days=7), None), (monday + timedelta(days=14), 1.7)]


def test_weekly_averages_count_only_the_days_inside_the_period():
    monday = date(2026, 6, 1)
    days = [Day(monday, 10), Day(monday + timedelta(days=3), 2), Day(monday + timedelta(days=9), 8)]
    weeks = history_numbers.weekly_averages(days, monday + timedelta(days=1), monday + timedelta(days=7))
    assert weeks == [(monday, 2.0), (monday + timedelta(days=7), None)]


def test_calendar_has_twelve_weeks_and_marks_each_kind_of_day():
    days = [
        Day(D, planned=2, done=2),
        Day(ago(1), planned=2, done=1),
        Day(ago(2), day_type="rest"),
        Day(ago(3), planned=2),
    ]
    weeks = history_numbers.calendar_weeks(days, D)
    assert len(weeks) == 12 and all(len(w) == 7 for w in weeks)
    statuses = {day: status for week in weeks for day, status, _ in week}
    assert statuses[D] == "done" and statuses[ago(1)] == "partly" and statuses[ago(2)] == "rest"
    assert statuses[ago(3)] == "missed" and statuses[ago(4)] == "none"


def test_a_streak_inside_the_days_read_is_known():
    read_from = ago(10)
    active = {ago(n) for n in range(1, 10)}  # yesterday back to ago(9)
    assert history_numbers.streak_if_known(active, D, read_from) == 9
    assert history_numbers.streak_if_known(active | {D}, D, read_from) == 10
    assert history_numbers.streak_if_known(set(), D, read_from) == 0
    assert history_numbers.streak_if_known({ago(2), ago(3)}, D, read_from) == 0  # ended before yesterday


def test_a_streak_that_reaches_the_first_day_read_may_run_on():
    read_from = ago(10)
    assert history_numbers.streak_if_known({ago(n) for n in range(1, 11)}, D, read_from) is None
    assert history_numbers.streak_if_known({ago(n) for n in range(0, 11)}, D, read_from) is None
    assert (
        history_numbers.streak_if_known({ago(n) for n in range(1, 11)}, D, None) == 10
    )  # every day was read


# --- the habit score ---------------------------------------------------------------------------


def kept_run(end, days):
    return {end - timedelta(days=n) for n in range(days)}


def test_a_kept_run_builds_the_habit_score_toward_100_and_halves_the_gap_every_two_weeks():
    yesterday = D - timedelta(days=1)
    for days, score in ((1, 5), (14, 50), (28, 75), (42, 88), (90, 99)):
        start = yesterday - timedelta(days=days - 1)
        assert history_numbers.habit_score(kept_run(yesterday, days), start, D) == score
    start = yesterday - timedelta(days=364)
    assert history_numbers.habit_score(kept_run(yesterday, 365), start, D) == 100
    assert history_numbers.habit_score(set(), start, D) == 0


def test_today_counts_once_kept_and_not_as_a_miss_before():
    start = D - timedelta(days=13)
    without_today = kept_run(D - timedelta(days=1), 13)
    # Not kept yet today: the score is yesterday's, no dent.
    assert history_numbers.habit_score(without_today, start, D) == history_numbers.habit_score(
        without_today, start, D - timedelta(days=1)
    )
    assert history_numbers.habit_score(without_today | {D}, start, D) == 50  # 14 kept days, today the 14th


def test_one_missed_day_dents_the_score_a_little_and_does_not_reset_it():
    start = D - timedelta(days=89)
    perfect = kept_run(D, 90)
    assert history_numbers.habit_score(perfect, start, D) == 99
    dented = perfect - {D - timedelta(days=1)}
    assert history_numbers.habit_score(dented, start, D) == 94  # one step back: 5 points, not 99
    # A week on the dent has faded by a third (the run went on): still there, smaller.
    long_ago = perfect - {D - timedelta(days=8)}
    assert history_numbers.habit_score(long_ago, start, D) == 96
    assert history_numbers.current_streak(dented, D) == 1  # where the streak starts again from 1


def test_a_long_gap_decays_the_score_by_half_every_two_weeks():
    start = D - timedelta(days=200)
    before_gap = kept_run(D - timedelta(days=29), 171)  # all kept, then 28 days not
    assert history_numbers.habit_score(before_gap, start, D - timedelta(days=28)) == 100
    assert history_numbers.habit_score(before_gap, start, D - timedelta(days=14)) == 50
    assert history_numbers.habit_score(before_gap, start, D) == 25


def test_rest_and_rough_days_keep_the_habit_as_they_keep_the_streak():
    start = D - timedelta(days=13)
    days = [
        # Rest and rough days with nothing ticked, between normal days with two ticks.
        Day(date=start + timedelta(days=n), day_type=kind, done=2 if kind == "normal" else 0)
        for n, kind in enumerate(["rest", "rough", "normal"] * 4 + ["normal", "normal"])
    ]
    assert history_numbers.habit_score(history_numbers.active_days(days), start, D) == 50
    unmarked = [d._replace(day_type="normal") for d in days]
    assert history_numbers.habit_score(history_numbers.active_days(unmarked), start, D) < 25


def test_days_kept_counts_the_last_seven_days_today_included():
    kept = {D, D - timedelta(days=1), D - timedelta(days=3), D - timedelta(days=6), D - timedelta(days=7)}
    assert history_numbers.days_kept(kept, D) == 4
    assert history_numbers.days_kept(set(), D) == 0
    assert history_numbers.days_kept(kept_run(D, 30), D) == 7
