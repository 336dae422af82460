"""The demo user's lessons: read over its days, as a real user would (`manage.py demo` calls it)."""

import random
from datetime import datetime, time, timedelta

from learn import catalog, course, selectors
from learn.models import LessonRead


def mark_demo_lessons_read(user, *, seed=7):
    """Mark the lessons open to `user` as read: most on the day each opened, some a day or two
    later, the newest one or two left unread (so Today still offers one). Returns how many."""
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
