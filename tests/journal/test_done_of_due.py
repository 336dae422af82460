"""One definition of a day's "x of y" (journal/schedule.py: done_of_due; docs/clinical-rules.md,
"Done of due"): Today (and a past day's page), History's row, the calendar's cell and the report's
adherence show the same numbers for the same diary, through the pages, as a user sees them.

The diary holds each case that once counted differently on Today and on History: an exercise
ticked on a day it was not due, a times-a-day exercise partly done, a paused exercise, a rough day
with the gentle set (after ticks of the usual plan), a rest day (after a tick), a day with a later
undo.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from backcare.models import User
from exercises import catalog
from journal import services
from journal.models import Entry, PlanItem, Tick
from tests.conftest import make_user, screen_clear

pytestmark = pytest.mark.django_db

BRIDGE = "single-leg-bridge"  # every other day


@pytest.fixture
def diarist(db, library):
    """A user with the starter plan and the single-leg bridge from ten days ago."""
    user = make_user("diarist")
    user.date_joined = timezone.now() - timedelta(days=30)
    user.save(update_fields=["date_joined"])
    today = user.local_today()
    started = today - timedelta(days=10)
    screen_clear(user, day=started)
    bridge = catalog.catalog().by_slug[BRIDGE]
    services.plan_set_level(user=user, progression=bridge.progression, exercise=bridge, today=started)
    return user


def tick(client, day, slug, **data):
    url = reverse("journal:tick", kwargs={"day": day.isoformat(), "exercise": slug})
    assert client.post(url, data).status_code == 302


def untick(client, day, slug):
    url = reverse("journal:untick", kwargs={"day": day.isoformat(), "exercise": slug})
    assert client.post(url).status_code == 302


def day_type(client, day, kind):
    url = reverse("journal:day_type", kwargs={"day": day.isoformat()})
    assert client.post(url, {"day_type": kind}).status_code == 302


def write_the_diary(client, today):
    """Each case on its own day, written through the pages in date order."""
    rest, undo, not_due, partly, rough = (today - timedelta(days=n) for n in (5, 4, 3, 2, 1))
    tick(client, rest, "cat-cow-gentle")  # ticked, then the day marked as rest
    day_type(client, rest, "rest")
    for slug in (BRIDGE, "cat-cow-gentle", "rocking-all-fours"):
        tick(client, undo, slug)
    untick(client, undo, "rocking-all-fours")  # a later undo
    tick(client, not_due, BRIDGE)  # done the day before: not due today
    tick(client, not_due, "lying-face-down")
    for _ in range(3):  # 3 of 5 breaks: not done yet
        tick(client, partly, "standing-backbend", add="on")
    tick(client, partly, "cat-cow-gentle")
    tick(client, rough, "cat-cow-gentle")  # the usual plan's, before the day turned rough
    tick(client, rough, "belly-breathing-feet-up")
    day_type(client, rough, "rough")  # the gentle set: three exercises, one of them done
    tick(client, today, "belly-breathing-feet-up")
    tick(client, today, "supine-marching", pain_during="8")  # severe pain: paused from now
    return {"rest": rest, "undo": undo, "not_due": not_due, "partly": partly, "rough": rough, "today": today}


PROGRESS = re.compile(r"<span data-done-count>(\d+)</span> of <span data-planned-count>(\d+)</span> done")
ROW = re.compile(
    r'<li data-testid="history-row" class="day-row"><a href="([^"]+)">.*?<span class="day-done">([^<]*)</span>',
    re.S,
)
CELL = re.compile(r'<td class="cal-(\w+)[^"]*" title="[^"]*"><a href="([^"]+)">')
X_OF_Y = re.compile(r"^(\d+) of (\d+) done")
REPORT = re.compile(r"(\d+)% \((\d+) of (\d+)\)")


def today_says(client, day, today):
    """The day's "x of y" on Today (a past day's page for a past day), or its words."""
    url = (
        reverse("journal:today") if day == today else reverse("journal:day", kwargs={"day": day.isoformat()})
    )
    body = client.get(url).content.decode()
    found = PROGRESS.search(body)
    if found:
        return int(found[1]), int(found[2])
    return "rest" if 'data-testid="progress">Rest day' in body else "nothing due"


def history_rows(client):
    body = client.get(reverse("journal:history")).content.decode()
    rows = dict(ROW.findall(body))
    cells = {url: state for state, url in CELL.findall(body)}
    return rows, cells


def day_url(day):
    return reverse("journal:day", kwargs={"day": day.isoformat()})


def test_today_history_the_calendar_and_the_report_agree_on_every_day(client, diarist):
    client.force_login(diarist)
    today = diarist.local_today()
    days = write_the_diary(client, today)
    rows, cells = history_rows(client)
    done_total = due_total = 0
    for name, day in days.items():
        shown = today_says(client, day, today)
        row, cell = rows[day_url(day)], cells[day_url(day)]
        if shown == "rest":
            assert (row, cell) == ("rest day", "rest"), name
            continue
        done, due = shown
        assert X_OF_Y.match(row).groups() == (str(done), str(due)), (name, row)
        expected = "rough" if name == "rough" else "done" if done == due else "partly" if done else "missed"
        assert cell == expected, (name, cell)
        done_total, due_total = done_total + done, due_total + due
    report = client.get(reverse("journal:report")).content.decode()
    _, done, due = REPORT.search(report).groups()
    assert (int(done), int(due)) == (done_total, due_total)
    history = client.get(reverse("journal:history")).content.decode()
    assert f"{done_total} of {due_total} planned" in history


def test_each_case_counts_what_was_due_and_done(client, diarist):
    client.force_login(diarist)
    today = diarist.local_today()
    days = write_the_diary(client, today)
    # Eight in the plan on a normal day (seven starters and the bridge).
    assert today_says(client, days["undo"], today) == (2, 8)  # the bridge and cat-cow; the undo gone
    assert today_says(client, days["not_due"], today) == (1, 7)  # the bridge, done yesterday, in neither
    assert today_says(client, days["partly"], today) == (1, 7)  # 3 of 5 breaks is not done; the bridge rests
    assert today_says(client, days["rough"], today) == (1, 3)  # the gentle set; cat-cow is not in it
    assert today_says(client, days["rest"], today) == "rest"
    assert today_says(client, days["today"], today) == (1, 7)  # marching paused: in neither
    stored = dict(Entry.objects.filter(user=diarist).values_list("date", "done"))
    assert stored[days["undo"]] == 2 and stored[days["rest"]] == 0 and stored[days["today"]] == 1


def test_the_breaks_count_once_their_times_are_reached_and_leave_with_an_undo(client, diarist):
    client.force_login(diarist)
    today = diarist.local_today()
    for _ in range(5):
        tick(client, today, "standing-backbend", add="on")
    assert today_says(client, today, today) == (1, 8)
    assert Entry.objects.get(user=diarist, date=today).done == 1
    url = reverse("journal:untick", kwargs={"day": today.isoformat(), "exercise": "standing-backbend"})
    assert client.post(url, {"one": "on"}).status_code == 302
    assert today_says(client, today, today) == (0, 8)
    assert Entry.objects.get(user=diarist, date=today).done == 0


def test_a_rest_day_marked_back_to_normal_counts_its_ticks_again(client, diarist):
    client.force_login(diarist)
    day = diarist.local_today() - timedelta(days=1)
    tick(client, day, "cat-cow-gentle")
    day_type(client, day, "rest")
    assert Entry.objects.get(user=diarist, date=day).done == 0
    day_type(client, day, "normal")
    assert Entry.objects.get(user=diarist, date=day).done == 1
    rows, cells = history_rows(client)
    assert rows[day_url(day)] == "1 of 8 done" and cells[day_url(day)] == "partly"


def test_a_level_change_takes_the_old_levels_tick_out_of_todays_count(client, diarist):
    client.force_login(diarist)
    today = diarist.local_today()
    tick(client, today, "cat-cow-gentle")
    assert Entry.objects.get(user=diarist, date=today).done == 1
    item = PlanItem.objects.get(user=diarist, exercise__slug="cat-cow-gentle")
    full = catalog.catalog().by_slug["cat-cow-full-range"]
    services.plan_set_level(user=diarist, progression=item.progression, exercise=full, today=today)
    assert today_says(client, today, today) == (0, 8)
    assert Entry.objects.get(user=diarist, date=today).done == 0


def test_the_database_keeps_the_days_done_with_any_write_of_its_ticks(diarist):
    """journal/0019's triggers: an insert, a change of `counted` and a delete move the day's done,
    whatever sends them; a change of anything else does not."""
    day = diarist.local_today()
    entry = Entry.objects.create(user=diarist, date=day, planned=8)
    walk, breathe = (catalog.catalog().by_slug[s] for s in ("daily-walk", "belly-breathing-feet-up"))
    Tick.objects.create(entry=entry, exercise=walk)  # counts, as every tick did before
    Tick.objects.create(entry=entry, exercise=breathe, counted=False)
    done = lambda: Entry.objects.values_list("done", flat=True).get(pk=entry.pk)  # noqa: E731
    assert done() == 1
    Tick.objects.filter(entry=entry).update(pain_during=3)
    assert done() == 1
    Tick.objects.filter(entry=entry, exercise=breathe).update(counted=True)
    assert done() == 2
    Tick.objects.filter(entry=entry, exercise=walk).update(counted=False)
    assert done() == 1
    Tick.objects.filter(entry=entry, exercise=breathe).delete()
    assert done() == 0
    version = lambda: User.objects.values_list("diary_version", flat=True).get(pk=diarist.pk)  # noqa: E731
    before = version()
    Tick.objects.create(entry=entry, exercise=breathe)
    assert done() == 1 and version() > before  # the diary version still moves
