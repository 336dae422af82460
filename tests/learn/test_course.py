"""The course's rules (learn/course.py): pure, no database."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from learn import course

JOINED = date(2026, 3, 1)
LESSONS = [SimpleNamespace(pk=10 + n, slug=f"l{n}") for n in range(1, 17)]


@pytest.mark.parametrize(
    ("offset", "day", "unlocked"),
    [(-3, 1, 2), (0, 1, 2), (1, 2, 3), (13, 14, 15), (14, 15, 16), (15, 16, 16), (400, 401, 16)],
)
def test_two_lessons_on_day_one_then_one_a_day(offset, day, unlocked):
    today = JOINED + timedelta(days=offset)
    assert course.course_day(JOINED, today) == day
    assert course.unlocked_count(JOINED, today, 16) == unlocked


def test_day_one_opens_two_lessons_and_no_third():
    # Holds: the first two open on the day the account was made. Breaks: a third one that day.
    assert course.unlocked_count(JOINED, JOINED, 16) == 2
    assert course.opens_on(JOINED, 1) == course.opens_on(JOINED, 2) == JOINED
    assert course.opens_on(JOINED, 3) == JOINED + timedelta(days=1)


def test_a_course_shorter_than_day_one_opens_what_there_is():
    assert course.unlocked_count(JOINED, JOINED, 1) == 1


def test_an_empty_course_opens_nothing():
    assert course.unlocked_count(JOINED, JOINED, 0) == 0
    assert course.todays_lesson([], set(), 0) is None


def test_across_a_month_and_a_leap_day():
    assert course.unlocked_count(date(2028, 2, 28), date(2028, 3, 1), 16) == 4
    assert course.opens_on(date(2028, 2, 28), 4) == date(2028, 3, 1)
    assert course.opens_on(JOINED, 1) == JOINED


def test_today_offers_the_first_unread_open_lesson():
    offer = course.todays_lesson(LESSONS, read_ids=set(), unlocked=2)
    assert (offer.lesson.slug, offer.position, offer.read, offer.waiting) == ("l1", 1, False, 2)
    # Day 1, the first read: the second one that opened today is offered.
    offer = course.todays_lesson(LESSONS, read_ids={11}, unlocked=2)
    assert (offer.lesson.slug, offer.position, offer.read, offer.waiting) == ("l2", 2, False, 1)
    # Day 5, lessons 1 and 3 read: lesson 2 comes first, 3 unread wait.
    offer = course.todays_lesson(LESSONS, read_ids={11, 13}, unlocked=5)
    assert (offer.lesson.slug, offer.position, offer.read, offer.waiting) == ("l2", 2, False, 3)


def test_all_open_lessons_read_shows_the_newest_as_read():
    offer = course.todays_lesson(LESSONS, read_ids={11, 12, 13}, unlocked=3)
    assert (offer.lesson.slug, offer.read, offer.waiting, offer.total) == ("l3", True, 0, 16)
    done = course.todays_lesson(LESSONS, read_ids={lesson.pk for lesson in LESSONS}, unlocked=16)
    assert done.position == done.total == 16 and done.read


def test_rows_say_read_unread_or_locked_with_dates():
    rows = course.rows(LESSONS[:4], {11: "read-at"}, joined=JOINED, unlocked=2)
    assert [row.state for row in rows] == ["read", "unread", "locked", "locked"]
    assert rows[0].read_at == "read-at" and rows[1].read_at is None
    assert rows[1].opens == JOINED and rows[3].opens == JOINED + timedelta(days=2)


def test_days_until_a_lesson_opens():
    assert course.days_until(JOINED + timedelta(days=3), JOINED) == 3
    assert course.days_until(JOINED + timedelta(days=1), JOINED) == 1
    # Open already (today or before): no days to wait, never a negative count.
    assert course.days_until(JOINED, JOINED) == 0
    assert course.days_until(JOINED - timedelta(days=2), JOINED) == 0
