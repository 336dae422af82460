"""The published lessons as one read-only snapshot per process, keyed by a content version.

The same pattern as the exercise library's snapshot (exercises/catalog.py): every user reads the
same dozen or so lessons, so pages (Today's lesson line above all) look them up here instead of
querying them. The snapshot is rebuilt when the lessons' version changes: saving or deleting a
lesson in this process drops it at once (learn/apps.py), another process notices within
`LIBRARY_RECHECK_SECONDS` (one small query). Never anything per user here.

Titles and bodies are stored in English (learn/content.py marks each line for the catalogues);
`course()` hands out the active language's snapshot, translated from the English one once per
language with no query, line by line (exercises/catalog.py: `translate_lines`): a line the
catalogue lacks (an admin's edit) stays English, never a blank. Sources stay as cited.

The objects handed out are shared between requests: read them, never change them.
"""

import copy
from dataclasses import dataclass

from django.db.models import Count, Max

from backcare.snapshot import Snapshot, Translated
from exercises.catalog import translate_lines
from learn.models import Lesson


@dataclass(frozen=True, repr=False)
class Course:
    version: tuple
    lessons: tuple  # published, in the course's order
    by_slug: dict  # slug -> (position from 1, lesson)


def _version():
    """What changes whenever a lesson is added, edited (published or not) or removed."""
    found = Lesson.objects.aggregate(n=Count("pk"), latest=Max("updated_at"))
    return (found["n"], found["latest"])


def _build(version):
    lessons = tuple(Lesson.objects.filter(published=True).order_by("order", "pk"))
    return Course(
        version=version,
        lessons=lessons,
        by_slug={lesson.slug: (n, lesson) for n, lesson in enumerate(lessons, start=1)},
    )


_snapshot = Snapshot(_version, _build)


def _translated(lesson):
    found = copy.copy(lesson)
    found.title = translate_lines(lesson.title)
    found.body = translate_lines(lesson.body)
    return found


def _translate(course):
    lessons = tuple(_translated(lesson) for lesson in course.lessons)
    return Course(
        version=course.version,
        lessons=lessons,
        by_slug={lesson.slug: (n, lesson) for n, lesson in enumerate(lessons, start=1)},
    )


_course = Translated(_snapshot, _translate)


def course(*, refresh=False):
    """The current snapshot in the active language; `refresh=True` checks the content version now."""
    return _course.get(refresh=refresh)


def clear(**kwargs):
    """Forget the snapshot (connected to the Lesson model's save and delete signals)."""
    _course.clear()


def find(slug):
    """(position, lesson) for a published lesson's slug, re-reading once if the snapshot lacks it;
    None for a slug that is not a published lesson."""
    found = course().by_slug.get(slug)
    return found if found is not None else course(refresh=True).by_slug.get(slug)
