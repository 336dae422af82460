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


# --- the headline: the change over the activities rated both times, mixed changes, the rest apart ---


def test_the_headline_is_the_mean_over_the_activities_rated_both_times():
    change = psfs.change({1: 2, 2: 4, 3: 4}, {1: 4, 2: 6, 3: 6})
    assert change.verdict == "better" and change.better
    assert change.headline == "Activities you rated both times: 3.3 → 5.3 (+2.0, a meaningful improvement)"
    # Breaking: 1.7 in the mean and no activity up 3: not meaningful.
    small = psfs.change({1: 2, 2: 4, 3: 4}, {1: 4, 2: 6, 3: 5})
    assert small.verdict == "none" and not small.better
    assert small.headline.endswith("(+1.7, not a meaningful change)")


def test_a_meaningful_drop_says_so_in_words():
    drop = psfs.change({1: 8, 2: 8}, {1: 6, 2: 6})
    assert drop.verdict == "worse"
    assert drop.headline == "Activities you rated both times: 8.0 → 6.0 (-2.0, a meaningful drop)"


def test_one_activity_alone_names_where_it_moved():
    names = {1: "Lifting", 2: "Sitting", 3: "Walking"}
    change = psfs.change({1: 3, 2: 6, 3: 6}, {1: 6, 2: 6, 3: 5}, names)  # mean +0.7
    assert change.verdict == "better"
    assert change.words == "a meaningful improvement in Lifting"


def test_three_up_in_one_and_three_down_in_another_is_mixed_never_an_improvement():
    names = {1: "Lifting", 2: "Sitting"}
    mixed = psfs.change({1: 3, 2: 7}, {1: 6, 2: 4}, names)  # +3 and -3
    assert mixed.meaningful and mixed.verdict == "mixed" and not mixed.better
    assert mixed.words == "mixed: better in Lifting, worse in Sitting"
    assert "a real" not in mixed.headline and "improvement" not in mixed.headline
    # Breaking: -2 in the other is not a meaningful fall, so the +3 reads as an improvement.
    assert psfs.change({1: 3, 2: 7}, {1: 6, 2: 5}, names).verdict == "better"
    # Breaking the other way: +2 in the first is not a meaningful rise, so -3 reads as a drop.
    assert psfs.change({1: 3, 2: 7}, {1: 5, 2: 4}, names).verdict == "worse"


def test_the_issues_mixed_case_plus_three_and_minus_four():
    names = {1: "Lifting", 2: "Sitting"}
    mixed = psfs.change({1: 3, 2: 7}, {1: 6, 2: 3}, names)
    assert mixed.headline == (
        "Activities you rated both times: 5.0 → 4.5 (-0.5, mixed: better in Lifting, worse in Sitting)"
    )


def test_a_meaningful_mean_against_one_activitys_meaningful_fall_is_mixed():
    names = {1: "Lifting", 2: "Sitting", 3: "Socks"}
    mixed = psfs.change({1: 2, 2: 2, 3: 7}, {1: 7, 2: 6, 3: 4}, names)  # +5, +4, -3: mean +2.0
    assert mixed.delta == 2.0 and mixed.verdict == "mixed"
    assert mixed.words == "mixed: better in Lifting and Sitting, worse in Socks"
    # Breaking: -2 in Socks is no meaningful fall (and the mean is +2.3): an improvement.
    assert psfs.change({1: 2, 2: 2, 3: 7}, {1: 7, 2: 6, 3: 5}, names).verdict == "better"


def test_activities_not_rated_both_times_are_apart_and_never_in_the_headline():
    """The round scores fall (4.0 -> 3.7: a hard activity added), the shared ones rose 2.0: the
    headline says +2.0 and the added and the retired activity are listed apart."""
    one, two, three = D - timedelta(days=28), D - timedelta(days=14), D
    rows = [
        (one, 1, "Lifting", 3),
        (one, 2, "Sitting", 3),
        (one, 3, "Running", 6),  # retired after the first round
        (two, 1, "Lifting", 4),
        (two, 2, "Sitting", 4),
        (two, 4, "Gardening", 0),  # added later
        (three, 1, "Lifting", 5),
        (three, 2, "Sitting", 5),
        (three, 4, "Gardening", 1),
    ]
    summary = psfs.summary(rows)
    assert [score for _, score in summary.series] == [4.0, 2.67, 3.67]
    assert summary.change.headline == (
        "Activities you rated both times: 3.0 → 5.0 (+2.0, a meaningful improvement)"
    )
    assert [(a.name, a.ratings, a.in_first, a.in_latest) for a in summary.apart] == [
        ("Running", ((one, 6),), True, False),
        ("Gardening", ((two, 0), (three, 1)), False, True),
    ]
    assert [a.why for a in summary.apart] == ["not rated in the latest round", "added after the first round"]
    assert (summary.apart[1].first, summary.apart[1].latest) == (0, 1)
    # Breaking: Gardening rated in the first round too is shared, and its +1 (from 0) is in the mean.
    shared = psfs.summary([(one, 4, "Gardening", 0), *rows])
    assert [a.name for a in shared.apart] == ["Running"]
    assert shared.change.delta == 1.67


def test_no_activity_shared_says_so_and_lists_them_all_apart():
    one, two = D - timedelta(days=14), D
    summary = psfs.summary([(one, 1, "Lifting", 2), (two, 2, "Sitting", 8)])
    assert summary.change is None and summary.none_shared
    assert [(a.name, a.in_first, a.in_latest) for a in summary.apart] == [
        ("Lifting", True, False),
        ("Sitting", False, True),
    ]
    # One round is no comparison at all: nothing shared to say, nothing apart.
    single = psfs.summary([(one, 1, "Lifting", 2)])
    assert not single.none_shared and single.apart == []


def test_an_activity_added_and_retired_between_the_rounds_is_apart():
    one, two, three = D - timedelta(days=28), D - timedelta(days=14), D
    rows = [(one, 1, "Lifting", 2), (two, 1, "Lifting", 3), (two, 2, "Stairs", 4), (three, 1, "Lifting", 4)]
    (stairs,) = psfs.summary(rows).apart
    assert stairs.why == "added after the first round and not rated in the latest"


def test_a_summary_kept_in_the_cache_comes_back_the_same():
    """The summary is pickled into the shared cache as each object's class and fields (psfs._Kept):
    what comes back is equal, field for field, with its change and the activities apart."""
    import pickle

    one, two = D - timedelta(days=14), D
    rows = [(one, 1, "Lifting", 3), (one, 3, "Running", 6), (two, 1, "Lifting", 6), (two, 4, "Gardening", 1)]
    summary = psfs.summary(rows)
    assert summary.change is not None and len(summary.apart) == 2
    again = pickle.loads(pickle.dumps(summary, pickle.HIGHEST_PROTOCOL))
    assert again == summary and again.change.headline == summary.change.headline
    assert [a.why for a in again.apart] == [a.why for a in summary.apart]
    assert again.__reduce__()[0] is psfs.Summary  # one call of the class, not the slots' state
