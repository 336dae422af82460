"""Every logged-in page costs a fixed number of queries, whatever the length of history.

Budgets: /today/ at most 8, every other logged-in page at most 10, session and user
queries included. The exercise library is read once per process (exercises/catalog.py), so the
budgets are for a process that has read it; its own cost is measured separately below.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exercises import catalog
from tests.backcare.test_urls import PUBLIC, all_named_patterns
from tests.conftest import make_history, make_user, screen_clear
from tests.hardening.test_isolation import sample_kwargs

pytestmark = pytest.mark.django_db

# URL name, query string, budget. Pages taking a parameter get the user's own objects.
PAGES = [
    ("journal:today", "", 8),
    ("journal:day", "", 10),
    ("journal:history", "", 10),
    ("journal:history", "range=all", 10),
    ("journal:report", "", 10),
    ("journal:report", "range=all", 10),
    ("journal:safety", "", 10),
    ("journal:safety_result", "", 10),
    ("journal:export_csv", "", 10),
    ("journal:export_json", "", 10),
    ("journal:old_days", "", 10),
    ("settings", "", 10),
    ("password_change", "", 10),
    ("password_change_done", "", 10),
    ("exercises:list", "", 10),
    ("exercises:detail", "", 10),
]


def url_for(user, name, query=""):
    pattern = dict(all_named_patterns())[name]
    kwargs = sample_kwargs(user, pattern)
    if "day" in kwargs:
        kwargs["day"] = (user.local_today() - timedelta(days=1)).isoformat()
    return reverse(name, kwargs=kwargs) + (f"?{query}" if query else "")


def measure(client, user):
    catalog.catalog()
    client.force_login(user)
    counts = {}
    for name, query, budget in PAGES:
        url = url_for(user, name, query)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)  # the export's queries run as it streams
        assert response.status_code == 200, url
        counts[url] = len(ctx.captured_queries)
        assert counts[url] <= budget, f"{url}: {counts[url]} queries, budget {budget}"
    return counts


def test_query_counts_are_within_budget_and_the_same_for_one_day_and_five_years(client):
    short, long = make_user("short"), make_user("long")
    for user, days in ((short, 1), (long, 1825)):
        screen_clear(user)
        make_history(user, days)
    one_day, five_years = measure(client, short), measure(client, long)
    # Today counts the streak from the six weeks it has read anyway; a streak longer than that
    # (five years of daily ticks here) costs one more query, of any length (tests/journal/test_today.py).
    # History and its report do the same with the 12 weeks or more they read (tests/journal/test_history_pages.py).
    for longer_streak in (reverse("journal:today"), reverse("journal:history"), reverse("journal:report")):
        assert five_years.pop(longer_streak) == one_day.pop(longer_streak) + 1
    assert one_day == five_years


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
