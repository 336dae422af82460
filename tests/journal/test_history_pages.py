import csv
import io
import json
import re
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from backcare.models import User, UserSession
from exercises import catalog
from journal import history_numbers, services
from journal.days import first_day
from journal.models import Entry, LevelChange, PlanItem, Tick
from tests.conftest import PASSWORD, make_history, queries_by_history_length, screen_clear

pytestmark = pytest.mark.django_db


def test_history_shows_the_chart_rows_adherence_and_streak(alice_today, screened_alice):
    make_history(screened_alice, 20, pain=lambda n: 6 if n < 7 else 3)
    response = alice_today.get(reverse("journal:history"))
    body = response.content.decode()
    assert response.status_code == 200
    for hook in ("pain-chart", "adherence", "streak", "history-row", "pain-data"):
        assert hook in body
    assert body.count('data-testid="history-row"') == 20
    assert "20 days" in body  # the streak
    assert "a real improvement" in body
    data = json.loads(body.split('id="pain-data" type="application/json">')[1].split("</script>")[0])
    assert len(data["labels"]) == 90 and data["pain"][-1] is None and data["pain"][-2] == 3


def test_history_range_links_and_a_bad_range_falls_back(alice_today, screened_alice):
    make_history(screened_alice, 40)
    body = alice_today.get(reverse("journal:history") + "?range=30").content.decode()
    assert body.count('data-testid="history-row"') == 29  # the last 30 days: 29 logged, today not yet
    assert alice_today.get(reverse("journal:history") + "?range=<script>").status_code == 200


def test_history_rows_are_paginated(alice_today, screened_alice):
    make_history(screened_alice, 80)
    first = alice_today.get(reverse("journal:history")).content.decode()
    second = alice_today.get(reverse("journal:history") + "?page=2").content.decode()
    assert first.count('data-testid="history-row"') == 30
    assert second.count('data-testid="history-row"') == 30
    assert alice_today.get(reverse("journal:history") + "?page=abc").status_code == 200


@pytest.mark.parametrize("name", ["journal:history", "journal:report"])
@pytest.mark.parametrize("days", [1, 1825], ids=["one-day", "five-years"])
def test_history_pages_cost_four_queries_and_the_report_seven(
    alice_today, screened_alice, django_assert_num_queries, name, days
):
    make_history(screened_alice, days)
    # the session with its user (one join), safety screen, logged days; the first page: the PSFS
    # ratings (cached after it), and History 90 reads its logged days with the insights' 180 days
    # and their ticks, one query (selectors.history_days; five queries before); the report: safety
    # screens, plan, level changes. The second page finds the latest safety screen and the insights kept.
    catalog.catalog()  # the exercise library, read once per process (History's insights name families)
    for suffix in ("", "?range=all"):
        queries = (4 if not suffix else 2) if name == "journal:history" else (7 if not suffix else 5)
        # Streak days only when the streak reaches back past the days read: five years of daily
        # ticks, on a range shorter than "all".
        longer_streak = days > 1 and not suffix
        with django_assert_num_queries(queries + longer_streak):
            response = alice_today.get(reverse(name) + suffix)
        assert response.status_code == 200


def test_history_query_count_is_the_same_for_one_day_and_five_years(client, django_assert_num_queries):
    catalog.catalog()  # read once per process, before either user's pages
    counts = []
    for days, name in ((1, "short"), (1825, "long")):
        user = User.objects.create_user(name, f"{name}@example.com", PASSWORD)
        screen_clear(user)
        make_history(user, days)
        client.force_login(user)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        for url in (reverse("journal:history"), reverse("journal:report")):
            with CaptureQueriesContext(connection) as ctx:
                client.get(url + "?range=all")
            counts.append((days, url, len(ctx.captured_queries)))
    short = [c for d, _, c in counts if d == 1]
    long = [c for d, _, c in counts if d == 1825]
    assert short == long, counts


def test_report_shows_levels_changes_safety_and_notes(alice_today, screened_alice):
    make_history(screened_alice, 10)
    Entry.objects.filter(user=screened_alice).update(notes="<b>tight</b> after gardening")
    item = PlanItem.objects.filter(user=screened_alice).first()
    LevelChange.objects.create(
        user=screened_alice,
        plan_item=item,
        from_exercise=item.exercise,
        to_exercise=item.exercise,
        direction="up",
        reason="3 sessions at full dose",
    )
    body = alice_today.get(reverse("journal:report")).content.decode()
    assert 'data-testid="report"' in body
    assert "alice" in body and "3 sessions at full dose" in body
    assert "Clear" in body  # the safety screen
    assert "&lt;b&gt;tight&lt;/b&gt; after gardening" in body
    assert "<svg" in body


NASTY = 'Commas, "quotes",\nnew lines, ünïcødé ✓ and =SUM(A1:A9)'


def test_the_csv_round_trips(alice_today, screened_alice):
    entries = make_history(screened_alice, 5)
    Entry.objects.filter(pk=entries[0].pk).update(notes=NASTY)
    Entry.objects.create(
        user=screened_alice, date=screened_alice.local_today(), pain=None, notes="-2 is not a formula"
    )
    response = alice_today.get(reverse("journal:export_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    ticks = Tick.objects.filter(entry__user=screened_alice).count()
    entries_without_ticks = Entry.objects.filter(user=screened_alice, ticks__isnull=True).count()
    assert len(rows) == ticks + entries_without_ticks
    tick_rows = {(r["date"], r["exercise"]) for r in rows if r["exercise"]}
    assert len(tick_rows) == ticks
    assert {r["date"] for r in rows} == {
        e.date.isoformat() for e in Entry.objects.filter(user=screened_alice)
    }
    nasty = next(r for r in rows if r["notes"].startswith("Commas"))
    assert nasty["notes"] == NASTY
    today_row = next(r for r in rows if r["date"] == screened_alice.local_today().isoformat())
    assert today_row["notes"] == "'-2 is not a formula" and today_row["pain"] == ""


def test_a_formula_note_is_defused():
    from backcare.export import safe_cell

    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert safe_cell(start + "1+1") == "'" + start + "1+1"
    assert safe_cell("fine") == "fine"


def test_the_json_export_has_everything_the_user_owns(alice_today, screened_alice, bob):
    make_history(screened_alice, 3)
    screen_clear(bob)
    make_history(bob, 2)
    data = json.loads(alice_today.get(reverse("journal:export_json")).content)
    assert data["user"]["username"] == "alice"
    assert len(data["entries"]) == 3 and len(data["plan"]) == 7
    assert len(data["ticks"]) == Tick.objects.filter(entry__user=screened_alice).count()
    assert len(data["safety_screens"]) == 1


def test_another_users_data_never_shows(client, screened_alice, bob):
    make_history(screened_alice, 3)
    Entry.objects.filter(user=screened_alice).update(notes="alice-secret-note")
    screen_clear(bob)
    client.force_login(bob)
    for url in (
        reverse("journal:history"),
        reverse("journal:report"),
        reverse("journal:today"),
        reverse("journal:export_json"),
    ):
        assert "alice-secret-note" not in client.get(url).content.decode()
    csv_body = b"".join(client.get(reverse("journal:export_csv")).streaming_content).decode()
    assert "alice-secret-note" not in csv_body


def owned_rows(user_id):
    """Every row in every table that points at the user, directly or through an entry/plan item."""
    found = {}
    for model in apps.get_models():
        for field in model._meta.fields:
            if field.is_relation and field.related_model is User:
                count = model.objects.filter(**{field.name: user_id}).count()
                if count:
                    found[model._meta.label] = count
    found["journal.Tick"] = Tick.objects.filter(entry__user_id=user_id).count() or None
    return {k: v for k, v in found.items() if v}


def test_deleting_the_account_removes_every_row_and_every_session(client, screened_alice):
    make_history(screened_alice, 10)
    other = Client()
    other.force_login(screened_alice)
    client.force_login(screened_alice)
    assert owned_rows(screened_alice.pk)
    response = client.post(reverse("journal:delete_account"), {"password": PASSWORD}, follow=True)
    assert "have been deleted" in response.content.decode()
    assert not User.objects.filter(pk=screened_alice.pk).exists()
    assert owned_rows(screened_alice.pk) == {}
    assert UserSession.objects.count() == 0
    assert other.get(reverse("journal:today")).status_code == 302


def test_a_wrong_password_deletes_nothing(alice_today, screened_alice):
    response = alice_today.post(reverse("journal:delete_account"), {"password": "nope"}, follow=True)
    assert "nothing was deleted" in response.content.decode()
    assert User.objects.filter(pk=screened_alice.pk).exists()


def test_delete_rejects_get(alice_today):
    assert alice_today.get(reverse("journal:delete_account")).status_code == 405


def test_demo_command_builds_a_history(db):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = io.StringIO()
    call_command("demo", "--username", "demo", "--password", "pw-demo-123", "--days", "60", stdout=out)
    user = User.objects.get(username="demo")
    assert "log in as demo" in out.getvalue()
    assert 50 <= Entry.objects.filter(user=user).count() <= 60
    assert Tick.objects.filter(entry__user=user).exists()
    assert user.check_password("pw-demo-123")
    # Its plan history: one open period per item, at the item's level, and each level change ends one.
    from journal.models import LevelChange, PlanItem, PlanPeriod

    open_periods = dict(PlanPeriod.objects.filter(user=user, end=None).values_list("plan_item", "exercise"))
    assert open_periods == dict(PlanItem.objects.filter(user=user).values_list("pk", "exercise"))
    assert (
        PlanPeriod.objects.filter(user=user).exclude(end=None).count()
        == LevelChange.objects.filter(user=user).count()
    )
    with pytest.raises(CommandError, match="exists already"):
        call_command("demo", "--username", "demo", "--days", "5", stdout=out)
    call_command("demo", "--username", "demo", "--days", "5", "--replace", stdout=out)
    assert Entry.objects.filter(user__username="demo").count() <= 5


def test_the_no_js_table_shows_the_series(alice_today, screened_alice):
    make_history(screened_alice, 10, pain=lambda n: 5)
    body = alice_today.get(reverse("journal:history")).content.decode()
    table = body.split('data-testid="pain-table"')[1].split("</table>")[0]
    yesterday = (screened_alice.local_today() - timedelta(days=1)).isoformat()
    assert f"<tr><td>{yesterday}</td><td>5</td><td>5.0</td></tr>" in table
    assert "None" not in table


def test_the_day_rows_and_the_calendar_say_what_each_day_was(alice_today, screened_alice):
    make_history(screened_alice, 5, pain=lambda n: 4)
    today = screened_alice.local_today()
    ago = [today - timedelta(days=n) for n in range(6)]
    Entry.objects.filter(user=screened_alice, date=ago[2]).update(day_type="rest")
    Entry.objects.filter(user=screened_alice, date=ago[3]).update(day_type="rough", pain=None)
    body = alice_today.get(reverse("journal:history")).content.decode()
    rows = body.split('<ul class="list-unstyled day-list">')[1].split("</ul>")[0]
    assert rows.count('data-testid="history-row"') == 5
    yesterday = reverse("journal:day", kwargs={"day": ago[1].isoformat()})
    assert f'<a href="{yesterday}"><span class="day-date">{ago[1]:%a %-d %b %Y}</span>' in rows
    assert '<span class="day-pain">pain 4</span>' in rows
    assert '<span class="day-done">3 of 7 done</span>' in rows
    assert '<span class="day-done">rest day</span>' in rows
    assert '<span class="day-pain">no pain number</span>' in rows
    assert '<span class="day-done">0 of 7 done · rough day</span>' not in rows  # it keeps its ticks
    assert '<span class="day-done">3 of 7 done · rough day</span>' in rows
    assert rows.index(ago[1].isoformat()) < rows.index(ago[5].isoformat())  # newest first

    calendar = body.split('<table class="calendar"')[1].split("</table>")[0]
    assert calendar.count("<tr>") == 1 + 12 and calendar.count("<td ") == 84
    label = f"{ago[1]:%a %-d %b}: partly, pain 4"
    assert (
        f'<td class="cal-partly pain-4" title="{label}"><a href="{yesterday}">'
        f'<span class="cal-day" aria-hidden="true">{ago[1].day}</span>'
        f'<span class="cal-mark" aria-hidden="true">½</span><span class="visually-hidden">{label}</span></a></td>'
    ) in calendar
    assert f'title="{ago[2]:%a %-d %b}: rest, pain 4"' in calendar
    assert f'<td class="cal-rough" title="{ago[3]:%a %-d %b}: rough">' in calendar
    assert f'<td class="cal-none" title="{ago[0] - timedelta(days=6):%a %-d %b}: none">' in calendar
    if today.weekday() < 6:  # the rest of this week is still to come: no link
        assert '<td class="cal-future" title="' in calendar and "future</span>" not in calendar


def calendar_of(body):
    return body.split('<table class="calendar"')[1].split("</table>")[0]


def test_the_calendar_names_its_months_and_links_every_day_up_to_today(alice_today, screened_alice):
    make_history(screened_alice, 3)
    today = screened_alice.local_today()
    calendar = calendar_of(alice_today.get(reverse("journal:history")).content.decode())
    rows = calendar.split("<tbody>")[1].split("</tr>")[:-1]
    assert len(rows) == 12
    monday = today - timedelta(days=today.weekday()) - timedelta(weeks=11)
    for n, row in enumerate(rows):
        week = [monday + timedelta(weeks=n, days=k) for k in range(7)]
        firsts = [day for day in week if day.day == 1]
        named = f"{firsts[0]:%b}" if firsts else (f"{week[0]:%b}" if n == 0 else "")
        assert f'<th scope="row" class="cal-month">{named}</th>' in row
        for day in week:
            url = reverse("journal:day", kwargs={"day": day.isoformat()})
            number = f'<span class="cal-day" aria-hidden="true">{day.day}</span>'
            assert number in row
            # Every day up to today links to its page (empty days too); days to come do not.
            assert (f'<a href="{url}">{number}' in row) == (day <= today)
    # Three months of rows always hold a 1st: at least three month names.
    assert sum('class="cal-month"></th>' not in row for row in rows) >= 3


def test_the_calendar_links_no_day_before_the_diary_begins(alice_today, screened_alice):
    make_history(screened_alice, 3)
    today = screened_alice.local_today()
    # An account made today: the diary begins a year back, so push the floor past the calendar.
    User.objects.filter(pk=screened_alice.pk).update(
        date_joined=screened_alice.date_joined + timedelta(days=365 - 20)
    )
    floor = first_day(User.objects.get(pk=screened_alice.pk))
    assert today - timedelta(days=80) < floor < today
    calendar = calendar_of(alice_today.get(reverse("journal:history")).content.decode())
    before = reverse("journal:day", kwargs={"day": (floor - timedelta(days=1)).isoformat()})
    on = reverse("journal:day", kwargs={"day": floor.isoformat()})
    assert f'href="{before}"' not in calendar and f'href="{on}"' in calendar
    assert alice_today.get(on).status_code == 200


def test_history_shows_the_habit_score_and_the_last_seven_days(alice_today, screened_alice):
    make_history(screened_alice, 30)  # 30 days up to yesterday, each with ticks
    today = screened_alice.local_today()
    Entry.objects.filter(user=screened_alice, date=today - timedelta(days=2)).delete()  # one miss
    body = alice_today.get(reverse("journal:history") + "?range=30").content.decode()
    habit = body.split('data-testid="habit"')[1].split("</div>")[0]
    kept = {today - timedelta(days=n) for n in range(1, 31)} - {today - timedelta(days=2)}
    score = history_numbers.habit_score(kept, today - timedelta(days=30), today)
    assert 70 < score < 80  # a month nearly kept, one day dented
    assert f'<p class="stat-value">{score}%</p>' in habit
    assert "5 of the last 7 days done" in habit  # today not yet, the day before yesterday missed
    assert "never resets" in habit
    # The same score whatever the range: it reads the last 13 weeks, which every range reads.
    for query in ("", "?range=365", "?range=all"):
        body = alice_today.get(reverse("journal:history") + query).content.decode()
        assert f'<p class="stat-value">{score}%</p>' in body.split('data-testid="habit"')[1]


def chart_data(body):
    return json.loads(body.split('id="pain-data" type="application/json">')[1].split("</script>")[0])


def table_rows(body):
    table = body.split('data-testid="pain-table"')[1].split("</table>")[0]
    return [row.split("</td><td>") for row in table.split("<tr><td>")[1:]], table


def test_more_than_a_year_is_charted_and_tabled_as_weekly_averages(alice_today, screened_alice):
    make_history(screened_alice, 400, pain=lambda n: n % 7)  # 0..6 through each run of seven days
    today = screened_alice.local_today()
    body = alice_today.get(reverse("journal:history") + "?range=all").content.decode()
    data = chart_data(body)
    assert data["unit"] == "week" and 'data-testid="weekly-note"' in body
    first = today - timedelta(days=400)
    assert data["labels"][0] == (first - timedelta(days=first.weekday())).isoformat()
    assert data["labels"][-1] == (today - timedelta(days=today.weekday())).isoformat()
    assert (
        len(data["labels"])
        == (date.fromisoformat(data["labels"][-1]) - date.fromisoformat(data["labels"][0])).days // 7 + 1
    )
    full_weeks = data["pain"][1:-1]
    assert all(value == 3.0 for value in full_weeks)  # seven days of 0..6 in every full week
    rows, table = table_rows(body)
    assert "Week of" in body and "7-day average" not in table
    tabled = {cells[0]: float(cells[1].split("</td>")[0]) for cells in rows}
    charted = {day: mean for day, mean in zip(data["labels"], data["pain"], strict=True) if mean is not None}
    assert tabled == charted
    assert body.count('data-testid="history-row"') == 30  # the day list stays paginated


def test_a_year_or_less_stays_daily(alice_today, screened_alice):
    make_history(screened_alice, 400)
    for query, length in (("?range=365", 365), ("?range=90", 90), ("", 90)):
        data = chart_data(alice_today.get(reverse("journal:history") + query).content.decode())
        assert data["unit"] == "day" and len(data["labels"]) == length
    Entry.objects.filter(
        user=screened_alice, date__lt=screened_alice.local_today() - timedelta(days=364)
    ).delete()
    body = alice_today.get(reverse("journal:history") + "?range=all").content.decode()
    data = chart_data(body)
    assert data["unit"] == "day" and len(data["labels"]) == 365 and "weekly-note" not in body


def test_all_counts_the_whole_history(alice_today, screened_alice):
    make_history(screened_alice, 500, pain=lambda n: 8 if n < 7 else 2)
    today = screened_alice.local_today()
    Entry.objects.filter(user=screened_alice, date=today - timedelta(days=200)).delete()
    Entry.objects.filter(user=screened_alice, date=today - timedelta(days=3)).update(
        day_type="rest", planned=0
    )
    body = alice_today.get(reverse("journal:history") + "?range=all").content.decode()
    assert "199 days" in body  # since the missing day; a rest day keeps a streak going
    assert "longest in this period: 300" in body
    assert "8.0 → 2.0" in body and "a real improvement" in body
    assert "1494 of 3486 planned · 1 rest" in body


@pytest.mark.parametrize("days", [1, 5, 89, 90, 91, 400])
def test_the_streak_is_right_on_both_sides_of_the_days_read(alice_today, screened_alice, days):
    make_history(screened_alice, days)  # up to yesterday; the 90-day page reads 91 days
    for query in ("", "?range=30", "?range=all"):
        body = alice_today.get(reverse("journal:history") + query).content.decode()
        assert f"{days} day{'s' if days > 1 else ''}</p>" in body.split('data-testid="streak"')[1]
    services.tick_record(
        user=screened_alice,
        day=screened_alice.local_today(),
        exercise=PlanItem.objects.filter(user=screened_alice).first().exercise,
    )
    body = alice_today.get(reverse("journal:history")).content.decode()
    assert f"{days + 1} days</p>" in body.split('data-testid="streak"')[1]


def test_a_gap_before_the_days_read_ends_the_streak_there(alice_today, screened_alice):
    entries = make_history(screened_alice, 400)
    Tick.objects.filter(entry=entries[-120]).delete()  # 120 days ago: no tick, not rest or rough
    body = alice_today.get(reverse("journal:history")).content.decode()
    assert "119 days</p>" in body.split('data-testid="streak"')[1]


def test_only_a_streak_longer_than_the_days_read_costs_a_query_and_one_whatever_its_length(client):
    counts = queries_by_history_length(client, (5, 120, 1825), ["journal:history", "journal:report"])
    for name in ("journal:history", "journal:report"):
        assert counts[120, name] == counts[1825, name] == counts[5, name] + 1


def test_deleting_an_account_finds_its_sessions_by_index_and_keeps_everyone_elses(client, screened_alice):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import make_user

    others = [make_user(f"other{n}") for n in range(20)]
    for user in others:
        Client().force_login(user)
    second = Client()
    second.force_login(screened_alice)
    client.force_login(screened_alice)
    assert UserSession.objects.filter(user_id=screened_alice.pk).count() == 2
    with CaptureQueriesContext(connection) as ctx:
        client.post(reverse("journal:delete_account"), {"password": PASSWORD})
    session_reads = [
        q["sql"] for q in ctx.captured_queries if "backcare_session" in q["sql"] and "SELECT" in q["sql"]
    ]
    assert all("user_id" in sql or "session_key" in sql for sql in session_reads), session_reads
    assert not UserSession.objects.filter(user_id=screened_alice.pk).exists()
    assert UserSession.objects.filter(user_id__in=[u.pk for u in others]).count() == 20
    assert second.get(reverse("journal:today")).status_code == 302


def test_the_json_export_says_when_the_account_was_made_and_last_used(client, screened_alice):
    from datetime import UTC, datetime

    joined, seen = datetime(2026, 3, 1, 8, 30, tzinfo=UTC), datetime(2026, 11, 20, 21, 5, 9, tzinfo=UTC)
    client.force_login(screened_alice)  # a log-in: sets last_login, overwritten below
    User.objects.filter(pk=screened_alice.pk).update(date_joined=joined, last_login=seen)
    user = json.loads(client.get(reverse("journal:export_json")).content)["user"]
    assert user["date_joined"] == "2026-03-01T08:30:00+00:00"
    assert user["last_login"] == "2026-11-20T21:05:09+00:00"
    assert datetime.fromisoformat(user["date_joined"]) == joined


def test_the_json_export_of_an_account_never_logged_in_has_no_last_login(client, screened_alice):
    client.force_login(screened_alice)
    User.objects.filter(pk=screened_alice.pk).update(last_login=None)
    user = json.loads(client.get(reverse("journal:export_json")).content)["user"]
    assert user["last_login"] is None and user["date_joined"].endswith("+00:00")


def test_the_reports_changes_start_at_the_first_moment_of_its_first_day_in_the_users_time_zone(client):
    from datetime import datetime

    from tests.conftest import make_level_changes, make_user

    user = make_user("kiri")
    User.objects.filter(pk=user.pk).update(time_zone="Pacific/Auckland")
    user.refresh_from_db()
    screen_clear(user)
    client.force_login(user)
    first = user.local_today() - timedelta(days=29)  # the 30 days' report starts here
    make_level_changes(user, 2, direction="up", reason="3 sessions at full dose")
    before, on = LevelChange.objects.filter(user=user).order_by("pk")
    # 23:59 in Auckland the day before (still that day in UTC too), and midnight on the first day
    # (the day before in UTC): only the second is in the period.
    LevelChange.objects.filter(pk=before.pk).update(
        created_at=datetime.combine(first - timedelta(days=1), datetime.max.time(), tzinfo=user.tzinfo),
        reason="late the day before",
    )
    LevelChange.objects.filter(pk=on.pk).update(
        created_at=datetime.combine(first, datetime.min.time(), tzinfo=user.tzinfo), reason="the first minute"
    )
    body = client.get(reverse("journal:report") + "?range=30").content.decode()
    changes = body.split('data-testid="report-changes"')[1].split("</section>")[0]
    assert "the first minute" in changes and "late the day before" not in changes


@pytest.mark.parametrize("language", ["en", "es", "de"])
def test_the_reports_chart_writes_svg_numbers_in_every_language(alice_today, screened_alice, language):
    """The pain scale's lines and the dated ticks sit where the numbers say: "190.0", never a
    language's "190,0", which is no SVG number (the grid and the ticks fell to 0 in es and de)."""
    make_history(screened_alice, 40)
    screened_alice.language = language
    screened_alice.save(update_fields=["language"])
    body = alice_today.get(reverse("journal:report")).content.decode()
    svg = body.split('<figure class="report-chart"')[1].split("</svg>")[0]
    assert svg.count('class="grid"') == 6 and svg.count('class="tick"') == 6
    assert 'y1="190.0" y2="190.0"' in svg and '<text x="4" y="30.0" class="axis" dy="4">10</text>' in svg
    assert not re.search(r'\b(?:x|y|x1|x2|y1|y2|cx|cy)="[^"]*,', svg)


def test_the_parts_kept_once_a_process_follow_the_range_and_the_language(alice_today, screened_alice):
    """History's fixed parts (journal/_history_fixed.html) are kept for each language, range and
    way of drawing: one reader's range or language never shows in another's page."""
    make_history(screened_alice, 20)
    url = reverse("journal:history")
    for key in ("30", "90", "365", "all", "30"):
        body = alice_today.get(f"{url}?range={key}").content.decode()
        assert re.findall(r'<a href="\?range=(\w+)"[^>]*aria-current="true"', body) == [key]
        assert f'{reverse("journal:report")}?range={key}"' in body
        assert "Last 12 weeks" in body and "What goes with better days" in body
    weekly = alice_today.get(f"{url}?range=all").content.decode()
    assert 'data-testid="weekly-note"' not in weekly  # 20 days: drawn day by day
    screened_alice.language = "es"
    screened_alice.save(update_fields=["language"])
    spanish = alice_today.get(f"{url}?range=30").content.decode()
    assert "Last 12 weeks" not in spanish and "What goes with better days" not in spanish
    screened_alice.language = "en"
    screened_alice.save(update_fields=["language"])
    assert "Last 12 weeks" in alice_today.get(f"{url}?range=30").content.decode()
