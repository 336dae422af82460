from django.apps import AppConfig


class LearnConfig(AppConfig):
    name = "learn"
    verbose_name = "Lessons"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from learn import catalog
        from learn.models import Lesson

        # A lesson edited in this process is seen at once; other processes see it on their next check.
        post_save.connect(catalog.clear, sender=Lesson, dispatch_uid="lessons-save")
        post_delete.connect(catalog.clear, sender=Lesson, dispatch_uid="lessons-delete")
