"""A dose broken into the phases a guided session runs, in order.

Pure: `breakdown(dose, exercise)` takes a concrete `exercises.dose.Dose` and the level it belongs
to (for what one rep is called: "slow breaths") and returns `Phase` rows. The session page lists
them and its script (static/js/session.js) runs them: a phase with `seconds` counts down and moves
on by itself; a reps phase (`seconds` is None) is counted by the clock at the level's tempo
(`tempo_seconds`, the library's data: a slow breath 7 s, a march 4 s a side), or tapped rep by rep
when the person chooses "I'll tap", each rep held `rep_hold_seconds` at the top when the level says
so (bridge: 3 s at the top of each of 12 reps, not one 3 s hold for the set).

The order: a short "get into position" first; then each set, and within a set each side ("each
side": left, a cue to switch, right — the other side rests while one works, and the library's
"2 × 6 each side" means a set is both sides once); a rest between sets, none after the last.
Short holds done several times (bird-dog 5 × 5 s, propped on the elbows 5 × 10 s) are repetitions
rather than sets to recover from: between them a few seconds to relax, not the full rest.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext, ngettext

from exercises.dose import rep_words

# Seconds to get into position before the first phase, and to change sides.
READY_SECONDS = 10
SWITCH_SECONDS = 5
# A hold this short, done several times, is a repetition: RELAX_SECONDS between, not a full rest.
SHORT_HOLD_SECONDS = 15
RELAX_SECONDS = 5
# A level's tempo is its own (`Exercise.tempo_seconds`, exercises/library.py); this slow one is only
# for a level saved without one (the admin and the library tests refuse that).
FALLBACK_TEMPO_SECONDS = 6
SIDES = ("left", "right")


class Kind(StrEnum):
    READY = "ready"
    REPS = "reps"
    HOLD = "hold"
    TIMED = "timed"  # a dose in minutes (lying face down 1–2 min)
    REST = "rest"
    SWITCH = "switch"


@dataclass(frozen=True)
class Phase:
    kind: Kind
    label: str  # for people: "Left side · set 2 of 3 · 8 reps"
    seconds: int | None  # None: self-paced reps
    reps: int | None = None
    rep_hold_seconds: int | None = None
    tempo_seconds: int | None = None  # a reps phase: seconds one rep takes when the clock counts
    side: str | None = None  # "left", "right" or None
    set: int | None = None  # 1-based; a rest or switch carries the set that comes next
    sets: int = 1

    @property
    def work(self):
        """Part of the dose itself (not getting ready, resting or switching)."""
        return self.kind in (Kind.REPS, Kind.HOLD, Kind.TIMED)


def _work(dose, exercise):
    """(kind, seconds, body of the label) of one set on one side."""
    if dose.reps is not None:
        body = rep_words(dose.reps, exercise.rep_unit if dose.sets == 1 else "reps", dose.reps)
        if dose.rep_hold_seconds:
            hold = gettext("hold %(seconds)s s at the top of each") % {"seconds": dose.rep_hold_seconds}
            body = _label(body, hold)
        return Kind.REPS, None, body
    if dose.hold_seconds is not None:
        return Kind.HOLD, dose.hold_seconds, gettext("hold %(seconds)s s") % {"seconds": dose.hold_seconds}
    return Kind.TIMED, dose.minutes * 60, gettext("%(minutes)s min") % {"minutes": dose.minutes}


def _label(*parts):
    """A phase's label: its parts, each a phrase of its own ("left side", "set 2 of 3", "8 reps"),
    joined by a middle dot, the first letter a capital."""
    text = " · ".join(str(part) for part in parts if part)
    return text[:1].upper() + text[1:]


def _side_words(side):
    return gettext("left side") if side == SIDES[0] else gettext("right side")


def _rest_seconds(dose):
    if dose.hold_seconds is not None and dose.hold_seconds < SHORT_HOLD_SECONDS:
        return min(RELAX_SECONDS, dose.rest_seconds)
    return dose.rest_seconds


def breakdown(dose, exercise):
    """The ordered phases of `dose` (an exercises.dose.Dose) of `exercise`."""
    kind, seconds, body = _work(dose, exercise)
    tempo = (exercise.tempo_seconds or FALLBACK_TEMPO_SECONDS) if kind == Kind.REPS else None
    sides = SIDES if dose.per_side else (None,)
    rest = _rest_seconds(dose)
    ready = _label(gettext("get into position"), gettext("left side first") if dose.per_side else "")
    phases = [Phase(Kind.READY, ready, READY_SECONDS, side=sides[0], set=1, sets=dose.sets)]
    for number in range(1, dose.sets + 1):
        set_words = (
            ngettext("set %(number)s of %(sets)s", "set %(number)s of %(sets)s", dose.sets)
            % {"number": number, "sets": dose.sets}
            if dose.sets > 1
            else ""
        )
        for side in sides:
            if side == SIDES[1]:
                phases.append(
                    Phase(
                        Kind.SWITCH,
                        gettext("Switch to the right side"),
                        SWITCH_SECONDS,
                        side=side,
                        set=number,
                        sets=dose.sets,
                    )
                )
            phases.append(
                Phase(
                    kind,
                    _label(_side_words(side) if side else "", set_words, body),
                    seconds,
                    reps=dose.reps,
                    rep_hold_seconds=dose.rep_hold_seconds,
                    tempo_seconds=tempo,
                    side=side,
                    set=number,
                    sets=dose.sets,
                )
            )
        if number < dose.sets and rest:
            words = (
                gettext("Relax %(seconds)s s") if rest < dose.rest_seconds else gettext("Rest %(seconds)s s")
            )
            phases.append(
                Phase(
                    Kind.REST,
                    words % {"seconds": rest},
                    rest,
                    side=sides[0],
                    set=number + 1,
                    sets=dose.sets,
                )
            )
    return phases


def rep_seconds(phase):
    """Seconds one rep of a reps phase takes when the clock counts it: the tempo, plus its hold."""
    return phase.tempo_seconds + (phase.rep_hold_seconds or 0)


def seconds_estimate(phases):
    """About how long the phases take, with reps counted at their level's tempo (plus their holds)."""
    return sum(
        phase.seconds if phase.seconds is not None else phase.reps * rep_seconds(phase) for phase in phases
    )
