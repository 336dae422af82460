"""The insights' rules (journal/insights.py) on made-up days whose answer is known: no database."""

import random
from datetime import date, timedelta

from journal import insights
from journal.history_numbers import Day
from journal.insights import MIN_DAYS, WINDOW_DAYS, compute

TODAY = date(2026, 11, 30)
BRIDGE, CAT, WALK = 1, 2, 3
FAMILIES = [(BRIDGE, "Bridge"), (CAT, "Cat stretch"), (WALK, "Walking")]


def diary(done_on, *, effect=0.0, days=WINDOW_DAYS + 1, seed=1, noise=1.0, planned=5, day_type=None):
    """`days` days up to today: a day's done flag from `done_on(n, rng)`, the next morning's pain
    5 + `effect` after a done day (5 otherwise) plus noise that runs in spells; a done day ticks
    every exercise, any other day none. Returns (days, ticks)."""
    rng = random.Random(seed)
    first = TODAY - timedelta(days=days - 1)
    flags = [done_on(n, rng) for n in range(days)]
    spell = 0.0
    rows, ticks = [], {}
    for n in range(days):
        day = first + timedelta(days=n)
        spell = 0.6 * spell + rng.gauss(0, noise)  # pain comes in spells
        after_done = n > 0 and flags[n - 1]
        pain = max(0, min(10, round(5 + spell + (effect if after_done else 0))))
        kind = day_type(n) if day_type else "normal"
        rows.append(Day(day, pain, kind, planned, planned if flags[n] else 0))
        if flags[n]:
            ticks[day] = {BRIDGE, CAT, WALK}
    return rows, ticks


def run(days, ticks, **kwargs):
    return compute(days, ticks, today=TODAY, families=FAMILIES, walking=WALK, **kwargs)


def coin(p):
    return lambda n, rng: rng.random() < p


def test_a_planted_effect_is_found_and_its_interval_leaves_out_zero():
    days, ticks = diary(coin(0.6), effect=-2)
    plan = run(days, ticks).plan
    assert plan.enough and plan.with_days + plan.without_days == WINDOW_DAYS
    assert -2.6 < plan.difference < -1.4
    assert plan.low <= plan.difference <= plan.high < 0
    assert plan.clear
    assert "lower on average after days you did most of your plan" in insights.summary(plan)
    assert "on one side of no difference" in insights.interval_words(plan)


def test_no_effect_gives_an_interval_that_spans_zero():
    days, ticks = diary(coin(0.5), effect=0)
    plan = run(days, ticks).plan
    assert plan.enough
    assert plan.low < 0 < plan.high
    assert not plan.clear
    assert "includes no difference: this may be chance" in insights.interval_words(plan)


def test_without_an_effect_the_80_percent_interval_spans_zero_about_8_times_in_10():
    """The interval's coverage on 60 diaries with no effect, pain in spells and adherence in runs
    (a day done makes the next one likelier): the block bootstrap keeps it near 80%."""

    def runs(n, rng, state={}):  # noqa: B006 - the run's state, per diary
        if n == 0:
            state["done"] = rng.random() < 0.5
        elif rng.random() < 0.3:
            state["done"] = not state["done"]
        return state["done"]

    spans = 0
    for seed in range(60):
        days, ticks = diary(runs, seed=seed)
        plan = run(days, ticks).plan
        spans += plan.low <= 0 <= plan.high
    assert 0.65 <= spans / 60 <= 0.95, spans


def test_too_few_days_says_how_many_more():
    days, ticks = diary(lambda n, rng: n % 3 == 0, days=13)  # 4 done days, 8 not done
    plan = run(days, ticks).plan
    assert (plan.with_days, plan.without_days) == (4, 8)
    assert not plan.enough and plan.more_needed == 8
    assert plan.difference is None and plan.low is None
    assert insights.summary(plan).startswith("8 more days needed.")
    assert "so far 4 days you did most of your plan" in insights.summary(plan)
    assert not run(days, ticks).enough


def test_a_new_diary_needs_twenty_days():
    result = run([], {})
    assert result.plan.more_needed == 2 * MIN_DAYS
    assert insights.summary(result.plan).startswith("20 more days needed")
    assert result.walking is None and result.exercises == () and not result.shown


def test_one_more_day_is_said_in_the_singular():
    days, ticks = diary(lambda n, rng: n % 2 == 0, days=20)  # 10 done; 9 not done with a next morning
    assert insights.summary(run(days, ticks).plan).startswith("1 more day needed.")


def test_rest_and_rough_days_sit_on_neither_side():
    """Every third day marked rest, the next rough, nothing done on either, and the mornings after
    them at pain 0: were they counted as days without the plan, its mean would fall towards 0."""
    days, ticks = diary(coin(0.6), effect=-2)
    mixed = []
    for n, d in enumerate(days):
        kind = ("rest", "rough", "normal")[n % 3]
        if kind != "normal":
            d = d._replace(day_type=kind, done=0)
            ticks.pop(d.date, None)
        mixed.append(d if n % 3 == 0 else d._replace(pain=0))  # the mornings after rest and rough
    result = run(mixed, ticks)
    normal = [d for d in mixed if d.day_type == "normal" and d.date < TODAY]
    assert result.plan.with_days + result.plan.without_days == len(normal)
    assert result.marked_days == 120
    assert result.plan.mean_without > 4
    assert -2.8 < result.plan.difference < -1.2  # still found on the normal days


def test_a_rough_day_with_nothing_done_is_not_a_day_without_the_plan():
    days = [
        Day(TODAY - timedelta(days=2), 5, "rough", 3, 0),
        Day(TODAY - timedelta(days=1), 9, "normal", 3, 0),
    ]
    assert run(days, {}).plan.without_days == 0


def test_days_between_half_and_80_percent_sit_on_neither_side_and_a_day_with_nothing_due_too():
    first = TODAY - timedelta(days=6)
    done = [5, 4, 3, 2, 0, 9]  # of 5 due: 100%, 80% (done), 60% (neither), 40%, 0% (not), 9 capped: done
    days = [Day(first + timedelta(days=n), 4, "normal", 5, d) for n, d in enumerate(done)]
    days.append(Day(TODAY, 4, "normal", 0, 0))
    days.insert(0, Day(first - timedelta(days=1), 4, "normal", 0, 2))  # nothing due: neither
    plan = run(days, {}).plan
    assert (plan.with_days, plan.without_days) == (3, 2)


def test_a_day_without_a_check_in_the_next_morning_is_not_compared():
    first = TODAY - timedelta(days=3)
    days = [
        Day(first, 4, "normal", 2, 2),
        Day(first + timedelta(days=1), None, "normal", 2, 0),  # no morning pain for `first`
        Day(first + timedelta(days=2), 4, "normal", 2, 0),
    ]  # and nothing on today for the day before it
    plan = run(days, {}).plan
    assert (plan.with_days, plan.without_days) == (0, 1)


def test_the_window_is_the_180_days_before_today():
    first = TODAY - timedelta(days=WINDOW_DAYS)
    days = [
        Day(first - timedelta(days=1), 4, "normal", 2, 2),  # 181 days ago: outside
        Day(first, 4, "normal", 2, 2),  # 180 days ago: inside
        Day(first + timedelta(days=1), 4, "normal", 2, 0),
        Day(TODAY - timedelta(days=1), 4, "normal", 2, 0),  # yesterday: today's check-in is its morning
        Day(TODAY, 4, "normal", 2, 2),  # today: no next morning yet
    ]
    result = run(days, {})
    # Inside: 180 days ago (done), yesterday (not done), and the day before yesterday, not recorded
    # but with its next morning checked in (see the test below). The day after 180 days ago has no
    # morning (nothing recorded the day after it).
    assert (result.plan.with_days, result.plan.without_days) == (1, 2)
    assert (result.first, result.last) == (first, TODAY - timedelta(days=1))


def test_a_day_with_nothing_recorded_is_a_normal_day_with_nothing_done():
    """From the first day recorded in the window on; due what the latest normal day was due."""
    first = TODAY - timedelta(days=10)
    days = [
        Day(first, 4, "normal", 3, 3),
        Day(first + timedelta(days=1), 4, "rest", 0, 0),
        # first + 2: nothing recorded, its morning checked in: not done, 0 of the 3 due
        Day(first + timedelta(days=3), 6, "normal", 3, 0),
        # first + 4 to first + 8: nothing recorded, no morning either; first + 8's morning is first + 9
        Day(first + timedelta(days=9), 6, "normal", 0, 0),  # nothing due: on neither of the plan's sides
        Day(TODAY, 5, "normal", 0, 0),
    ]
    walked = {first: {WALK}}
    result = run(days, walked)
    assert (result.plan.with_days, result.plan.without_days) == (1, 2)  # first; first + 2 and 8
    assert (result.walking.with_days, result.walking.without_days) == (1, 3)  # and first + 9
    assert result.marked_days == 1
    # Before the first day recorded nothing counts: the day before `first` (its morning checked
    # in) is not compared. A record five days earlier starts the count there, and brings it in.
    earlier = [Day(first - timedelta(days=5), None, "normal", 3, 0), *days]
    assert run(earlier, walked).plan.without_days == 3


def test_the_same_days_give_the_same_numbers_in_any_order():
    days, ticks = diary(coin(0.6), effect=-1)
    once = run(days, ticks)
    shuffled = days[:]
    random.Random(9).shuffle(shuffled)
    assert run(shuffled, ticks) == once
    # One day's pain changed: a new seed, new numbers.
    changed = [d._replace(pain=10) if d.date == TODAY - timedelta(days=40) else d for d in days]
    assert run(changed, ticks).plan != once.plan


def test_the_seed_does_not_depend_on_the_process():
    sides = [(TODAY, True, 3), (TODAY + timedelta(days=1), False, 4)]
    assert insights.seed_of("plan", sides) == 15557589855144582646


def test_walking_compares_days_with_a_walk_ticked():
    days, _ = diary(lambda n, rng: False)
    walked = {d.date: {WALK} for d in days if d.date.weekday() < 3}
    result = run(days, walked)
    walking = result.walking
    assert walking.key == "walking" and walking.enough
    # Monday to Wednesday walked: 3 days a week against 4.
    assert abs(walking.with_days / walking.without_days - 3 / 4) < 0.05
    assert "after days you ticked a walk than after days without one" in insights.summary(walking)
    assert run(days, {}).walking is None  # never walked: no comparison


def test_each_exercise_needs_ten_days_each_side_from_the_first_day_it_was_done():
    days, _ = diary(lambda n, rng: True, effect=0)
    ticks = {}
    for n, d in enumerate(days):
        ticks[d.date] = {CAT} | ({BRIDGE} if n >= 100 and n % 2 else set()) | ({WALK} if n % 2 else set())
    result = run(days, ticks)
    names = [c.name for c in result.exercises]
    # Cat was done every day (no day without it); walking has its own comparison.
    assert names == ["Bridge"]
    bridge = result.exercises[0]
    # From day 100 on (the first Bridge day is 101): 40 days with, 39 without, none before it.
    assert (bridge.with_days, bridge.without_days) == (40, 39)
    assert "after days you did Bridge than after days you did not" in insights.summary(bridge)
    # Nine days with it: not listed.
    few = {
        d: (t - {BRIDGE}) | ({BRIDGE} if d >= TODAY - timedelta(days=9) else set()) for d, t in ticks.items()
    }
    assert [c.name for c in run(days, few).exercises] == []


def test_the_comparisons_shown_are_those_with_enough_days_plan_first():
    days, ticks = diary(coin(0.6), effect=-2)
    result = run(days, ticks)
    # Every done day ticks every exercise: Bridge and Cat stretch are one group (see below).
    assert [c.key for c in result.shown] == ["plan", "walking", "exercise-1-2"]
    assert result.enough


def test_no_difference_at_all_is_said_as_the_same():
    same = insights.Comparison("walking", "A walk", 10, 10, 4.0, 4.0, 0.0, -0.5, 0.5)
    assert insights.summary(same) == (
        "Next-morning pain was the same on average after days you ticked a walk as after days without one."
    )
    assert insights.interval_words(same).startswith(
        "Likely range (80%): from 0.5 points lower to 0.5 points higher."
    )


# --- exercises done together: one group, one comparison, and a line saying why ---------------------

ROCK = 4
GROUPED = [(BRIDGE, "Bridge"), (CAT, "Cat/cow"), (ROCK, "Rocking"), (WALK, "Walking")]


def together_diary(cat_days, rock_days, *, bridge_days=()):
    """Every day of the window normal, with next-morning pain 5 (3 after a Cat/cow day), and the
    exercises ticked on the days given as day numbers 0-179; nothing else ticked."""
    first = TODAY - timedelta(days=WINDOW_DAYS)
    rows, ticks = [], {}
    for n in range(WINDOW_DAYS + 1):
        day = first + timedelta(days=n)
        pain = 3 if n - 1 in cat_days else 5
        rows.append(Day(day, pain, "normal", 3, 0))
        done = {f for f, days in ((CAT, cat_days), (ROCK, rock_days), (BRIDGE, bridge_days)) if n in days}
        if done:
            ticks[day] = done
    return rows, ticks


def run_grouped(rows, ticks):
    return compute(rows, ticks, today=TODAY, families=GROUPED, walking=WALK)


EVEN = {n for n in range(WINDOW_DAYS) if n % 2 == 0}  # 90 days


def but(days, leave_out):
    """`days` less the first `leave_out` of them."""
    return days - set(sorted(days)[:leave_out])


def test_two_exercises_done_together_85_percent_of_their_days_are_one_group_with_a_line_why():
    rows, ticks = together_diary(EVEN, but(EVEN, 13))  # Rocking on 77 of Cat/cow's 90 days: 85%
    assert insights.overlap_percent(EVEN, but(EVEN, 13)) == 85
    (group,) = run_grouped(rows, ticks).exercises
    assert group.key == "exercise-2-4" and group.name == "Cat/cow and Rocking"
    assert group.together == ("Cat/cow", "Rocking") and group.overlap == 85
    # With: both done (77 days); without: neither (90 odd days); the 13 days with Cat/cow alone sit
    # on neither side.
    assert (group.with_days, group.without_days) == (77, 90)
    assert insights.summary(group) == (
        "Next-morning pain was 2.0 points lower on average after days you did Cat/cow and Rocking "
        "than after days you did neither."
    )
    assert insights.together_words(group) == (
        "Cat/cow and Rocking were nearly always done on the same days (both on 85% of the days "
        "either was done), so your log cannot tell their effects apart: they are compared as one."
    )
    assert insights.describe(group)["together"] == insights.together_words(group)


def test_70_percent_of_their_days_together_are_two_comparisons_without_the_line():
    rows, ticks = together_diary(EVEN, but(EVEN, 27))  # 63 of 90: 70%
    result = run_grouped(rows, ticks)
    assert [c.key for c in result.exercises] == ["exercise-2", "exercise-4"]
    assert all(insights.together_words(c) == "" for c in result.exercises)
    assert insights.describe(result.exercises[0])["together"] == ""


def test_80_percent_is_together_and_one_day_less_is_not():
    """The smallest holding case and the smallest breaking one: 72 of 90 days, then 71."""
    assert insights.together(EVEN, but(EVEN, 18)) and insights.overlap_percent(EVEN, but(EVEN, 18)) == 80
    assert not insights.together(EVEN, but(EVEN, 19))
    assert [c.key for c in run_grouped(*together_diary(EVEN, but(EVEN, 18))).exercises] == ["exercise-2-4"]
    assert [c.key for c in run_grouped(*together_diary(EVEN, but(EVEN, 19))).exercises] == [
        "exercise-2",
        "exercise-4",
    ]


def test_the_overlap_counts_the_days_either_was_done_not_the_days_of_one():
    """Rocking on every Cat/cow day and as many more: all of Rocking's days are not Cat/cow's (50%)."""
    rock = EVEN | {n for n in range(WINDOW_DAYS) if n % 4 == 1}  # 90 + 45 days
    assert insights.overlap_percent(EVEN, rock) == 66
    assert not insights.together(EVEN, rock)


def test_grouping_follows_the_families_order_and_needs_every_member():
    """Bridge with Cat/cow (85%+) and Cat/cow with Rocking, but not Bridge with Rocking: Bridge and
    Cat/cow, first in the families' order, are a group; Rocking stays alone, not chained in."""
    cat = set(range(100))
    bridge = set(range(0, 90))  # 90 of the 100 days either was done with Cat/cow: 90%
    rock = set(range(12, 100))  # 88 of 100 with Cat/cow: 88%; 78 of 100 with Bridge: 78%
    done_on = {BRIDGE: frozenset(bridge), CAT: frozenset(cat), ROCK: frozenset(rock)}
    assert insights.together(bridge, cat) and insights.together(cat, rock)
    assert not insights.together(bridge, rock)
    assert insights.group_together(done_on) == [(BRIDGE, CAT), (ROCK,)]
    # The same days in another order of families: another (still deterministic) grouping.
    assert insights.group_together({CAT: done_on[CAT], ROCK: done_on[ROCK], BRIDGE: done_on[BRIDGE]}) == [
        (CAT, ROCK),
        (BRIDGE,),
    ]
    assert insights.group_together({BRIDGE: frozenset(), CAT: frozenset()}) == [(BRIDGE,), (CAT,)]


def test_three_done_together_name_all_three():
    rows, ticks = together_diary(EVEN, EVEN, bridge_days=EVEN)
    (group,) = run_grouped(rows, ticks).exercises
    assert group.name == "Bridge, Cat/cow and Rocking" and group.overlap == 100
    assert insights.sides_words(group) == ("you did Bridge, Cat/cow and Rocking", "you did none of them")
    assert insights.together_words(group) == (
        "Bridge, Cat/cow and Rocking were always done on the same days, so your log cannot tell "
        "their effects apart: they are compared as one."
    )
    # Three on nearly the same days: the lowest overlap of two of them is named.
    rows, ticks = together_diary(EVEN, but(EVEN, 9), bridge_days=but(EVEN, 4))
    (group,) = run_grouped(rows, ticks).exercises
    assert (
        group.overlap == 90
        and "(any two of them both on at least 90% of the days" in insights.together_words(group)
    )


def test_a_group_draws_the_same_numbers_at_each_load_and_a_single_exercise_as_before():
    rows, ticks = together_diary(EVEN, but(EVEN, 14))
    noisy = [d._replace(pain=(d.pain + n % 3) % 11) for n, d in enumerate(rows)]  # some spread
    once = run_grouped(noisy, ticks)
    shuffled = noisy[:]
    random.Random(3).shuffle(shuffled)
    assert run_grouped(shuffled, ticks) == once and once.exercises[0].low < once.exercises[0].high
    # Cat/cow alone (Rocking 70%): its numbers are those of a single exercise, its seed its own key.
    rows, ticks = together_diary(EVEN, but(EVEN, 27))
    cat = run_grouped(rows, ticks).exercises[0]
    alone = compute(
        rows, {d: t - {ROCK} for d, t in ticks.items()}, today=TODAY, families=GROUPED, walking=WALK
    ).exercises
    assert alone == (cat,)


# --- what the insights read: the digest that says two loads have the same days ---------------------


def as_rows(days, ticks):
    """The days before today as the insights' read gives them (selectors.insight_rows): one row a
    day in date order, its stored done-of-due, the ticked exercises' ids as text (here the
    families' ids stand for them)."""
    return [
        (
            d.date,
            d.pain,
            d.day_type,
            d.planned,
            d.done,
            ",".join(str(pk) for pk in sorted(ticks.get(d.date, ()))) or None,
        )
        for d in sorted(days)
        if TODAY - timedelta(days=WINDOW_DAYS) <= d.date < TODAY
    ]


def test_the_digest_is_of_the_rows_read_and_todays_pain():
    days, ticks = diary(coin(0.5), seed=4, days=WINDOW_DAYS + 5)
    rows = as_rows(days, ticks)
    digest = insights.digest(rows, 4)
    # Holding: the same rows and today's pain, read again.
    assert insights.digest(list(rows), 4) == digest
    # Breaking: today's pain (yesterday's next morning), a past day's kind, one exercise less on a
    # past day, and the window's first day.
    assert insights.digest(rows, 5) != digest and insights.digest(rows, None) != digest
    ticked = next(n for n, row in enumerate(rows) if row[5] and "," in row[5])
    fewer = (*rows[ticked][:5], rows[ticked][5].split(",", 1)[1])
    assert insights.digest([*rows[:ticked], fewer, *rows[ticked + 1 :]], 4) != digest
    assert insights.digest([(*rows[0][:2], "rough", *rows[0][3:]), *rows[1:]], 4) != digest
    assert insights.digest([(*rows[0][:4], rows[0][4] + 1, rows[0][5]), *rows[1:]], 4) != digest  # done
    assert insights.digest(rows[1:], 4) != digest


def test_the_rows_read_give_the_days_and_ticks_compute_reads():
    days, ticks = diary(coin(0.5), seed=4, days=WINDOW_DAYS + 5, planned=3)  # 3 families, all ticked
    today = next(d for d in days if d.date == TODAY)
    window = [d for d in days if TODAY - timedelta(days=WINDOW_DAYS) <= d.date < TODAY]
    built, built_ticks = insights.days_and_ticks(
        as_rows(days, ticks), today=TODAY, morning=today.pain, family_of=lambda pk: pk
    )
    # Each day with its stored done-of-due, and today's pain alone (nothing else of today is read).
    assert built == [*window, Day(TODAY, today.pain)]
    dates = {d.date for d in window}
    assert built_ticks == {day: found for day, found in ticks.items() if day in dates}
    assert run(built, built_ticks) == run(days, ticks) and run(days, ticks).plan.enough
    # Without a check-in today there is no row for today.
    assert insights.days_and_ticks([], today=TODAY, morning=None, family_of=lambda pk: pk) == ([], {})
