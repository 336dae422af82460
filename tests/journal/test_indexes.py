"""The diary's indexes (journal/migrations/0012_drop_redundant_fk_indexes.py): no single-column
index beside a unique constraint that leads with the same column, and the per-user reads go
through the constraints' indexes."""

from datetime import date, timedelta

import pytest
from django.db import connection

from journal import selectors
from journal.models import Entry, Tick

pytestmark = pytest.mark.django_db


def single_column_indexes(model):
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return {
        tuple(c["columns"]) for c in found.values() if c["index"] and not c["unique"] and not c["primary_key"]
    }


def test_no_index_the_unique_constraints_already_give_nor_one_never_read():
    assert ("user_id",) not in single_column_indexes(Entry)
    assert ("entry_id",) not in single_column_indexes(Tick)
    assert ("exercise_id",) not in single_column_indexes(Tick)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's EXPLAIN QUERY PLAN")
def test_a_users_ticks_are_read_through_the_constraints_indexes(alice):
    def plan(queryset):
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            return [row[-1] for row in cursor.fetchall()]

    day = date(2026, 1, 10)
    recent = Tick.objects.filter(
        entry__user=alice, entry__date__gte=day - timedelta(days=13), entry__date__lte=day
    )
    for queryset in (recent, selectors.export_ticks(user=alice), selectors.export_entries(user=alice)):
        steps = plan(queryset)
        assert not [step for step in steps if step.startswith("SCAN journal_")], steps
        assert all("sqlite_autoindex_journal_" in step for step in steps if "journal_" in step), steps
