from django.db import migrations

from learn.content import load_lessons


def load(apps, schema_editor):
    """The first course: adds the lessons whose slug is missing, never changes one that exists."""
    load_lessons(apps.get_model("learn", "Lesson"))


class Migration(migrations.Migration):
    dependencies = [("learn", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
