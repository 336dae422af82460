"""The insights' bootstrap in NumPy (journal/insights.py: block_bootstrap) gives the intervals the
pure-Python loop it replaced gave, to the last bit: the old loop is kept here as the reference."""

import math
import random
from datetime import timedelta

import pytest

from journal import insights
from tests.journal.test_insights import FAMILIES, TODAY, WALK, coin, diary


def reference_bootstrap(
    sides, *, seed, block=insights.BLOCK_DAYS, resamples=insights.RESAMPLES, level=insights.LEVEL, bits=None
):
    """The pure-Python block bootstrap as it was before NumPy (random.Random(seed).choices);
    `bits`, the NumPy bit generator `compute` hands on, is not used."""
    start = sides[0][0]
    span = (sides[-1][0] - start).days + 1
    sums = {True: [0.0] * (span + 1), False: [0.0] * (span + 1)}
    counts = {True: [0] * (span + 1), False: [0] * (span + 1)}
    per_day = {(day - start).days: (side, value) for day, side, value in sides}
    for offset in range(span):
        for side in (True, False):
            sums[side][offset + 1] = sums[side][offset]
            counts[side][offset + 1] = counts[side][offset]
        if offset in per_day:
            side, value = per_day[offset]
            sums[side][offset + 1] += value
            counts[side][offset + 1] += 1
    block = min(block, span)
    blocks = math.ceil(span / block)
    starts = range(span - block + 1)
    s1, c1, s0, c0 = (
        [totals[first + block] - totals[first] for first in starts]
        for totals in (sums[True], counts[True], sums[False], counts[False])
    )
    rng = random.Random(seed)
    differences = []
    attempts = 0
    while len(differences) < resamples and attempts < resamples * 10:
        attempts += 1
        drawn = rng.choices(starts, k=blocks)
        n1 = sum(map(c1.__getitem__, drawn))
        n0 = sum(map(c0.__getitem__, drawn))
        if n1 and n0:
            differences.append(sum(map(s1.__getitem__, drawn)) / n1 - sum(map(s0.__getitem__, drawn)) / n0)
    differences.sort()
    tail = (1 - level) / 2
    return insights._quantile(differences, tail), insights._quantile(differences, 1 - tail)


def sides_of(days, ticks, family=None):
    """[(date, with it?, next morning's pain)] of a log: the day's plan done, or `family` ticked."""
    by_date = {d.date: d for d in days}
    return [
        (
            d.date,
            (family in ticks.get(d.date, ())) if family else d.done > 0,
            by_date[d.date + timedelta(days=1)].pain,
        )
        for d in sorted(days)
        if d.date + timedelta(days=1) in by_date
    ]


# Fixed logs: a planted effect, none, a rare and a frequent habit, a short log, a log with gaps.
LOGS = [
    ("effect", diary(coin(0.5), effect=-1.5, seed=1)),
    ("none", diary(coin(0.5), seed=2)),
    ("rare", diary(coin(0.15), seed=3)),
    ("frequent", diary(coin(0.9), seed=4)),
    ("short", diary(coin(0.5), days=25, seed=5)),
    ("spells", diary(lambda n, rng: (n // 9) % 2 == 0, effect=1.0, seed=6, noise=2.0)),
]


@pytest.mark.parametrize("log", [days for _, days in LOGS], ids=[name for name, _ in LOGS])
def test_numpy_gives_the_same_interval_as_the_pure_python_loop(log):
    days, ticks = log
    for sides in (sides_of(days, ticks), sides_of(days, ticks, WALK)):
        with_days = sum(side for _, side, _ in sides)
        assert 0 < with_days < len(sides)
        for seed in (0, 1, insights.seed_of("plan", sides), 2**64 - 1):
            assert insights.block_bootstrap(sides, seed=seed) == reference_bootstrap(sides, seed=seed)


def test_gaps_in_the_log_and_resamples_drawn_again_give_the_same_interval():
    """Days missing from the span, and one side so rare that many resamples are drawn again."""
    days, ticks = diary(coin(0.5), seed=7)
    sides = [s for n, s in enumerate(sides_of(days, ticks)) if n % 5 != 2]
    rare = [(day, n in (3, 90, 170), pain) for n, (day, _, pain) in enumerate(sides)]
    for case in (sides, rare):
        for block in (1, 7, 30, 400):
            found = insights.block_bootstrap(case, seed=11, block=block)
            assert found == reference_bootstrap(case, seed=11, block=block)


def test_the_whole_insights_are_the_same_as_with_the_pure_python_loop(monkeypatch):
    for _, (days, ticks) in LOGS:
        found = insights.compute(days, ticks, today=TODAY, families=FAMILIES, walking=WALK)
        with monkeypatch.context() as patched:
            patched.setattr(insights, "block_bootstrap", reference_bootstrap)
            before = insights.compute(days, ticks, today=TODAY, families=FAMILIES, walking=WALK)
        assert found == before
    assert found.plan.low is not None


def test_the_generator_draws_what_python_draws_for_any_seed():
    for seed in (0, 1, 2**32 - 1, 2**32, 2**64 - 1):
        python = random.Random(seed)
        assert insights.generator(seed).random(300).tolist() == [python.random() for _ in range(300)]


def test_a_bit_generator_seeded_again_draws_what_a_new_one_draws():
    """`compute` seeds one bit generator for all its comparisons: whatever it drew before, each
    seeding draws Python's numbers for that seed."""
    bits = insights.bit_generator()
    for seed in (7, 2**40 + 3, 0, 7):
        python = random.Random(seed)
        assert insights.generator(seed, bits).random(300).tolist() == [python.random() for _ in range(300)]
    days, ticks = diary(coin(0.5), seed=8)
    sides = sides_of(days, ticks)
    assert insights.block_bootstrap(sides, seed=5, bits=bits) == reference_bootstrap(sides, seed=5)


def test_sums_too_large_or_not_whole_to_pack_give_the_same_interval_as_the_loop():
    """Packed (four 16-bit sums in a word) only below 2**16: values that pass it, or are negative,
    take the four gathers, and still give the loop's interval (whole numbers: exact in any order)."""
    days, ticks = diary(coin(0.5), seed=8)
    sides = sides_of(days, ticks)
    for scale in (1, 1000, -1):
        case = [(day, side, pain * scale) for day, side, pain in sides]
        assert insights.block_bootstrap(case, seed=5) == reference_bootstrap(case, seed=5)
    assert max(pain for _, _, pain in sides) * 1000 * len(sides) > insights.FIELD


def test_the_seed_from_texts_written_once_is_the_seed_written_here():
    days, ticks = diary(coin(0.5), seed=9)
    sides = sides_of(days, ticks)
    texts = {day: (f"{day.isoformat()},0,{pain}", f"{day.isoformat()},1,{pain}") for day, _, pain in sides}
    assert insights.seed_of("walking", sides, texts) == insights.seed_of("walking", sides)
