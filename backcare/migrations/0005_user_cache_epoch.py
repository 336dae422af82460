"""Each user row gets its own random cache epoch (backcare/version_cache.py: owner).

A callable default in AddField is evaluated once for the whole table, so the column is added with
0, every existing row then draws its own value, and only then does the field take its default.
"""

import secrets

from django.db import migrations, models

import backcare.models


def draw_epochs(apps, schema_editor):
    User = apps.get_model("backcare", "User")
    rows = list(User.objects.only("pk"))
    for row in rows:
        row.cache_epoch = secrets.randbits(63)
    User.objects.bulk_update(rows, ["cache_epoch"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("backcare", "0004_user_diary_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="cache_epoch",
            field=models.BigIntegerField(default=0, editable=False),
            preserve_default=False,
        ),
        migrations.RunPython(draw_epochs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="user",
            name="cache_epoch",
            field=models.BigIntegerField(default=backcare.models.new_cache_epoch, editable=False),
        ),
    ]
