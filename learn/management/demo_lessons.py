"""The demo user's lessons: read over its days, as a real user would (`manage.py demo` calls it)."""

import random
from datetime import datetime, time, timedelta

from learn import catalog, course, selectors
from learn.models import LessonRead


def mark_demo_lessons_read(user, *, first=None, seed=7):
    """Mark the lessons open to `user` as read: most on the day each opened, some a day or two
    later, about one in ten skipped, today's left unread (so Today still offers one). Returns how
    many.

    `first`, the demo's first drawn day: the course starts the day the account was made, so an
    account made later than that is dated back to it (only ever earlier: the diary's floor,
    a year before, then still holds every drawn day).
    """
    if first is not None:
        start = datetime.combine(first, time(8), tzinfo=user.tzinfo)
        if start < user.date_joined:
            user.date_joined = start
            user.save(update_fields=["date_joined"])
    rng = random.Random(seed)
    lessons = catalog.course(refresh=True).lessons
    joined, today = selectors.joined_on(user), user.local_today()
    unlocked = course.unlocked_count(joined, today, len(lessons))
    reads = []
    for position, lesson in enumerate(lessons[:unlocked], start=1):
        day = course.opens_on(joined, position) + timedelta(days=rng.choice([0, 0, 0, 1, 2]))
        if day >= today or rng.random() < 0.1:
            continue
        at = datetime.combine(day, time(20, rng.randint(0, 59)), tzinfo=user.tzinfo)
        reads.append(LessonRead(user=user, lesson=lesson, read_at=at))
    LessonRead.objects.bulk_create(reads)
    return len(reads)
