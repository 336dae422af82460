from django.db import migrations

from exercises.library import load_library


def load(apps, schema_editor):
    """Each rep-counted level's tempo (the seconds one rep takes when the guided session counts it)."""
    load_library(apps.get_model("exercises", "Progression"), apps.get_model("exercises", "Exercise"))


class Migration(migrations.Migration):
    dependencies = [("exercises", "0012_exercise_tempo_seconds")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
