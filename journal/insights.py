"""What goes with better days: the next morning's pain after days with and without the plan, a
walk, each exercise. Pure: no request, no queries (docs/clinical-rules.md, "Insights").

Only normal days count: a day of the last `WINDOW_DAYS` is compared by the pain checked in the
day after it ("the next morning"); rest and rough days are their own kind of day and sit on
neither side. A day with nothing recorded is a normal day with nothing done, as everywhere in the
app a day is normal until marked. Each comparison gives both counts, both means, their difference and an
80% interval of that difference from a block bootstrap: days are resampled in runs of
`BLOCK_DAYS` calendar days, because pain comes in spells and single days drawn one by one would
make the interval too narrow. The random draws are seeded from the comparison's own days, so the
same days always give the same numbers; the resamples are drawn and summed in NumPy, a batch at a
time, with the draws and intervals of the pure-Python loop they replaced (`block_bootstrap`). Below `MIN_DAYS` on either side nothing is estimated;
the comparison says how many more days it needs. Exercises done on nearly the same days are
compared as one group, with a line saying the log cannot tell them apart (`group_together`).

It shows what goes together in one person's days, not what causes what: a worse morning may be
the reason a day was skipped, and a slow recovery lowers pain while the plan grows.
"""

import hashlib
import math
import pickle
from contextvars import ContextVar
from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import ngettext as django_ngettext
from numpy.random.bit_generator import ISeedSequence

from backcare import html_words
from journal.history_numbers import Day
from journal.models import Entry

WINDOW_DAYS = 180
MIN_DAYS = 10  # on each side of a comparison
DONE_FROM = 0.8  # the plan counts as done at 80% of what was due or more
NOT_DONE_BELOW = 0.5  # and as not done under half; the days between sit on neither side
BLOCK_DAYS = 7
RESAMPLES = 1000
FIELD = 2**16  # block_bootstrap's packed sums: four 16-bit fields in a 64-bit word
WITH_DAY = 1 << 16  # a day with it, in its field; its pain is the lowest field
WITHOUT_DAY = 1 << 48  # a day without it; its pain is the field at 32
# The same as NumPy words, for the days packed in one array operation (`block_bootstrap`).
_WITH_DAY, _WITHOUT_DAY, _PAIN_WITHOUT = np.uint64(WITH_DAY), np.uint64(WITHOUT_DAY), np.uint64(32)
LEVEL = 0.8  # the interval's coverage: from the 10th to the 90th percentile
# Two exercises are "done together" when both were done on this share (in percent) or more of the
# compared normal days on which either was done: days with both / days with either (Jaccard).
TOGETHER_PERCENT = 80
# Part of the cache key (journal/views/history_page.py): a change of method, or of the result's shape,
# never reuses old numbers. 2: exercises done together are one group (`Comparison.together`).
# 3: the value kept is (diary version, `inputs`, Insights), under the user and the day.
# 4: the digest is of the days' rows as read (`digest`), today's pain apart.
METHOD_VERSION = 4

NORMAL = Entry.DayType.NORMAL
MARKED = (Entry.DayType.REST, Entry.DayType.ROUGH)


@dataclass(frozen=True)
class Comparison:
    """One "after days with X against days without it" of the next morning's pain.

    `difference` is with minus without (below 0: lower pain after days with it); `low`/`high`
    bound its 80% interval. The numbers are None until each side has `MIN_DAYS`.
    """

    key: str  # "plan", "walking", or "exercise-<family id>"
    name: str
    with_days: int
    without_days: int
    mean_with: float | None = None
    mean_without: float | None = None
    difference: float | None = None
    low: float | None = None
    high: float | None = None
    # A group of exercises done together: their names, in the families' order, and the lowest
    # overlap (in percent) between two of them. Empty for a single exercise.
    together: tuple = ()
    overlap: int | None = None

    @property
    def more_needed(self):
        """Days still missing before the comparison is shown (both sides together)."""
        return max(0, MIN_DAYS - self.with_days) + max(0, MIN_DAYS - self.without_days)

    @property
    def enough(self):
        return self.more_needed == 0

    @property
    def clear(self):
        """The interval leaves out 0: in these days the two sides really differ."""
        return self.enough and (self.high < 0 or self.low > 0)


@dataclass(frozen=True)
class Insights:
    first: object  # the window's first and last day compared (a date)
    last: object
    plan: Comparison
    walking: Comparison | None  # None: no walk ticked on a normal day in the window
    exercises: tuple  # Comparisons with enough days on each side, in the order of `families`; a
    # group of exercises done together is one Comparison, at its first member's place
    marked_days: int  # rest and rough days in the window, left out

    @property
    def enough(self):
        return self.plan.enough or (self.walking is not None and self.walking.enough) or bool(self.exercises)

    @property
    def shown(self):
        """The comparisons with enough days, plan first."""
        return [c for c in (self.plan, self.walking, *self.exercises) if c is not None and c.enough]


def _ratio(day):
    return min(day.done, day.planned) / day.planned


def compute(days, ticks, *, today, families=(), walking=None):
    """The insights of the `WINDOW_DAYS` days before `today`.

    `days`: the user's day rows (`history.Day` or anything with date, pain, day_type, planned and
    done; `done` is the day's stored done-of-due, capped at `planned` as on History) from the
    window's first day to `today`, in any order. `ticks`: {date: the family ids ticked that day}.
    `families`: (family id, name) in the order exercises are listed; `walking`: the walking family's
    id. Days outside the window are ignored.
    """
    last = today - timedelta(days=1)
    first = today - timedelta(days=WINDOW_DAYS)
    by_date = {d.date: d for d in days}
    # (date, day row, ticked families, next morning's pain) of each normal day with a check-in the
    # next morning, from the first day recorded in the window. A day with no record at all is a
    # normal day with nothing done (a day is normal until marked), due what the latest normal day
    # recorded before it was due.
    normal = []
    marked = 0
    recorded = [d for d in by_date if first <= d <= last]
    day = min(recorded, default=last + timedelta(days=1))
    due = 0
    one_day = timedelta(days=1)  # made once, not twice a day
    while day <= last:
        row = by_date.get(day) or Day(day, None, NORMAL, due, 0)
        day += one_day
        morning = by_date.get(day)
        if row.day_type in MARKED:
            marked += 1
            continue
        if row.day_type != NORMAL:
            continue
        due = row.planned
        if morning is None or morning.pain is None:
            continue
        normal.append((row.date, row, frozenset(ticks.get(row.date, ())), morning.pain))

    # Each normal day's part of the seeds' text, on either side, written once for all comparisons.
    texts = {}
    for day, _row, _ticked, pain in normal:
        text = day.isoformat()
        texts[day] = (f"{text},0,{pain}", f"{text},1,{pain}")
    # One bit generator, seeded again for each comparison's bootstrap (`generator`).
    bits = bit_generator()
    # The plan's and the walk's names here are the English ones kept with the numbers; a page
    # writes them in its reader's language (`named`).
    plan = _compare(
        texts,
        "plan",
        "Doing your plan",
        [
            (day, ratio >= DONE_FROM, pain)
            for day, row, _, pain in normal
            if row.planned
            and ((ratio := _ratio(row)) >= DONE_FROM or ratio < NOT_DONE_BELOW)  # each day's once
        ],
        bits,
    )
    walked = None
    if walking is not None and any(walking in ticked for _, _, ticked, _ in normal):
        walked = _compare(
            texts,
            "walking",
            "A walk",
            [(day, walking in ticked, pain) for day, _, ticked, pain in normal],
            bits,
        )
    exercises = []
    names = dict(families)
    # Each family's days, in one pass over the days' ticks (not a pass over the days a family).
    days_of = {family: [] for family, _ in families if family != walking}
    for day, _row, ticked, _pain in normal:
        for family in ticked:
            found = days_of.get(family)
            if found is not None:
                found.append(day)
    done_on = {family: frozenset(found) for family, found in days_of.items()}
    for group in group_together(done_on):
        # With: days every member was done; without: days none was; days with some sit on neither
        # side. From the first day one was done: the weeks before it was in the plan are no "without".
        done = sorted(set().union(*(done_on[family] for family in group)))
        if len(done) < MIN_DAYS:
            continue
        if len(group) == 1:
            # One exercise: every day from the first it was done is on one side or the other.
            family = group[0]
            sides = [(day, family in ticked, pain) for day, _row, ticked, pain in normal if day >= done[0]]
        else:
            sides = []
            for day, _row, ticked, pain in normal:
                if day < done[0]:
                    continue
                members = sum(family in ticked for family in group)
                if members == len(group) or not members:
                    sides.append((day, bool(members), pain))
        with_it = sum(side for _, side, _ in sides)
        if with_it < MIN_DAYS or len(sides) - with_it < MIN_DAYS:  # each side's days, counted once
            continue
        if len(group) == 1:
            exercises.append(_compare(texts, f"exercise-{group[0]}", names[group[0]], sides, bits))
            continue
        together = tuple(names[family] for family in group)
        exercises.append(
            _compare(
                texts,
                "exercise-" + "-".join(str(family) for family in group),
                names_words(together),
                sides,
                bits,
                together=together,
                overlap=min(
                    overlap_percent(done_on[a], done_on[b])
                    for n, a in enumerate(group)
                    for b in group[n + 1 :]
                ),
            )
        )
    return Insights(
        first=first,
        last=last,
        plan=plan,
        walking=walked,
        exercises=tuple(exercises),
        marked_days=marked,
    )


def digest(rows, morning):
    """A digest of all that `compute` reads for today: the part of the insights' cache value
    (journal/views/history_page.py) that says the days are the same.

    `rows`: the window's days before today (`WINDOW_DAYS` to 1 days ago) as the insights' read
    gives them (journal/selectors.py: `insight_rows`, one row a day in date order: date, pain,
    kind, what was due, what was done, the ticked exercises' ids); `morning`: today's pain, the
    morning after yesterday. Nothing else of today: a tick, a rest day or a note today never moves it (a day is
    compared by the pain of the day after it, which today does not have yet), while a check-in
    today, or any change of a past day in the window, does. The families' names and the walking
    family are the library's, in the key apart (its version).
    """
    # Pickled, not written by repr(): the same bytes for the same rows read the same way (dates,
    # numbers, texts, None), a third cheaper for 180 days; a pickle is read back to the same values,
    # so other days never give the same bytes.
    return hashlib.blake2b(pickle.dumps((rows, morning), protocol=5), digest_size=16).hexdigest()


def days_and_ticks(rows, *, today, morning, family_of):
    """`compute`'s days and ticks from the rows `digest` reads and today's pain: the days as `Day`s
    (`done`: the day's stored done-of-due, as History's), with today's holding its pain alone, and
    {date: the families ticked}; `family_of(exercise id)` gives an exercise's family id."""
    days, ticks, families = [], {}, {}
    for date_, pain, day_type, planned, done, ticked in rows:
        days.append(Day(date_, pain, day_type, planned, done))
        if ticked:
            found = set()
            for pk in map(int, ticked.split(",")):
                family = families.get(pk)
                if family is None:
                    family = families[pk] = family_of(pk)
                found.add(family)
            ticks[date_] = found
    if morning is not None:
        days.append(Day(today, morning))
    return days, ticks


def overlap_percent(a, b):
    """The share of the days on which either of two exercises was done on which both were (days
    with both / days with either, a Jaccard index), in whole percent rounded down; 0 for no day."""
    either = len(a | b)
    return 100 * len(a & b) // either if either else 0


def together(a, b):
    """Were two exercises done on nearly the same days? Both on `TOGETHER_PERCENT`% or more of the
    days either was (exactly, in whole days: no rounding decides it)."""
    either = len(a | b)
    return bool(either) and 100 * len(a & b) >= TOGETHER_PERCENT * either


def group_together(done_on):
    """The exercises as groups done together, from {family: the days it was done}, in that dict's
    order (the families' order): a tuple of families each.

    Greedy and deterministic: each family not yet placed starts a group, and each later one joins it
    when it was done together with every member already in it. Needing every member (not just one)
    keeps a chain apart: A with B and B with C, but not A with C, is the group A and B, and C alone.
    """
    placed, groups = set(), []
    order = list(done_on)
    for n, family in enumerate(order):
        if family in placed:
            continue
        group = [family]
        placed.add(family)
        for other in order[n + 1 :]:
            if other not in placed and all(together(done_on[other], done_on[m]) for m in group):
                group.append(other)
                placed.add(other)
        groups.append(tuple(group))
    return groups


def _mean(values):
    return sum(values) / len(values)


def _compare(texts, key, name, sides, bits=None, **group):
    """A `Comparison` of [(date, with it?, next morning's pain)] in date order; `texts`: each day's
    part of the seed's text (`seed_of`); `bits`: the bit generator the bootstrap seeds
    (`generator`)."""
    with_pain = [pain for _, side, pain in sides if side]
    without_pain = [pain for _, side, pain in sides if not side]
    counts = {
        "key": key,
        "name": name,
        "with_days": len(with_pain),
        "without_days": len(without_pain),
        **group,
    }
    if len(with_pain) < MIN_DAYS or len(without_pain) < MIN_DAYS:
        return Comparison(**counts)
    mean_with, mean_without = _mean(with_pain), _mean(without_pain)
    low, high = block_bootstrap(sides, seed=seed_of(key, sides, texts), bits=bits)
    return Comparison(
        **counts,
        mean_with=round(mean_with, 1),
        mean_without=round(mean_without, 1),
        difference=round(mean_with - mean_without, 1),
        low=round(low, 1),
        high=round(high, 1),
    )


def seed_of(key, sides, texts=None):
    """A seed from the comparison and its days: the same days always draw the same samples
    (`hashlib`, not `hash()`, which changes from one process to the next). `texts`: {date: (the
    day's text without it, with it)} as `compute` writes them once for all its comparisons (the
    same text: "2026-11-30,1,3"), or None to write them here."""
    if texts is None:
        parts = (f"{day.isoformat()},{int(side)},{pain}" for day, side, pain in sides)
    else:
        parts = [texts[day][side] for day, side, _pain in sides]  # a list: joined a little faster
    text = key + ";" + ";".join(parts)
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


class _Unseeded(ISeedSequence):
    """No seed: `generator` gives its MT19937 Python's state right after making it, so the state
    MT19937 would first build from a `SeedSequence` (most of the generator's cost) is skipped."""

    def generate_state(self, n_words, dtype=np.uint32):
        return np.zeros(n_words, dtype=dtype)


_UNSEEDED = _Unseeded()


def bit_generator():
    """A bit generator for `generator` to seed again and again: making one (`MT19937`, even
    unseeded) costs about as much as three of its seedings, so `compute` makes one for all its
    comparisons."""
    return np.random.MT19937(_UNSEEDED)


def generator(seed, bits=None):
    """A `numpy.random.Generator` that draws exactly what `random.Random(seed)` draws.

    Its bit generator is NumPy's MT19937, Python's own Mersenne Twister, given the state Python
    gives it for an integer seed (`init_by_array` over the seed's 32-bit words, lowest first), and
    a Generator's `random()` builds each float from two 32-bit outputs as Python's `random()` does.
    So the block starts drawn are the ones the earlier pure-Python bootstrap drew
    (tests/journal/test_insights_bootstrap.py runs both).

    `bits` (`bit_generator`): seeded again here, whatever it drew before (the seeding sets its
    whole state), instead of making a new one; the generator draws the same numbers either way."""
    words, rest = [], seed
    while True:
        words.append(rest & 0xFFFFFFFF)
        rest >>= 32
        if not rest:
            break
    # Made without a seed sequence (`_Unseeded`: a fifth of the cost of `MT19937(0)`), then seeded.
    if bits is None:
        bits = bit_generator()
    # The legacy seeding of a list (not an array: a one-word array is seeded as one int) is
    # Python's init_by_array; it sets `bits` in place, which the Generator then draws from.
    np.random.RandomState(bits).seed(words)
    return np.random.Generator(bits)


def block_bootstrap(sides, *, seed, block=BLOCK_DAYS, resamples=RESAMPLES, level=LEVEL, bits=None):
    """(low, high): the central `level` interval of the difference of means (with minus without)
    over `resamples` moving-block resamples of the calendar days from the first to the last of
    `sides` ([(date, with it?, value)] in date order, one per date).

    Each resample strings together as many runs of `block` consecutive calendar days, each
    starting on a day drawn at random, as cover the span, so spells of good and bad days stay
    together. A resample with no day on one side is drawn again (at most `resamples` * 10 draws).

    Vectorised in NumPy: a batch of resamples is one array of block starts. Guaranteed: the same
    interval, to the last bit, as the pure-Python loop this replaced, which drew each resample's
    starts with `random.Random(seed).choices` (`generator` draws the same numbers in the same
    order, each start is `floor(u * starts)` as `choices` takes it, and the sums are of whole
    numbers of pain, so exact in any order). `bits`: a `bit_generator` to seed (`generator`).
    """
    dates, with_it, values = zip(*sides, strict=True)
    start = dates[0].toordinal()
    span = dates[-1].toordinal() - start + 1
    offsets = np.fromiter(map(date.toordinal, dates), dtype=np.intp, count=len(dates)) - start
    block = min(block, span)
    blocks = math.ceil(span / block)
    starts = span - block + 1
    # Per calendar day four numbers (with it: pain, days; without it: pain, days), then running
    # totals: each block's four totals by its first day are one subtraction, and a resample is a
    # gather and a sum of them. Every number is a whole one (pain, a count), so any order of adding
    # gives the same bits.
    packed = columns = None
    if blocks * block * max(max(values), 1) < FIELD and min(values) >= 0 and all(v == int(v) for v in values):
        # Whole numbers from 0 whose resample's sums stay under 2**16 (pain: a year's days at 10 is
        # 3,650): the four packed into one 64-bit word of four 16-bit fields, in one array
        # operation, so the running totals, a block's and a resample's sums are one array each (a
        # field's sum never reaches the next field), a quarter of the gathers of four.
        per_day = np.zeros(span, dtype=np.uint64)
        whole = np.array(values, dtype=np.uint64)  # whole numbers from 0, checked above
        per_day[offsets] = np.where(
            np.array(with_it, dtype=bool), whole | _WITH_DAY, (whole << _PAIN_WITHOUT) | _WITHOUT_DAY
        )
        running = np.zeros(span + 1, dtype=np.uint64)
        np.cumsum(per_day, out=running[1:])
        packed = running[block:] - running[:starts]
    else:
        with_it = np.array(with_it, dtype=bool)
        values = np.array(values, dtype=np.float64)
        per_day = np.zeros((span, 4))
        per_day[offsets[with_it], 0] = values[with_it]
        per_day[offsets[with_it], 1] = 1
        per_day[offsets[~with_it], 2] = values[~with_it]
        per_day[offsets[~with_it], 3] = 1
        running = np.zeros((span + 1, 4))
        np.cumsum(per_day, axis=0, out=running[1:])
        totals = running[block:] - running[:starts]
        columns = [np.ascontiguousarray(totals[:, k]) for k in range(4)]
    rng = generator(seed, bits)
    batches = []
    found = attempts = 0
    while found < resamples and attempts < resamples * 10:
        # No more resamples than could still be kept: the draws are those the loop made one by one.
        rows = min(resamples - found, resamples * 10 - attempts)
        attempts += rows
        # `u * starts` is at least 0, so truncating is `floor`, as `choices` takes it.
        drawn = rng.random((rows, blocks))
        drawn *= starts
        drawn = drawn.astype(np.intp)
        # `take`: the gather of indexing with an array, without its general indexing machinery
        # (0.021 -> 0.014 ms for 1,000 resamples of 26 blocks); the same values.
        if packed is not None:
            words = packed.take(drawn).sum(axis=1)
            s1, n1 = words & (FIELD - 1), (words >> 16) & (FIELD - 1)
            s0, n0 = (words >> 32) & (FIELD - 1), words >> 48
        else:
            s1, n1, s0, n0 = (column.take(drawn).sum(axis=1) for column in columns)
        kept = (n1 > 0) & (n0 > 0)
        if not kept.all():  # most batches keep every resample: no copies then
            s1, n1, s0, n0 = s1[kept], n1[kept], s0[kept], n0[kept]
        # Exact: each sum is a whole number below 2**53, as a float or an integer alike.
        batches.append(s1 / n1 - s0 / n0)
        found += len(s1)
    differences = batches[0] if len(batches) == 1 else np.concatenate(batches)
    tail = (1 - level) / 2
    # Only the values either side of the two quantiles need their sorted places (a partial sort
    # puts exactly those there): the same numbers as a full sort.
    differences.partition(sorted({i for q in (tail, 1 - tail) for i in _neighbours(q, len(differences))}))
    return float(_quantile(differences, tail)), float(_quantile(differences, 1 - tail))


def _neighbours(q, n):
    """The two places (below, above) of n sorted values the q-quantile lies between."""
    below = math.floor(q * (n - 1))
    return below, min(below + 1, n - 1)


def _quantile(ordered, q):
    """The q-quantile of sorted values (or values with its `_neighbours` in their sorted places),
    interpolating between neighbours."""
    position = q * (len(ordered) - 1)
    below, above = _neighbours(q, len(ordered))
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


# --- words ----------------------------------------------------------------------------------------
# Every sentence in the active language. `compute`'s results are kept in the shared cache whatever
# the reader's language (journal/views/history_page.py), so the names in them are written again
# here, in the reader's language, when a page describes them (`named`).

# A page's comparisons (`describe_all`) say the same sentences again and again: each is translated
# once while they are described (some 120 gettext calls and 40 reads of the decimal point for nine
# comparisons, a third of their words' cost), kept only for that call. `_` and `ngettext` are
# Django's own outside one; the msgids are the same, so makemessages finds them as before.
_page_words = ContextVar("insights_page_words", default=None)


def _(message):
    """`gettext`, translated once while `describe_all` runs."""
    kept = _page_words.get()
    if kept is None:
        return gettext(message)
    found = kept.get(message)
    if found is None:
        found = kept[message] = gettext(message)
    return found


def ngettext(singular, plural, number):
    """`ngettext`, translated once for each number while `describe_all` runs."""
    kept = _page_words.get()
    if kept is None:
        return django_ngettext(singular, plural, number)
    key = (singular, plural, number)
    found = kept.get(key)
    if found is None:
        found = kept[key] = django_ngettext(singular, plural, number)
    return found


def _decimal_point():
    """The active language's decimal point, read once while `describe_all` runs."""
    kept = _page_words.get()
    if kept is None:
        return formats.get_format("DECIMAL_SEPARATOR")
    found = kept.get(_decimal_point)
    if found is None:
        found = kept[_decimal_point] = formats.get_format("DECIMAL_SEPARATOR")
    return found


def named(comparison, names=None):
    """`comparison` with its name (and its group's names) in the active language: the plan's and
    the walk's from this catalogue, an exercise's from `names` ({family id: name}, the library's
    names in the reader's language); a family `names` lacks keeps the name it was computed with."""
    if comparison.key == "plan":
        # Translators: History's insights, the heading of the comparison of days with and without the plan.
        return replace(comparison, name=_("Doing your plan"))
    if comparison.key == "walking":
        # Translators: History's insights, the heading of the comparison of days with and without a walk.
        return replace(comparison, name=_("A walk"))
    if not names or not comparison.key.startswith("exercise-"):
        return comparison
    ids = [int(part) for part in comparison.key.removeprefix("exercise-").split("-")]
    if comparison.together:
        together = tuple(names.get(pk, old) for pk, old in zip(ids, comparison.together, strict=False))
        return replace(comparison, name=names_words(together), together=together)
    return replace(comparison, name=names.get(ids[0], comparison.name))


def names_words(names):
    """ "Cat/cow", "Cat/cow and Rocking", "Cat/cow, Rocking and Bridge"."""
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return _("%(some)s and %(last)s") % {"some": ", ".join(names[:-1]), "last": names[-1]}


def sides_words(comparison):
    """(with, without) in words, each what follows "days" ("days you ticked a walk")."""
    if comparison.key == "plan":
        return (
            # Translators: History's insights, what follows "after days": days on which the person did most of the plan.
            # (`% {}` turns the escaped "%%" into "%": a bare "% o" would read as a placeholder.)
            _("you did most of your plan (80%% or more of what was due)") % {},
            # Translators: History's insights, what follows "after days": days on which the person did less than half the plan.
            _("you did less than half"),
        )
    if comparison.key == "walking":
        # Translators: History's insights, what follows "after days": days with and without a walk ticked.
        return (_("you ticked a walk"), _("without one"))
    if comparison.together:
        # Translators: History's insights, what follows "after days": days on which none of a group of exercises was done.
        without = _("you did neither") if len(comparison.together) == 2 else _("you did none of them")
        return (_("you did %(names)s") % {"names": comparison.name}, without)
    # Translators: History's insights, what follows "after days": days with and without one exercise.
    return (_("you did %(names)s") % {"names": comparison.name}, _("you did not"))


def together_words(comparison):
    """Why a group is one comparison, or "" for a single exercise."""
    if not comparison.together:
        return ""
    if comparison.overlap == 100:
        text = _(
            "%(names)s were always done on the same days, so your log cannot tell their effects apart: "
            "they are compared as one."
        )
    elif len(comparison.together) == 2:
        text = _(
            "%(names)s were nearly always done on the same days (both on %(overlap)s%% of the days "
            "either was done), so your log cannot tell their effects apart: they are compared as one."
        )
    else:
        text = _(
            "%(names)s were nearly always done on the same days (any two of them both on at least "
            "%(overlap)s%% of the days either was done), so your log cannot tell their effects apart: "
            "they are compared as one."
        )
    return text % {"names": comparison.name, "overlap": comparison.overlap}


def _points(value):
    value = abs(value)
    # A number with a decimal: English reads only exactly 1 as singular ("1.0 point", "0.5 points").
    # Translators: History's insights, a difference in pain on the 0-10 scale: "1.5 points".
    text = ngettext("%(points)s point", "%(points)s points", 1 if value == 1 else 2)
    return text % {"points": mean_words(round(value, 1))}  # rounded: number_format cuts


def _days(n):
    return ngettext("%(count)s day", "%(count)s days", n) % {"count": n}


def more_words(comparison):
    """How many more days a comparison needs, in words ("12 more days needed")."""
    more = comparison.more_needed
    return ngettext("%(count)s more day needed", "%(count)s more days needed", more) % {"count": more}


def needs_words(comparison):
    """Why it is not shown yet: the days of each kind it has, against the minimum."""
    with_words, without_words = sides_words(comparison)
    text = _(
        # Translators: History's insights; %(with_words)s and %(without_words)s are what follows "days" ("you ticked a walk").
        "It compares at least %(minimum)s days of each kind, each followed by a check-in the next "
        "morning: so far %(with_days)s %(with_words)s and %(without_days)s %(without_words)s."
    )
    return text % {
        "minimum": MIN_DAYS,
        "with_days": _days(comparison.with_days),
        "with_words": with_words,
        "without_days": _days(comparison.without_days),
        "without_words": without_words,
    }


def summary(comparison):
    """One sentence: the difference in plain words, or how many more days it needs."""
    with_words, without_words = sides_words(comparison)
    if not comparison.enough:
        return f"{more_words(comparison)}. {needs_words(comparison)}"
    d = comparison.difference
    words = {"with": with_words, "without": without_words}
    if not d:
        return (
            _("Next-morning pain was the same on average after days %(with)s as after days %(without)s.")
            % words
        )
    words["points"] = _points(d)
    if d < 0:
        text = _(
            "Next-morning pain was %(points)s lower on average after days %(with)s than after days %(without)s."
        )
    else:
        text = _(
            "Next-morning pain was %(points)s higher on average after days %(with)s than after days %(without)s."
        )
    return text % words


def interval_words(comparison):
    """The 80% interval in plain words, and whether it could be chance."""
    low, high = comparison.low, comparison.high

    def signed(value):
        if value == 0:
            return _("no difference")
        if value < 0:
            # Translators: History's insights, the bound of a likely range: "1.5 points lower".
            return _("%(points)s lower") % {"points": _points(value)}
        return _("%(points)s higher") % {"points": _points(value)}

    if low == high:
        text = _("Likely range (80%%): %(value)s.") % {"value": signed(low)}
    else:
        text = _("Likely range (80%%): from %(low)s to %(high)s.") % {
            "low": signed(low),
            "high": signed(high),
        }
    if comparison.clear:
        return text + " " + _("The whole range is on one side of no difference.")
    return text + " " + _("The range includes no difference: this may be chance.")


def mean_words(value):
    """A number already rounded to one decimal (a mean, a difference's size), written with one in
    the active language: what `floatformat:1` and `number_format(value, 1)` write (no thousands
    separator: this project groups no digits), the decimal point the language's own, at a small
    part of their cost (tests/journal/test_insights_lines.py compares them)."""
    return f"{value:.1f}".replace(".", _decimal_point())


def means_lines(comparison, with_words, without_words):
    """The means' lines of a comparison with enough days, as HTML (the `<strong>` is ours): for the
    plan and a walk (with, without), each "After 12 days you ticked a walk: <strong>4.5</strong> on
    average"; for an exercise or a group one sentence, and "" in the other place. The sentences
    were `blocktranslate`s in journal/_history_insights.html, twenty a page: the same msgids, their
    values escaped as `blocktranslate` escapes them, at a fraction of the cost."""
    mean_with, mean_without = mean_words(comparison.mean_with), mean_words(comparison.mean_without)
    if comparison.key in ("plan", "walking"):
        lines = []
        for days, words, mean in (
            (comparison.with_days, with_words, mean_with),
            (comparison.without_days, without_words, mean_without),
        ):
            text = ngettext(
                # Translators: History's insights; %(words)s is what follows "days" ("you ticked a walk"), %(mean)s the average next-morning pain.
                "After %(counter)s day %(words)s: <strong>%(mean)s</strong> on average",
                "After %(counter)s days %(words)s: <strong>%(mean)s</strong> on average",
                days,
            )
            lines.append(html_words.sentence(text, counter=days, words=words, mean=mean))
        return tuple(lines)
    if comparison.together:
        text = ngettext(
            "After %(counter)s day with all of them: <strong>%(mean_with)s</strong>; after %(without_days)s "
            "with none: <strong>%(mean_without)s</strong>.",
            "After %(counter)s days with all of them: <strong>%(mean_with)s</strong>; after %(without_days)s "
            "with none: <strong>%(mean_without)s</strong>.",
            comparison.with_days,
        )
    else:
        text = ngettext(
            "After %(counter)s day with it: <strong>%(mean_with)s</strong>; after %(without_days)s without: "
            "<strong>%(mean_without)s</strong>.",
            "After %(counter)s days with it: <strong>%(mean_with)s</strong>; after %(without_days)s without: "
            "<strong>%(mean_without)s</strong>.",
            comparison.with_days,
        )
    values = {
        "counter": comparison.with_days,
        "without_days": comparison.without_days,
        "mean_with": mean_with,
        "mean_without": mean_without,
    }
    return (html_words.sentence(text, **values), "")


def describe(comparison, names=None):
    """What the page prints of one comparison, in the active language (`named`)."""
    comparison = named(comparison, names)
    with_words, without_words = sides_words(comparison)
    enough = comparison.enough
    with_line, without_line = means_lines(comparison, with_words, without_words) if enough else ("", "")
    return {
        "comparison": comparison,
        "with_words": with_words,
        "without_words": without_words,
        "summary": summary(comparison),
        "interval": interval_words(comparison) if enough else "",
        "together": together_words(comparison),
        # The means' lines (`means_lines`): the plan's and a walk's two, an exercise's one.
        "with_line": with_line,
        "without_line": without_line,
    }


def describe_all(comparisons, names=None):
    """`describe` of each comparison (None stays None), their sentences translated once for all
    of them (`_page_words`): what a page prints of its insights."""
    token = _page_words.set({})
    try:
        return [None if c is None else describe(c, names) for c in comparisons]
    finally:
        _page_words.reset(token)
