"""Every logged-in page costs a fixed number of queries, whatever the length of history.

Budgets (DESIGN.md): /today/ at most 8, every other logged-in page at most 10, session and user
queries included.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import make_history, make_user, screen_clear

pytestmark = pytest.mark.django_db


def pages(user):
    yesterday = (user.local_today() - timedelta(days=1)).isoformat()
    return {
        reverse("journal:today"): 8,
        reverse("journal:day", kwargs={"day": yesterday}): 10,
        reverse("journal:history"): 10,
        reverse("journal:history") + "?range=all": 10,
        reverse("journal:report"): 10,
        reverse("journal:report") + "?range=all": 10,
        reverse("journal:safety"): 10,
        reverse("journal:safety_result"): 10,
        reverse("settings"): 10,
        reverse("exercises:list"): 10,
        reverse("exercises:detail", kwargs={"slug": "heel-taps"}): 10,
    }


def measure(client, user):
    client.force_login(user)
    counts = {}
    for url, budget in pages(user).items():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(ctx.captured_queries)
        assert counts[url] <= budget, f"{url}: {counts[url]} queries, budget {budget}"
    return counts


def test_query_counts_are_within_budget_and_the_same_for_one_day_and_five_years(client):
    short, long = make_user("short"), make_user("long")
    for user, days in ((short, 1), (long, 1825)):
        screen_clear(user)
        make_history(user, days)
    assert measure(client, short) == measure(client, long)
