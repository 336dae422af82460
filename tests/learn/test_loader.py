"""The loader adds missing lessons by slug and never overwrites one that exists."""

import pytest

from learn.content import LESSONS, load_lessons
from learn.models import Lesson

pytestmark = pytest.mark.django_db


def test_the_migration_loaded_every_lesson_in_order():
    assert list(Lesson.objects.values_list("slug", flat=True)) == [lesson["slug"] for lesson in LESSONS]
    assert load_lessons(Lesson) == 0  # running it again adds nothing


def test_an_edited_lesson_stays_edited_when_the_loader_runs_again():
    lesson = Lesson.objects.get(slug="sitting")
    lesson.title = "Sitting (our clinic's words)"
    lesson.body = "Edited in the admin."
    lesson.source = "Our physiotherapy team"
    lesson.order = 99
    lesson.published = False
    lesson.save()
    assert load_lessons(Lesson) == 0
    lesson.refresh_from_db()
    assert (lesson.title, lesson.body, lesson.source, lesson.order, lesson.published) == (
        "Sitting (our clinic's words)",
        "Edited in the admin.",
        "Our physiotherapy team",
        99,
        False,
    )


def test_a_missing_lesson_is_added_back_and_nothing_else_changes():
    before = {lesson.slug: (lesson.title, lesson.updated_at) for lesson in Lesson.objects.all()}
    Lesson.objects.filter(slug="imaging").delete()
    assert load_lessons(Lesson) == 1
    after = {lesson.slug: (lesson.title, lesson.updated_at) for lesson in Lesson.objects.all()}
    assert set(after) == set(before)
    assert {slug: value for slug, value in after.items() if slug != "imaging"} == {
        slug: value for slug, value in before.items() if slug != "imaging"
    }
