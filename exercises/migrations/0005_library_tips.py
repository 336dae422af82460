from django.db import migrations

from exercises.library import load_library


def load(apps, schema_editor):
    """Tips apart from cautions, and no cause or cure claims: every row whose text changed is saved,
    so its updated_at moves and running processes rebuild their library snapshot."""
    load_library(apps.get_model("exercises", "Progression"), apps.get_model("exercises", "Exercise"))


class Migration(migrations.Migration):
    dependencies = [("exercises", "0004_exercise_tips")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
