"""Reads of a user's lessons: what they have read. The lessons themselves: learn/catalog.py."""

from functools import cache

from django.db import connection

from backcare.sql import column, table
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
    return course.todays_lesson(lessons, read_ids(user=user), unlocked)


def read_ids(*, user):
    """The pks of the lessons the user has read, as a set: one query.

    Hand-written (`_read_ids_sql`, built once a process from the model's own table and column
    names): Today reads it on every load; through the ORM (`values_list`) 0.15 ms CPU a call in
    process, nearly all of it building and compiling the SELECT; this SQL 0.014 ms. The rows are
    the ORM's (tests/learn/test_read_ids.py compares them)."""
    with connection.cursor() as cursor:
        cursor.execute(_read_ids_sql(), [user.pk])
        return {row[0] for row in cursor.fetchall()}


@cache
def _read_ids_sql():
    """The SQL of `read_ids`: the lesson column of the user's rows."""
    lesson, user = (column(LessonRead, name) for name in ("lesson", "user"))
    return f"SELECT {lesson} FROM {table(LessonRead)} WHERE {user} = %s"


def export(*, user):
    """The lessons the user read, with when (the JSON export)."""
    return list(
        LessonRead.objects.filter(user=user)
        .order_by("read_at")
        .values("lesson__slug", "lesson__title", "read_at")
    )
