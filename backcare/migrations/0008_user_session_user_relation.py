"""`UserSession.user_id` becomes the column of a relation to its user (no database constraint), so
the session store reads a session with its user in one join (backcare/sessions.py). The column,
its type and its index stay as they are: only Django's idea of the field changes."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("backcare", "0007_user_psfs_version"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="usersession", name="user_id"),
                migrations.AddField(
                    model_name="usersession",
                    name="user",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
