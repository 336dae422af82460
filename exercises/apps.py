from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "exercises"
    verbose_name = "Exercise library"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from exercises import catalog
        from exercises.models import Exercise, Progression

        # A library edit in this process is seen at once; other processes see it on their next check.
        for model in (Exercise, Progression):
            post_save.connect(catalog.clear, sender=model, dispatch_uid=f"catalog-save-{model.__name__}")
            post_delete.connect(catalog.clear, sender=model, dispatch_uid=f"catalog-delete-{model.__name__}")
