"""Every logged-in page makes an exact number of queries, whatever the length of history.

Each page lists its queries, session and user included. The exercise library is read once per
process (exercises/catalog.py), so the counts are for a process that has read it; its own cost is
measured separately (tests/exercises/test_catalog.py). A count may only go down.
"""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backcare import diary_version, version_cache
from backcare.models import User
from exercises import catalog
from journal import cache_keys
from journal.models import PlanItem
from learn import catalog as lessons
from tests.backcare.test_urls import PUBLIC, all_named_patterns
from tests.conftest import make_history, make_user, screen_clear
from tests.hardening.test_isolation import sample_kwargs

pytestmark = pytest.mark.django_db

# The session row joined to its user: one query (backcare/sessions.py, backcare/auth.py); two before.
LOGGED_IN = ["session with its user"]
# The safety middleware reads the latest screen for every journal page (with the date of the latest
# PSFS round in a subquery: Today's "rate your activities" card costs no query), once a change of
# the rows it is read from (the user's screen version, journal/0017_screen_version_triggers; a tick
# or a check-in leaves it): the counts below are for the first load after a new screen (see the
# last tests).
JOURNAL = [*LOGGED_IN, "latest safety screen"]
# The recent days (with their tick counts) and the two weeks of ticks are one query
# (selectors.days_with_ticks, as a tick reads them; two before issue 25).
DAY_READS = [*JOURNAL, "recent days (with their tick counts) and their ticks"]
# Today reads today's active plan in the same statement as its days and ticks, as a tick does
# (selectors.days_with_ticks(with_plan=True)): one query fewer than the plan read after them.
TODAY_READS = [*JOURNAL, "recent days (with their tick counts), their ticks and the active plan"]
# Today also shows today's lesson: the lessons come from the per-process snapshot (learn/catalog.py),
# which ones the user has read is one query.
TODAY_PAGE = [*TODAY_READS, "lessons read"]
# A past day shows the plan as it was that day, at that day's levels, and that day's streak from the
# days it has read: the plan's periods instead of the active plan.
PAST_DAY_PAGE = [*DAY_READS, "plan periods"]
HISTORY = [*JOURNAL, "logged days (with their tick counts)"]
# History's insights read the 180 days before today, each with its ticks grouped, when they are not
# cached for the user and the version of the user's diary; the PSFS summary (every rating) when it
# is not cached under the version of their PSFS rows (journal/views/history_page.py,
# backcare/version_cache.py): the first History page below reads them, the pages after it find them.
# History 30 and 90 read their logged days in the insights' read, whether or not the insights are
# cached (selectors.history_days: one query, two before); "all" and 365 read them apart.
HISTORY_PAGE = [
    *JOURNAL,
    "logged days with the insights' 180 days and their ticks (one read)",
    "PSFS ratings (when not cached)",
]
REPORT_RECORDS = ["safety screens", "active plan with progressions and exercises", "level changes"]
# The streak's own read, only when the days a page has read cannot show where the streak starts:
# Today, a past day and History for a streak reaching back past what they read.
STREAK_DAYS = "streak days"

# URL name, query string, the queries of that page for a user with one day of history.
PAGES = [
    ("journal:today", "", TODAY_PAGE),
    ("journal:day", "", PAST_DAY_PAGE),
    # The session reads its day as a tick does, from the first day its rules need: the two weeks of
    # days joined to their ticks, with the active plan in the same statement
    # (selectors.days_with_ticks(with_plan=True, since=...): the day's type, what is due and done,
    # the usual answers); two queries before (the two weeks of days with their ticks, the active plan).
    (
        "journal:session",
        "",
        [*JOURNAL, "recent days with their ticks, and the active plan (UNION ALL)"],
    ),
    ("journal:history", "", HISTORY_PAGE),
    ("journal:history", "range=all", HISTORY),
    ("journal:report", "", [*HISTORY, *REPORT_RECORDS]),
    ("journal:report", "range=all", [*HISTORY, *REPORT_RECORDS]),
    ("journal:safety", "", JOURNAL),
    ("journal:safety_result", "", [*JOURNAL, "the latest screen, whole"]),
    ("journal:export_csv", "", [*JOURNAL, "ticks with their exercises", "days"]),
    ("journal:old_days", "", [*JOURNAL, "days outside the diary's dates"]),
    ("journal:psfs", "", [*JOURNAL, "active PSFS activities with their last ratings"]),
    (
        "journal:export_json",
        "",
        [
            *JOURNAL,
            "plan",
            "days",
            "ticks",
            "level changes",
            "offline writes recorded (journal/client_ops.py)",
            "dismissals",
            # The start's answers (journal/selectors.py: start_export), added with the start.
            "start answers",
            "safety screens",
            "alerts read",
            "PSFS activities",
            "PSFS rounds",
            "PSFS ratings",
            "share links",
            "their views",
            "lessons read",
            "reminder settings",
            "reminder deliveries",
            "calendar feeds",
            "push subscriptions",
        ],
    ),
    ("journal:share", "", [*JOURNAL, "share links", "their views"]),
    # The reminder settings, the calendar link and the browsers with push on are one query, the
    # user's row joined to the three (reminders/selectors.py: settings_reads; two before issue 25).
    # The start's answers (journal/settings_sections.py: start_answers) are one row of their own.
    (
        "settings",
        "",
        [*LOGGED_IN, "plan items", "start answers", "reminder settings, calendar link and push devices"],
    ),
    # The one-off calendar file: the saved reminder time and days.
    ("reminders:calendar_download", "", [*LOGGED_IN, "reminder settings"]),
    # The offline queue's question before it sends (static/js/offline-queue.js): who, and a token.
    ("journal:offline_token", "", JOURNAL),
    ("password_change", "", LOGGED_IN),
    ("password_change_done", "", LOGGED_IN),
    ("exercises:list", "", LOGGED_IN),
    ("exercises:detail", "", [*LOGGED_IN, "the user's plan item for it"]),
    # The lessons come from the snapshot; outside the journal, so no safety screen read.
    ("learn:list", "", [*LOGGED_IN, "lessons read (with when)"]),
    ("learn:detail", "", [*LOGGED_IN, "lessons read (with when)"]),
]
# With five years of daily ticks the streak outgrows what these pages read: one more query, of
# any length (tests/journal/test_today.py, tests/journal/test_history_pages.py). History "all"
# reads every day, so it never needs it.
LONGER_STREAK = [("journal:today", ""), ("journal:day", ""), ("journal:history", ""), ("journal:report", "")]
# Today reads the diary's first week of check-ins ("first check-ins", selectors.first_checkins) only
# while the last 7 days average 4 or more and the "time to see a clinician" note is not put away
# (journal/safety.py): the five-year user, at 4 every day, has that read; the one-day user has not.
SEE_CLINICIAN_START = [("journal:today", "")]


def url_for(user, name, query=""):
    pattern = dict(all_named_patterns())[name]
    kwargs = sample_kwargs(user, pattern)
    if "day" in kwargs:
        kwargs["day"] = (user.local_today() - timedelta(days=1)).isoformat()
    return reverse(name, kwargs=kwargs) + (f"?{query}" if query else "")


def forget_screen(user):
    """The latest screen kept for the user's screen version (backcare/version_cache.py) dropped, as after
    a new screen; History's insights and the PSFS summary stay kept, as the pages' order has them."""
    version = User.objects.values_list("screen_version", flat=True).get(pk=user.pk)
    caches["default"].delete(version_cache.version_key(cache_keys.LATEST_SCREEN, user, version))


def measure(client, user):
    catalog.catalog()
    lessons.course()
    client.force_login(user)
    counts = {}
    for name, query, _ in PAGES:
        url = url_for(user, name, query)
        forget_screen(user)  # the first load after a change: the screen read afresh
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)  # the export's queries run as it streams
        assert response.status_code == 200, url
        counts[name, query] = len(ctx.captured_queries)
    return counts


def test_each_page_makes_exactly_its_queries_for_one_day_and_for_five_years(client):
    short, long = make_user("short"), make_user("long")
    for user, days in ((short, 1), (long, 1825)):
        screen_clear(user)
        make_history(user, days)
    expected = {(name, query): len(queries) for name, query, queries in PAGES}
    assert measure(client, short) == expected
    assert measure(client, long) == {
        page: n + (page in LONGER_STREAK) + (page in SEE_CLINICIAN_START) for page, n in expected.items()
    }


def test_every_logged_in_page_has_a_budget(client):
    """A page behind the log-in added later fails here until it is listed above."""
    user = make_user("walker")
    screen_clear(user)
    make_history(user, 3)
    client.force_login(user)
    listed = {name for name, _, _ in PAGES}
    unlisted = []
    for name, _ in all_named_patterns():
        if name in listed or name in PUBLIC or name.startswith("admin:"):
            continue
        if client.get(url_for(user, name)).status_code == 200:
            unlisted.append(name)
    assert not unlisted, f"logged-in pages without a query budget: {unlisted}"


# The report a share link opens, for a visitor without an account: no session, no user, no safety
# middleware; the link with its owner, the view logged, then the report's own reads (the safety
# screens only when the link shows them).
SHARED = [
    "share link with its owner",
    "the view logged",
    "logged days (with their tick counts)",
    "PSFS ratings",
]
SHARED_RECORDS = ["active plan with progressions and exercises", "level changes"]


@pytest.mark.parametrize(
    ("show_safety", "query", "queries"),
    [
        (False, "", [*SHARED, *SHARED_RECORDS]),
        (True, "", [*SHARED, *SHARED_RECORDS, "safety screens"]),
        (True, "range=all", [*SHARED, *SHARED_RECORDS, "safety screens"]),
    ],
)
def test_the_shared_report_makes_exactly_its_queries_for_one_day_and_for_five_years(
    show_safety, query, queries
):
    from django.test import Client
    from django.utils import timezone

    from journal.services import share_link_create

    catalog.catalog()
    counts = []
    for username, days in (("short", 1), ("long", 1825)):
        user = make_user(username)
        screen_clear(user)
        make_history(user, days)
        _, token = share_link_create(
            user=user, display_name="P", days=7, show_notes=True, show_safety=show_safety, now=timezone.now()
        )
        url = reverse("shared_report", kwargs={"share_token": token}) + (f"?{query}" if query else "")
        with CaptureQueriesContext(connection) as ctx:
            assert Client().get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    # With five years of daily ticks the streak outgrows the days read, as on the owner's report;
    # "all" reads every day.
    assert counts == [len(queries), len(queries) + (0 if query == "range=all" else 1)]


# No page is kept (docs/architecture.md, "Caches"): loaded again with nothing written since, a page
# makes its first load's reads again, except the latest safety screen, which the journal pages find
# in the shared cache under the user's screen version (and History its PSFS summary and insights).
# The five-year user's Today also reads its streak's days and the diary's first check-ins, a past
# day and History their streak's days (LONGER_STREAK, SEE_CLINICIAN_START).
AGAIN = {
    ("journal:today", ""): len(TODAY_PAGE) - 1 + 2,
    ("journal:day", ""): len(PAST_DAY_PAGE) - 1 + 1,
    ("journal:history", ""): len(HISTORY) - 1 + 1,
    ("journal:history", "range=all"): len(HISTORY) - 1,
    ("settings", ""): len(LOGGED_IN) + 3,  # plan items, start answers, reminders with channels
}


def test_a_page_loaded_again_unchanged_makes_its_first_loads_reads(client):
    user = make_user("again")
    screen_clear(user)
    make_history(user, 1825)
    catalog.catalog()
    lessons.course()
    client.force_login(user)
    for (name, query), expected in AGAIN.items():
        url = url_for(user, name, query)
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        assert len(ctx.captured_queries) == expected, (name, query)


def test_a_write_makes_the_next_load_read_afresh(client):
    user = make_user("writer")
    screen_clear(user)
    make_history(user, 30)
    catalog.catalog()
    lessons.course()
    client.force_login(user)
    today = reverse("journal:today")
    client.get(today)
    # After a check-in, then after a tick: every read of the page again but the latest safety screen,
    # kept under the screen version, which neither moves (journal/0017_screen_version_triggers). One
    # query fewer than when the screen was kept under the diary version, which both move. (The
    # check-in first: a 3 today keeps the last 7 days' average under 4, so no first check-ins read.)
    day = user.local_today().isoformat()
    client.post(reverse("journal:checkin", kwargs={"day": day}), {"pain": "3"})
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(today).content.decode()
    assert len(ctx.captured_queries) == len(TODAY_PAGE) - 1
    assert "Pain <strong>3</strong>" in body
    item = PlanItem.objects.filter(user=user, active=True).select_related("exercise").first()
    tick = reverse("journal:tick", kwargs={"day": day, "exercise": item.exercise.slug})
    assert client.post(tick).status_code == 302
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(today).content.decode()
    assert len(ctx.captured_queries) == len(TODAY_PAGE) - 1
    assert not any('FROM "journal_safetyscreen"' in q["sql"] for q in ctx.captured_queries)
    assert 'data-testid="tick"' in body


# The Today page's writes, as the page's script sends them (JSON), one after the other from a new
# day: their exact counts without an operation id (as before offline writes) and with one and a
# base (journal/client_ops.py): four more, always the same four.
# A tick, an undo and a check-in, whole: the session with its user (one join), the latest safety
# screen (read afresh for a write: the plan gate); then one transaction (a savepoint here, BEGIN in
# production; its release, COMMIT): on PostgreSQL the diary version UPDATE first (the user row's
# lock, USER_ROW_LOCK: backcare/diary_version.py, write_begins), not sent on SQLite, whose BEGIN
# IMMEDIATE already holds the one write lock (the rows' triggers move the version: journal/0015);
# the recent days joined to their ticks, with today's active plan in the same statement (its items
# carry their pause; selectors.days_with_ticks: the day's entry, its type, what is due and done, the
# suggestion rules and the streak), then the write itself: the day's entry INSERT (its first tick
# only) and the tick INSERT, UPDATE or DELETE. The answer is built from those reads, kept in step
# with the write (services.DayRead): no query after the transaction (ANSWER_READS below).
# A pain-during score that could start or end the exercise's pause (one of 7 or more, or any while
# it is paused: suggestions.score_may_move_pause), and the undo of a score that could (the 3 below,
# a score that breaks a run), also read that item's scored sessions since its level began (+1,
# journal/services.py: _pause_refresh).
# Before issue 25 these six were 24, 18, 13, 18, 17 and 12 queries; then 10, 9, 10, 9, 9 and 9 (the
# user read after the session, the day's plan read on its own, the lock UPDATE on every database),
# the check-in 9. The counts below are without the lock UPDATE.
USER_ROW_LOCK = 0 if diary_version.writers_serialised() else 1
WRITES = [
    ("tick", "daily-walk", {}, "t0", 7),  # the day's first tick: the entry INSERT too
    ("tick", "daily-walk", {"pain_during": "3"}, "fn.n.1.n", 6),  # "how did it feel": can't pause
    ("untick", "daily-walk", {}, "t1", 7),  # a tick scored 3 undone: its sessions read
    ("tick", "standing-backbend", {"add": "on"}, "t0", 6),
    ("tick", "standing-backbend", {"add": "on"}, "t1", 6),
    ("untick", "standing-backbend", {}, "t2", 6),  # undo one (a time left: no tick removed)
    # The day's entry updated in place (services.checkin_save): the session with its user, the latest
    # screen, the transaction and the UPDATE; 7 before (the entry read by the view for the form's
    # initial answers, then again by the write, and saved through its instance).
    ("checkin", None, {"pain": "4"}, "cn.n.00000000", 5),
]
# A check-in as the day's first write: the UPDATE finds no entry, so the day is read as a tick reads
# it (the recent days with their ticks and the active plan, one statement) for the new entry's
# planned count, and the entry INSERTed. 13 before: the view's entry read, the write's, a savepoint
# of its own, the active plan, the latest screen again and the two weeks of ticks, the INSERT, then
# the answers saved through the instance.
FIRST_CHECKIN = [
    *LOGGED_IN,
    "latest safety screen",
    "savepoint",
    "the day's entry UPDATE (no row)",
    "recent days with their ticks, and the active plan (UNION ALL)",
    "the day's entry INSERT",
    "savepoint released",
]


def test_a_check_in_as_the_days_first_write_makes_exactly_its_queries(client):
    catalog.catalog()
    user = make_user("writer")
    screen_clear(user)
    client.force_login(user)
    day = user.local_today().isoformat()
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(
            reverse("journal:checkin", kwargs={"day": day}), {"pain": "4"}, HTTP_X_REQUESTED_WITH="fetch"
        )
    assert response.status_code == 200 and response.json()["bases"]["c"].startswith("c4.")
    assert len(ctx.captured_queries) == len(FIRST_CHECKIN) + USER_ROW_LOCK
    assert user.entries.get().planned == user.plan_items.filter(active=True).count()


# A tick's answer is its row only (journal/views/today.py: _tick_response), built from what the write
# read in its transaction and left in step with itself: no read after it. The reads in the
# transaction, after the diary version UPDATE where one is sent (USER_ROW_LOCK): the recent days with
# their ticks and today's active plan (one statement), and for a score or an undo that could move a
# pause the item's scored sessions. "Not now" answers
# are read (after it) only when the row has a suggestion, the streak's days only for a streak longer
# than the recent days (neither here).
WRITE_READS = ["recent days with their ticks, and the active plan (UNION ALL)"]
ANSWER_READS = [
    ("tick", "daily-walk", {}, WRITE_READS),
    ("tick", "daily-walk", {"pain_during": "3"}, WRITE_READS),
    ("untick", "daily-walk", {}, [*WRITE_READS, "the item's scored sessions"]),
    ("tick", "standing-backbend", {"add": "on"}, WRITE_READS),
    ("tick", "standing-backbend", {"add": "on"}, WRITE_READS),
    ("untick", "standing-backbend", {}, WRITE_READS),
]
WITH_AN_ID = [
    "savepoint",
    "the operation recorded (unique id)",
    "savepoint released",
    "the user's operations older than a week pruned",
]
# The check-in still reads its base (the day's entry as it is) for itself: one more.
CHECKIN_BASE = 1


@pytest.mark.parametrize("with_id", [False, True], ids=["without-id", "with-id-and-base"])
def test_each_today_write_makes_exactly_its_queries(client, with_id):
    import uuid

    catalog.catalog()
    user = make_user("writer")
    screen_clear(user)
    client.force_login(user)
    day = user.local_today().isoformat()
    for name, slug, fields, base, queries in WRITES:
        kwargs = {"day": day, **({"exercise": slug} if slug else {})}
        data = {**fields, "client_op": str(uuid.uuid4()), "base": base} if with_id else fields
        with CaptureQueriesContext(connection) as ctx:
            response = client.post(
                reverse(f"journal:{name}", kwargs=kwargs), data, HTTP_X_REQUESTED_WITH="fetch"
            )
        assert response.status_code == 200, (name, fields, response.content)
        expected = queries + USER_ROW_LOCK
        if with_id:
            expected += len(WITH_AN_ID) + (name == "checkin") * CHECKIN_BASE
        assert len(ctx.captured_queries) == expected, (name, fields)


def test_a_tick_answers_from_its_rows_reads_only(client):
    """The write reads its day once, in its transaction; the answer reads nothing after it."""
    catalog.catalog()
    user = make_user("writer")
    screen_clear(user)
    client.force_login(user)
    day = user.local_today().isoformat()
    for name, slug, fields, reads in ANSWER_READS:
        with CaptureQueriesContext(connection) as ctx:
            response = client.post(
                reverse(f"journal:{name}", kwargs={"day": day, "exercise": slug}),
                fields,
                HTTP_X_REQUESTED_WITH="fetch",
            )
        assert response.status_code == 200 and response.json()["row"]
        sql = [q["sql"] for q in ctx.captured_queries]
        begin = next(i for i, q in enumerate(sql) if q.startswith("SAVEPOINT"))
        end = max(i for i, q in enumerate(sql) if q.startswith("RELEASE SAVEPOINT"))
        if USER_ROW_LOCK:  # the lock first, before any read
            assert sql[begin + 1].startswith("UPDATE") and "diary_version" in sql[begin + 1], sql[begin + 1]
        else:  # SQLite: no UPDATE of the user row sent by the write; the version moved by the triggers
            assert not any(q.startswith('UPDATE "backcare_user"') for q in sql), sql
        selects = [q for q in sql[begin + 1 + USER_ROW_LOCK : end] if q.startswith("SELECT")]
        assert len(selects) == len(reads), (name, fields, selects)
        assert sql[end + 1 :] == [], (name, fields, sql[end + 1 :])
