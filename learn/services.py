"""Writes of the lessons part: a read recorded."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from backcare import diary_version
from learn.models import LessonRead


def lesson_read_record(*, user, lesson):
    """Record that the user read `lesson` (once: a second read keeps the first date).

    Returns (the read, created). A double tap racing itself is caught on the unique constraint.
    """
    try:
        with transaction.atomic():
            diary_version.changed(user)  # Today's lesson line shows it
            return LessonRead.objects.get_or_create(
                user=user, lesson=lesson, defaults={"read_at": timezone.now()}
            )
    except IntegrityError:
        return LessonRead.objects.get(user=user, lesson=lesson), False
