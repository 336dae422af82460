from django.db import migrations

from exercises.library import load_library


def load(apps, schema_editor):
    """Each level's schedule as data (daily; N times a day; N days a week; every other day) and the
    word for one time ("breaks", "walks"), which Today's "what is due" reads."""
    load_library(apps.get_model("exercises", "Progression"), apps.get_model("exercises", "Exercise"))


class Migration(migrations.Migration):
    dependencies = [("exercises", "0007_exercise_schedule")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
