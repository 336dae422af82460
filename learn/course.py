"""The course's rules: which lessons are open on a day, and which one Today offers. Pure: no query.

Day 1 of the course is the day the account was made, in the user's time zone. On day 1 the first
two lessons (in the course's order) are open, "When to get help" and "Your flare plan": both are
wanted before the first bad day, not on day 5. After that one more opens each day, so on day N the
first N + 1 are open. Today offers the first open lesson not yet read, so someone who missed a few
days catches up in order; once every open lesson is read, it shows the newest one as read.
"""

from dataclasses import dataclass
from datetime import date, timedelta

# How many lessons are open on day 1; one more opens on each day after.
OPEN_ON_DAY_ONE = 2


def course_day(joined: date, today: date) -> int:
    """Which day of the course `today` is: 1 on the day the account was made (never below 1)."""
    return max(1, (today - joined).days + 1)


def unlocked_count(joined: date, today: date, total: int) -> int:
    """How many lessons are open today: OPEN_ON_DAY_ONE on day 1, then one more a day, at most all."""
    return min(total, course_day(joined, today) + OPEN_ON_DAY_ONE - 1) if total > 0 else 0


def opens_on(joined: date, position: int) -> date:
    """The day the lesson at `position` (1 = the first) opens: day 1 for the first OPEN_ON_DAY_ONE."""
    return joined + timedelta(days=max(position - OPEN_ON_DAY_ONE, 0))


def days_until(opens: date, today: date) -> int:
    """How many days from `today` until a lesson that opens on `opens` does (0 once it is open)."""
    return max(0, (opens - today).days)


@dataclass(frozen=True)
class Offer:
    """Today's lesson: the lesson, its place in the course, whether it is read, how many wait."""

    lesson: object
    position: int
    total: int
    read: bool
    waiting: int  # open lessons not yet read, this one included


def todays_lesson(lessons, read_ids, unlocked):
    """The lesson Today shows (an Offer), or None when no lesson is open (an empty course)."""
    open_lessons = list(lessons[:unlocked])
    if not open_lessons:
        return None
    unread = [(n, lesson) for n, lesson in enumerate(open_lessons, start=1) if lesson.pk not in read_ids]
    if unread:
        position, lesson = unread[0]
        return Offer(lesson, position, len(lessons), read=False, waiting=len(unread))
    return Offer(open_lessons[-1], len(open_lessons), len(lessons), read=True, waiting=0)


@dataclass(frozen=True)
class Row:
    """A line of the lessons page."""

    lesson: object
    position: int
    state: str  # "read", "unread" or "locked"
    read_at: object = None
    opens: date | None = None


def rows(lessons, reads, *, joined, unlocked):
    """Every lesson with its state; `reads` maps a lesson's pk to when it was read."""
    return [
        Row(
            lesson,
            n,
            "locked" if n > unlocked else ("read" if lesson.pk in reads else "unread"),
            read_at=reads.get(lesson.pk),
            opens=opens_on(joined, n),
        )
        for n, lesson in enumerate(lessons, start=1)
    ]
