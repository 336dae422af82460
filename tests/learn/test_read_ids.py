"""The lessons a user has read (learn/selectors.py: read_ids, behind Today's lesson line) is SQL built
once a process: its rows are the ORM query's, and another user's reads are not in them."""

import pytest
from django.utils import timezone

from learn import selectors
from learn.models import Lesson, LessonRead
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def orm_read_ids(user):
    return set(LessonRead.objects.filter(user=user).values_list("lesson_id", flat=True))


def lessons(count):
    found = list(Lesson.objects.all()[:count])
    for n in range(len(found), count):
        found.append(
            Lesson.objects.create(slug=f"lesson-{n}", order=100 + n, title="A lesson", body="Words.")
        )
    return found


def test_no_reads_read_an_empty_set(alice):
    assert selectors.read_ids(user=alice) == orm_read_ids(alice) == set()


def test_the_users_reads_read_as_the_orm_reads_them(alice):
    first, second, third = lessons(3)
    now = timezone.now()
    LessonRead.objects.create(user=alice, lesson=first, read_at=now)
    LessonRead.objects.create(user=alice, lesson=third, read_at=now)
    LessonRead.objects.create(user=make_user("bob"), lesson=second, read_at=now)
    assert selectors.read_ids(user=alice) == orm_read_ids(alice) == {first.pk, third.pk}
