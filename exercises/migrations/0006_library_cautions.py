from django.db import migrations

from exercises.library import load_library


def load(apps, schema_editor):
    """The cautions the content brief gives for the dead bug (legs), the full bird-dog and the two-leg
    bridge, which had been written as tips."""
    load_library(apps.get_model("exercises", "Progression"), apps.get_model("exercises", "Exercise"))


class Migration(migrations.Migration):
    dependencies = [("exercises", "0005_library_tips")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
