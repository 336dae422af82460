"""One concrete dose of a level: the numbers a person does today, inside the level's ranges.

Pure: takes an `Exercise` (or anything with its dose fields) and returns plain values. The level
stores ranges (sets 2–3, reps 8–20, hold 20–30 s); a plan item works at one *dose step* inside
them, starting at the low end of every range (docs/clinical-rules.md, "Dose and schedule").
"""

from dataclasses import dataclass

# Rest between sets when a level does not say otherwise (30–60 s in the guidance: the low end).
DEFAULT_REST_SECONDS = 30


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
