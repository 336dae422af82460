"""Drop three foreign-key indexes that no read needs (docs/architecture.md, "Indexes").

- `journal_entry_user_id`: the (user, date) unique constraint's index leads with the user and
  serves every read of a user's days, by date or whole (Today, History, the report, the export).
- `journal_tick_entry_id`: the (entry, exercise) unique constraint's index leads with the entry
  and serves every read of a day's ticks (the day's tick count, the fortnight's ticks, the export).
- `journal_tick_exercise_id`: no page reads ticks by exercise. What loses it: deleting a library
  exercise (admin; PROTECT) now scans the ticks to check none points at it. The library is
  reference data, loaded by migrations and nearly never deleted, so that rare scan is accepted.

Fewer indexes to keep up on every tick and check-in, and the planner can no longer choose the
single-column indexes over the constraints' (SQLite's EXPLAIN QUERY PLAN read a user's whole diary
through `journal_entry_user_id` for the CSV export's ticks). On PostgreSQL each step is a DROP
INDEX; on SQLite Django rebuilds the table, as for any altered field.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0011_exercise_tags_required"),
        ("journal", "0011_dismissal_see_clinician_note"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="entry",
            name="user",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="entries",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="tick",
            name="entry",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="ticks",
                to="journal.entry",
            ),
        ),
        migrations.AlterField(
            model_name="tick",
            name="exercise",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="exercises.exercise",
            ),
        ),
    ]
