from django.conf import settings
from django.db import models


class Lesson(models.Model):
    """A one-minute lesson: reference content, the same for everyone (learn/content.py ships them).

    `body` is plain text: paragraphs separated by a blank line, a line starting with "- " is a list
    item, and `{emergency_words}`, `{emergency_number}` and `{urgent_words}` are filled with the
    reader's own country's care words (learn/text.py). Edited in the admin; the loader never
    overwrites a lesson that exists.
    """

    slug = models.SlugField(max_length=80, unique=True)
    order = models.PositiveIntegerField(
        help_text="The course runs in this order: one more lesson opens each day."
    )
    title = models.CharField(max_length=120)
    body = models.TextField(
        help_text=(
            "About 120 to 180 words. A blank line starts a new paragraph; a line starting with '- ' "
            "is a list item. {emergency_words}, {emergency_number} and {urgent_words} become the "
            "reader's own country's care words. Never a medicine dose."
        )
    )
    source = models.CharField(max_length=300, help_text="Where the facts come from, named.")
    published = models.BooleanField(
        default=True, help_text="Untick to take a lesson out of the course (deleting it brings it back)."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class LessonRead(models.Model):
    """The user said they read a lesson (the "I've read this" button): once per lesson."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_reads")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="reads")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="one_read_per_lesson")]

    def __str__(self):
        return f"{self.user} read {self.lesson}"
