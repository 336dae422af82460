"""The loader adds missing lessons by slug and never overwrites one that exists."""

import pytest

from learn.content import LESSONS, fingerprint, load_lessons, shipped, update_shipped_lessons
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


# A correction to shipped lessons (update_shipped_lessons, the data migration 0003 runs it).


def ship_old(slug, **old):
    """Make the row look as an earlier release shipped it; returns the fingerprints of that."""
    Lesson.objects.filter(slug=slug).update(**old)
    return {field: fingerprint(value) for field, value in old.items()}


def test_a_row_as_shipped_before_gets_the_corrected_text_and_order():
    before = {"medicines": ship_old("medicines", body="Old words.", source="Old source", order=40)}
    stamp = Lesson.objects.get(slug="medicines").updated_at
    assert update_shipped_lessons(Lesson, before) == ["medicines"]
    lesson = Lesson.objects.get(slug="medicines")
    now = shipped()["medicines"]
    assert (lesson.body, lesson.source, lesson.order) == (now["body"], now["source"], now["order"])
    assert lesson.updated_at > stamp  # every process rebuilds its lessons snapshot


def test_a_field_edited_in_the_admin_keeps_the_edit_and_the_others_are_corrected():
    before = {"medicines": ship_old("medicines", body="Old words.", source="Old source")}
    Lesson.objects.filter(slug="medicines").update(body="Our clinic's words.")
    assert update_shipped_lessons(Lesson, before) == ["medicines"]
    lesson = Lesson.objects.get(slug="medicines")
    assert lesson.body == "Our clinic's words." and lesson.source == shipped()["medicines"]["source"]


def test_a_field_not_named_is_left_alone_and_running_again_changes_nothing():
    Lesson.objects.filter(slug="work").update(title="Our title")
    before = {"work": ship_old("work", body="Old words.")}
    assert update_shipped_lessons(Lesson, before) == ["work"]
    assert Lesson.objects.get(slug="work").title == "Our title"
    assert update_shipped_lessons(Lesson, before) == []


def test_a_new_database_and_an_unknown_or_deleted_slug_change_nothing():
    stamps = dict(Lesson.objects.values_list("slug", "updated_at"))
    Lesson.objects.filter(slug="imaging").delete()
    before = {
        "imaging": {"body": fingerprint("x")},
        "no-such": {"order": 1},
        "work": {"body": fingerprint("x")},
    }
    assert update_shipped_lessons(Lesson, before) == []
    assert not Lesson.objects.filter(slug="imaging").exists()
    assert {slug: stamps[slug] for slug in Lesson.objects.values_list("slug", flat=True)} == dict(
        Lesson.objects.values_list("slug", "updated_at")
    )
