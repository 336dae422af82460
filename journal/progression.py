"""When to suggest the next level or a step back: pure functions over rows already fetched.

The rules (LIBRARY.md, after Silbernagel's pain-monitoring model) live here and only here:
- up one level after 3 sessions at full dose with pain during at most 3 and the next morning's
  pain no more than 1 point above the usual (baseline);
- hold when pain during is 4-5 but settled by the morning;
- step back when pain during is above 5, the next morning is 2+ above the usual, or pain rose two
  days running.
Evidence is only the ticks of the current level since the plan item's `since` date that carry a
pain-during score. The user always decides; nothing here writes.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import NamedTuple

from journal.pain import usual_pain

UP_SESSIONS = 3
SAFE_DURING = 3
TOO_MUCH_DURING = 5
UP_MORNING_MARGIN = 1
DOWN_MORNING_MARGIN = 2
DISMISS_DAYS = 3


class Session(NamedTuple):
    """One tick of an exercise: the day, pain during (0-10 or None) and whether the full dose was done."""

    date: object
    pain_during: int | None
    full_dose: bool = True


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "up" or "down"
    reason: str


def _fmt(value):
    return f"{value:g}"


def evidence(sessions, since):
    """Sessions that count: on or after `since`, with a pain-during score, oldest first."""
    return sorted(
        (s for s in sessions if s.date >= since and s.pain_during is not None), key=lambda s: s.date
    )


def _pain_by_day(entries):
    return {e.date: e.pain for e in entries if e.pain is not None}


def _rose_two_days_running(pains, today):
    """Pain went up on each of the last two days with a check-in on consecutive days."""
    days = [today - timedelta(days=offset) for offset in (2, 1, 0)]
    if not all(day in pains for day in days):
        days = [today - timedelta(days=offset) for offset in (3, 2, 1)]
        if not all(day in pains for day in days):
            return None
    first, second, third = (pains[day] for day in days)
    if first < second < third:
        return first, third
    return None


def suggest(*, sessions, entries, since, level, top_level, today, paused=False, dismissed=frozenset()):
    """The suggestion for one plan item, or None.

    sessions: Session rows of the current exercise; entries: the user's recent days (date, pain,
    day_type); level / top_level: the current and the highest level of the progression;
    paused: level-up is paused (rough day, safety banner); dismissed: kinds the user said "not now" to.
    """
    counted = evidence(sessions, since)
    pains = _pain_by_day(entries)
    down = None if level <= 1 or "down" in dismissed else _step_down_reason(counted, entries, pains, today)
    if down:
        return Suggestion("down", down)
    if level >= top_level or paused or "up" in dismissed:
        return None
    up = _level_up_reason(counted, entries, pains)
    return Suggestion("up", up) if up else None


def _step_down_reason(counted, entries, pains, today):
    recent = [s for s in counted if s.date >= today - timedelta(days=2)]
    if recent and recent[-1].pain_during > TOO_MUCH_DURING:
        return (
            f"Pain during the exercise was {recent[-1].pain_during} on {recent[-1].date:%-d %b}: "
            f"above {TOO_MUCH_DURING} is more than your back wants right now."
        )
    if recent:
        last = recent[-1]
        morning = pains.get(last.date + timedelta(days=1))
        usual = usual_pain(entries, last.date)
        if morning is not None and usual is not None and morning >= usual + DOWN_MORNING_MARGIN:
            return (
                f"The morning after your last session your pain was {morning}, "
                f"{_fmt(morning - usual)} above your usual {_fmt(usual)}."
            )
    if counted and counted[-1].date >= today - timedelta(days=7):
        rose = _rose_two_days_running(pains, today)
        if rose:
            return f"Your pain has risen two days running, from {rose[0]} to {rose[1]}."
    return None


def _level_up_reason(counted, entries, pains):
    if len(counted) < UP_SESSIONS:
        return None
    last = counted[-UP_SESSIONS:]
    if not all(s.full_dose and s.pain_during <= SAFE_DURING for s in last):
        return None
    usuals = []
    for session in last:
        morning = pains.get(session.date + timedelta(days=1))
        usual = usual_pain(entries, session.date)
        if morning is None or usual is None or morning > usual + UP_MORNING_MARGIN:
            return None
        usuals.append(usual)
    return (
        f"{UP_SESSIONS} sessions at full dose, pain during {SAFE_DURING} or less, "
        f"mornings no more than {UP_MORNING_MARGIN} above your usual {_fmt(usuals[-1])}."
    )
