"""Reads of a user's lessons: what they have read. The lessons themselves: learn/catalog.py."""

from learn import catalog, course
from learn.models import LessonRead


def joined_on(user):
    """The course's day 1: the day the account was made, in the user's time zone."""
    return user.date_joined.astimezone(user.tzinfo).date()


def reads(*, user):
    """{lesson pk: read_at} for the user: one query, as many rows as lessons at most."""
    return dict(LessonRead.objects.filter(user=user).values_list("lesson_id", "read_at"))


def todays_lesson(*, user, today):
    """Today's lesson line (a course.Offer, or None): the lessons from the snapshot, one query."""
    lessons = catalog.course().lessons
    if not lessons:
        return None
    unlocked = course.unlocked_count(joined_on(user), today, len(lessons))
    read_ids = set(LessonRead.objects.filter(user=user).values_list("lesson_id", flat=True))
    return course.todays_lesson(lessons, read_ids, unlocked)


def export(*, user):
    """The lessons the user read, with when (the JSON export)."""
    return list(
        LessonRead.objects.filter(user=user)
        .order_by("read_at")
        .values("lesson__slug", "lesson__title", "read_at")
    )
