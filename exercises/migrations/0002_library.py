from django.db import migrations

from exercises.library import load_library


def load(apps, schema_editor):
    load_library(apps.get_model("exercises", "Progression"), apps.get_model("exercises", "Exercise"))


class Migration(migrations.Migration):
    dependencies = [("exercises", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
