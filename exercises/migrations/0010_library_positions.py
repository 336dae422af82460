from django.db import migrations

from exercises.library import load_library


def load(apps, schema_editor):
    """Each level's positions, equipment tags and whether it bends the low back backwards, which the
    safety rules read (exercises/positions.py), before the next migration makes them required."""
    load_library(apps.get_model("exercises", "Progression"), apps.get_model("exercises", "Exercise"))


class Migration(migrations.Migration):
    dependencies = [("exercises", "0009_exercise_positions_equipment_tags")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
