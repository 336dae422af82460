"""The PSFS rules (journal/psfs.py), on known answers: no database."""

from datetime import date, timedelta

from journal import psfs

D = date(2026, 6, 30)


def test_score_is_the_mean_of_the_rated_activities():
    assert psfs.score([2, 4, 9]) == 5.0
    assert psfs.score([3, None, 4]) == 3.5
    assert psfs.score([1, 2, 2]) == 1.67
    assert psfs.score([]) is None
    assert psfs.score([None]) is None


def test_change_counts_only_activities_rated_both_times():
    first = {1: 2, 2: 4, 3: 0}  # 3 is retired before the latest round
    latest = {1: 5, 2: 5, 4: 10}  # 4 is added after the first
    change = psfs.change(first, latest, {1: "Lifting", 2: "Sitting"})
    assert (change.first, change.latest, change.delta) == (3.0, 5.0, 2.0)
    assert [(a.name, a.first, a.latest, a.delta) for a in change.activities] == [
        ("Lifting", 2, 5, 3),
        ("Sitting", 4, 5, 1),
    ]
    assert change.meaningful and change.better


def test_two_points_in_the_mean_is_meaningful_and_less_is_not():
    assert psfs.change({1: 3, 2: 3}, {1: 5, 2: 5}).meaningful
    small = psfs.change({1: 3, 2: 3}, {1: 4, 2: 5})  # mean +1.5, no activity +3
    assert small.delta == 1.5 and not small.meaningful


def test_three_points_in_one_activity_is_meaningful_even_when_the_mean_moves_less():
    change = psfs.change({1: 3, 2: 6, 3: 6}, {1: 6, 2: 6, 3: 5})  # mean +0.67
    assert change.delta == 0.67
    assert change.activities[0].meaningful and change.meaningful


def test_a_meaningful_drop_is_not_called_better():
    change = psfs.change({1: 8, 2: 8}, {1: 5, 2: 6})
    assert change.meaningful and not change.better


def test_no_activity_in_common_gives_no_change():
    assert psfs.change({1: 5}, {2: 7}) is None


def test_the_first_round_is_due_once_the_first_screen_is_done():
    assert psfs.next_due(screened=False, last_round_on=None) is None
    assert not psfs.is_due(screened=False, last_round_on=None, today=D)
    assert psfs.is_due(screened=True, last_round_on=None, today=D)


def test_later_rounds_are_due_every_14_days_and_a_skip_postpones_as_long():
    last = D - timedelta(days=13)
    assert psfs.next_due(screened=True, last_round_on=last) == D + timedelta(days=1)
    assert not psfs.is_due(screened=True, last_round_on=last, today=D)
    assert psfs.is_due(screened=True, last_round_on=D - timedelta(days=14), today=D)
    assert psfs.is_due(screened=True, last_round_on=D - timedelta(days=40), today=D)


def test_summary_gives_each_rounds_score_and_the_first_to_latest_change():
    one, two, three = D - timedelta(days=28), D - timedelta(days=14), D
    rows = [
        (one, 1, "Lifting", 2),
        (one, 2, "Sitting", 4),
        (two, 1, "Lifting", 3),
        (two, 2, "Sitting", 5),
        (three, 1, "Lifting", 6),
        (three, 3, "Running", 1),
    ]
    summary = psfs.summary(rows)
    assert summary.series == [(one, 3.0), (two, 4.0), (three, 3.5)]
    assert (summary.first_score, summary.latest_score) == (3.0, 3.5)
    assert (summary.first_on, summary.latest_on) == (one, three)
    # Only Lifting was rated in both the first and the latest round: 2 -> 6.
    assert summary.change.delta == 4.0 and summary.change.meaningful
    assert [a.name for a in summary.change.activities] == ["Lifting"]


def test_summary_of_one_round_or_none():
    assert psfs.summary([(D, 1, "Lifting", 4)]).change is None
    empty = psfs.summary([])
    assert empty.series == [] and empty.first_score is None and empty.change is None
