"""The hand-written reads (selectors._days, selectors.insight_rows) return the rows of the ORM queries
they stand for."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.db.models import F, Func, OuterRef, Subquery

from journal import selectors
from journal.history_numbers import Day
from journal.models import Entry, Tick
from tests.conftest import make_history, make_user, screen_clear

pytestmark = pytest.mark.django_db


def orm_days(user, *, first, last=date.max, newest_first=False, notes=True):
    """What selectors._days reads, through the ORM: the stored done-of-due, and the ticks counted
    (the streak's)."""
    ticked = Subquery(
        Tick.objects.filter(entry=OuterRef("pk")).order_by().values(n=Func(F("pk"), function="COUNT"))
    )
    rows = (
        Entry.objects.filter(user=user, date__gte=first, date__lte=last)
        .order_by("-date" if newest_first else "date")
        .values_list("date", "pain", "day_type", "planned", "done", "leg_symptoms", "notes", ticked)
    )
    return [Day(*row) if notes else Day(*row)._replace(notes="") for row in rows]


@pytest.fixture
def varied(db):
    """A user whose days have every kind of value: empty pain, rest and rough days, no ticks,
    leg symptoms yes / no / unanswered, notes; and a stranger with days of their own."""
    user = make_user("varied")
    screen_clear(user)
    entries = make_history(user, 60, pain=lambda n: None if n % 7 == 0 else n % 11)
    for n, entry in enumerate(entries):
        entry.day_type = [Entry.DayType.NORMAL, Entry.DayType.REST, Entry.DayType.ROUGH][n % 3]
        entry.leg_symptoms = [None, True, False][n % 3 - 1]
        entry.notes = "stiff in the morning" if n % 5 == 0 else ""
    Entry.objects.bulk_update(entries, ["day_type", "leg_symptoms", "notes"])
    Tick.objects.filter(entry__in=entries[::4]).delete()
    stranger = make_user("stranger")
    screen_clear(stranger)
    make_history(stranger, 30)
    return user


def as_plain(days):
    """Rows as plain values: SQLite hands the raw read its booleans as 0 and 1."""
    return [d._replace(leg_symptoms=None if d.leg_symptoms is None else bool(d.leg_symptoms)) for d in days]


@pytest.mark.parametrize("newest_first", [False, True])
@pytest.mark.parametrize("notes", [False, True])
def test_the_days_read_returns_the_orm_rows(varied, newest_first, notes):
    today = varied.local_today()
    for first, last in ((date.min, date.max), (today - timedelta(days=41), today + timedelta(days=1))):
        raw = selectors._days(varied, first=first, last=last, newest_first=newest_first, notes=notes)
        assert as_plain(raw) == orm_days(
            varied, first=first, last=last, newest_first=newest_first, notes=notes
        )
        assert raw  # the comparison saw rows


def test_recent_entries_and_logged_days_are_those_rows(varied):
    today = varied.local_today()
    assert as_plain(selectors.recent_entries(user=varied, day=today)) == orm_days(
        varied, first=today - timedelta(days=41), last=today + timedelta(days=1), newest_first=True
    )
    days, notes = selectors.logged_days(user=varied, since=None, details=True)
    assert as_plain(days) == orm_days(varied, first=date.min)
    assert notes == {d.date: d.notes for d in days if d.notes} != {}
    days, notes = selectors.logged_days(user=varied, since=today - timedelta(days=30))
    assert as_plain(days) == orm_days(varied, first=today - timedelta(days=30), notes=False)
    assert notes == {}


def test_the_days_read_names_no_table_by_hand():
    sql = selectors._days_sql(newest_first=False, notes=True)
    assert Entry._meta.db_table in sql and Tick._meta.db_table in sql
    assert "journal_entry" not in Path(selectors.__file__).read_text()


def orm_insight_rows(user, *, first, last):
    """What selectors.insight_rows reads, through the ORM: each day, its stored done-of-due, and its
    ticked exercises' ids."""
    ticked = {}
    for entry_id, exercise_id in Tick.objects.filter(
        entry__user=user, entry__date__gte=first, entry__date__lte=last
    ).values_list("entry_id", "exercise_id"):
        ticked.setdefault(entry_id, []).append(exercise_id)
    return [
        (day, pain, day_type, planned, done, ",".join(map(str, sorted(ticked[pk]))) if pk in ticked else None)
        for pk, day, pain, day_type, planned, done in Entry.objects.filter(
            user=user, date__gte=first, date__lte=last
        )
        .order_by("date")
        .values_list("pk", "date", "pain", "day_type", "planned", "done")
    ]


def test_the_insights_read_returns_the_orm_rows(varied):
    today = varied.local_today()
    for first, last in ((date.min, date.max), (today - timedelta(days=41), today - timedelta(days=1))):
        raw = selectors.insight_rows(user=varied, first=first, last=last)
        assert raw == orm_insight_rows(varied, first=first, last=last)
        # The comparison saw days with several ticks and days without any.
        assert any(row[5] and "," in row[5] for row in raw) and any(row[5] is None for row in raw)
    assert Entry._meta.db_table in selectors._insight_days_sql("sqlite")
    assert "STRING_AGG" in selectors._insight_days_sql("postgresql")


def test_the_insights_read_on_sqlite_needs_no_temporary_btree(varied):
    """Grouped by the date, SQLite reads the days in the (user, date) index's order: nothing to
    sort or group apart (tests run on SQLite here, on PostgreSQL in CI's second pass)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's query plan")
    today = varied.local_today()
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN QUERY PLAN " + selectors._insight_days_sql("sqlite"),
            [varied.pk, today - timedelta(days=180), today - timedelta(days=1)],
        )
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "TEMP B-TREE" not in plan and "INDEX" in plan


def test_history_days_are_the_logged_days_and_the_insights_rows_in_one_read(
    varied, django_assert_num_queries
):
    """History 30 and 90 read their days with the insights' (selectors.history_days): the same rows
    as the two reads it stands for, the days before `since` serving the insights only."""
    today = varied.local_today()
    first, last = today - timedelta(days=180), today - timedelta(days=1)
    for since in (today - timedelta(days=89), today - timedelta(days=29), first):
        with django_assert_num_queries(1):
            days, rows = selectors.history_days(user=varied, since=since, first=first, last=last)
        assert days == selectors.logged_days(user=varied, since=since)[0]
        assert rows == selectors.insight_rows(user=varied, first=first, last=last)
        assert any(d.ticked > 1 for d in days) and any(d.leg_symptoms for d in days)
    assert "leg_symptoms" in selectors._insight_days_sql("sqlite", leg_symptoms=True)
