"""One concrete dose of a level: the numbers a person does today, inside the level's ranges.

Pure: takes an `Exercise` (or anything with its dose fields) and returns plain values. The level
stores ranges (sets 2–3, reps 8–20, hold 20–30 s); a plan item works at one *dose step* inside
them, starting at the low end of every range (docs/clinical-rules.md, "Dose steps").

The steps of a level run from the low end of every range to the top of every range, one change
at a time, in this order: more reps, then a longer hold at the top of each rep, then a longer
hold (or more minutes), then one more set. Each step moves one number by its `STEP` (the last
one of a range stops at its top), so a dose never goes down from one step to the next. A level
without a range (2 × 6 each side) has exactly one step.
"""

from dataclasses import dataclass, replace
from functools import lru_cache
from operator import attrgetter

from django.utils.translation import gettext, ngettext

# Rest between sets when a level does not say otherwise (30–60 s in the guidance: the low end).
DEFAULT_REST_SECONDS = 30

# How much one step adds, per part of the dose, in the order the steps take them.
STEP = {
    "reps": 2,
    "rep_hold_seconds": 1,
    "hold_seconds": 5,
    "minutes": 2,
    "sets": 1,
}

# The level's (low, high) field names for each part of the dose.
_RANGES = {
    "reps": ("reps_min", "reps_max"),
    "rep_hold_seconds": ("rep_hold_seconds_min", "rep_hold_seconds_max"),
    "hold_seconds": ("hold_seconds_min", "hold_seconds_max"),
    "minutes": ("minutes_min", "minutes_max"),
    "sets": ("sets_min", "sets_max"),
}


@dataclass(frozen=True)
class Dose:
    """Exactly one of reps, hold_seconds or minutes is set (like the level's own dose)."""

    sets: int
    reps: int | None = None
    rep_hold_seconds: int | None = None  # held at the top of each rep (bridge: 3 s)
    hold_seconds: int | None = None  # one hold per set (child's pose: 20–30 s)
    minutes: int | None = None
    per_side: bool = False
    rest_seconds: int = DEFAULT_REST_SECONDS


def start(exercise):
    """The low end of every range: where a plan item at this level begins."""
    return Dose(
        sets=exercise.sets_min,
        reps=exercise.reps_min,
        rep_hold_seconds=exercise.rep_hold_seconds_min,
        hold_seconds=exercise.hold_seconds_min,
        minutes=exercise.minutes_min,
        per_side=exercise.per_side,
    )


def _ladder(low, high, step):
    """low, low + step, ... up to and including high (the last rung stops at high)."""
    if low is None or high is None:
        return []
    rungs = list(range(low, high, step))
    return [*rungs, high] if high >= low else [low]


# A level's dose fields as one tuple: the key of its steps (read on every Today row, so in C).
_fields = attrgetter("per_side", *(name for pair in _RANGES.values() for name in pair))


@lru_cache(maxsize=256)
def _steps(fields):
    per_side, *ends = fields
    ranges = dict(zip(_RANGES, zip(ends[::2], ends[1::2], strict=True), strict=True))
    dose = Dose(
        sets=ranges["sets"][0], per_side=per_side, **{k: ranges[k][0] for k in _RANGES if k != "sets"}
    )
    found = [dose]
    for part, (low, high) in ranges.items():
        for value in _ladder(low, high, STEP[part])[1:]:
            dose = replace(dose, **{part: value})
            found.append(dose)
    return tuple(found)


def steps(exercise):
    """Every dose of a level, from the low end of every range (step 0) to the top of every range."""
    return _steps(_fields(exercise))


def top_step(exercise):
    """The number of the level's last step (0 for a level without a range)."""
    return len(steps(exercise)) - 1


def at_step(exercise, step):
    """The dose at `step`, clamped to the level's steps (a step past the top is the top)."""
    found = steps(exercise)
    return found[max(0, min(step or 0, len(found) - 1))]


def rep_words(count, unit, number):
    """'10 slow breaths', '1 rep': `count` (a number, or a span such as '8–10') of `unit`, the
    level's `rep_unit` as stored in English, in the plural form `number` takes in the active
    language. A unit the catalogue has no words for (an admin's own) reads '10 presses'."""
    found = {"count": count}
    if unit == "reps":
        return ngettext("%(count)s rep", "%(count)s reps", number) % found
    if unit == "slow breaths":
        return ngettext("%(count)s slow breath", "%(count)s slow breaths", number) % found
    if unit == "slow cycles":
        return ngettext("%(count)s slow cycle", "%(count)s slow cycles", number) % found
    if unit == "cycles":
        return ngettext("%(count)s cycle", "%(count)s cycles", number) % found
    if unit == "slow rocks":
        return ngettext("%(count)s slow rock", "%(count)s slow rocks", number) % found
    if unit == "gentle backbends":
        return ngettext("%(count)s gentle backbend", "%(count)s gentle backbends", number) % found
    return f"{count} {unit}"


def words(*, sets, single, reps=None, rep_hold=None, hold=None, minutes=None, per_side, unit, number, often):
    """A dose in words, from its parts as text ('2', '8–10'): `single` when it is one set, `number`
    the count the reps' plural form follows, `often` the level's frequency in words (or "").
    Shared by `display` (today's numbers) and `Exercise.dose_display` (the level's ranges)."""
    if reps is not None:
        body = (
            rep_words(reps, unit, number)
            if single
            else gettext("%(sets)s × %(reps)s") % {"sets": sets, "reps": reps}
        )
    elif hold is not None:
        body = (
            gettext("hold %(seconds)s s") % {"seconds": hold}
            if single
            else gettext("%(sets)s × %(seconds)s s") % {"sets": sets, "seconds": hold}
        )
    elif single:
        body = gettext("%(minutes)s min") % {"minutes": minutes}
    else:
        body = gettext("%(sets)s × %(minutes)s min") % {"sets": sets, "minutes": minutes}
    if per_side:
        # Translators: a dose done on the left and then the right: "2 × 6 each side".
        body = gettext("%(dose)s each side") % {"dose": body}
    if reps is not None and rep_hold:
        # Translators: a hold at the top of each rep: "3 × 12, 3 s hold".
        body = gettext("%(dose)s, %(seconds)s s hold") % {"dose": body, "seconds": rep_hold}
    if often:
        # Translators: a dose and how often it is done: "2 × 6 each side, daily".
        body = gettext("%(dose)s, %(often)s") % {"dose": body, "often": often}
    return body


def display(dose, exercise, *, often=True):
    """A dose for people, like `Exercise.dose_display` but with today's numbers:
    '2 × 8 each side, 3 s hold, daily', 'hold 30 s each side, daily', '1 min, daily', in the active
    language (the level's frequency as the library snapshot hands it out: exercises/catalog.py).

    `often=False` leaves out how often ('2 × 8 each side, 3 s hold').
    """
    return words(
        sets=dose.sets,
        single=dose.sets == 1,
        reps=dose.reps,
        rep_hold=dose.rep_hold_seconds,
        hold=dose.hold_seconds,
        minutes=dose.minutes,
        per_side=dose.per_side,
        unit=exercise.rep_unit,
        number=dose.reps or 0,
        often=exercise.frequency if often else "",
    )
