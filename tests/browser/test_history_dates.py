"""History on the demo's half-year (issue 17, parts 4 and 6): the chart's dates read as dates, the
habit score and the calendar show, and without JavaScript the numbers table stands in for the chart."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command

from backcare.models import User
from tests.browser.test_journeys import log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SHORT_DATE = re.compile(r"\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)( \d{4})?")


@pytest.fixture
def recovering():
    call_command("demo", username="robin", password=PASSWORD, days=180, stdout=io.StringIO())
    return User.objects.get(username="robin")


def test_the_chart_reads_dates_as_dates_and_the_calendar_links_each_day(
    page, live_server, recovering, check_a11y, screenshot, size
):
    log_in(page, live_server, recovering)
    page.goto(live_server.url + "/history/?range=365")
    page.wait_for_function("document.getElementById('pain-chart').width > 0")
    assert page.get_by_test_id("pain-chart").is_visible()
    assert not page.locator("[data-testid=pain-table]").evaluate("d => d.open")  # folded once drawn
    ticks = page.evaluate("Chart.getChart('pain-chart').scales.x.ticks.map(t => t.label)")
    assert len(ticks) >= 3
    assert all(SHORT_DATE.fullmatch(label) for label in ticks), ticks
    assert not any(re.search(r"\d{4}-\d{2}", label) for label in ticks)
    habit = page.get_by_test_id("habit").inner_text()
    assert re.search(r"\d+%", habit) and "of the last 7 days done" in habit
    check_a11y(page)
    screenshot(page, "history-demo")

    yesterday = recovering.local_today() - timedelta(days=1)
    page.locator(f'.calendar a[href="/day/{yesterday.isoformat()}/"]').click()
    page.wait_for_url(f"**/day/{yesterday.isoformat()}/")


def test_without_javascript_the_table_shows_in_place_of_the_chart(
    nojs_page, live_server, recovering, screenshot
):
    log_in(nojs_page, live_server, recovering)
    nojs_page.goto(live_server.url + "/history/")
    assert not nojs_page.get_by_test_id("pain-chart").is_visible()  # no empty box
    table = nojs_page.locator("[data-testid=pain-table] table")
    assert table.is_visible()
    rows = nojs_page.locator("[data-testid=pain-table] tbody tr").count()
    assert 60 <= rows <= 90
    assert nojs_page.get_by_test_id("habit").is_visible()
    screenshot(nojs_page, "history-nojs")
