"""The safety screen and its advice pages in a real browser, checked by axe."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from journal.models import Entry, SafetyScreen
from tests.browser.test_journeys import log_in
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def answer(page, yes=()):
    """Tick the `yes` keys, and "None of these" in every group without one; then finish."""
    for group in page.locator("[data-testid=safety-form] fieldset[data-group]").all():
        name = group.get_attribute("data-group")
        ticked = [key for key in yes if group.locator(f"input[value={key}]").count()]
        for key in ticked:
            group.locator(f"input[value={key}]").check()
        if not ticked:
            page.get_by_test_id(f"none-{name}").check()
    page.get_by_role("button", name="Finish the check").click()


def test_an_emergency_answer_shows_the_advice_and_keeps_the_plan_away(
    page, live_server, check_a11y, screenshot, settings
):
    settings.EMERGENCY_NUMBER = "999"
    log_in(page, live_server, make_user("erin"))
    page.goto(live_server.url + "/today/")
    page.get_by_test_id("safety-form").wait_for()
    check_a11y(page)
    page.get_by_role("button", name="Finish the check").click()
    expect(page.locator(".question-error")).to_have_count(3)  # the page the server answers with
    assert not SafetyScreen.objects.exists()
    answer(page, yes={"both_legs"})
    advice = page.get_by_test_id("emergency-advice")
    advice.wait_for()
    assert advice.get_by_role("link", name="Call 999").get_attribute("href") == "tel:999"
    assert "If you are abroad" in advice.inner_text()
    check_a11y(page)
    screenshot(page, "safety-emergency")
    page.goto(live_server.url + "/today/")
    page.get_by_test_id("emergency-advice").wait_for()
    assert page.get_by_test_id("plan-item").count() == 0


def test_an_urgent_answer_is_lifted_by_a_clinicians_ok(page, live_server, check_a11y):
    user = make_user("finn")
    log_in(page, live_server, user)
    page.goto(live_server.url + "/safety/")
    answer(page, yes={"fever"})
    page.get_by_test_id("urgent-advice").wait_for()
    check_a11y(page)
    page.fill("#id_cleared_on", user.local_today().isoformat())
    page.get_by_role("button", name="Save and bring back my plan").click()
    page.wait_for_url("**/today/")
    assert page.get_by_test_id("plan-item").count() == 7


def test_todays_note_and_warning_banner_read_well(page, live_server, check_a11y, screenshot):
    user = make_user("gale")
    today = user.local_today()
    for n in (2, 1, 0):
        Entry.objects.create(user=user, date=today - timedelta(days=n), pain=3, leg_symptoms=True)
    log_in(page, live_server, user)
    page.goto(live_server.url + "/safety/")
    answer(page, yes={"pregnancy"})
    page.goto(live_server.url + "/today/")
    page.get_by_test_id("talk-first-advice").wait_for()
    # One box at a time: the screen's advice first, the banner one tap away.
    assert page.get_by_test_id("warning").count() == 1
    page.get_by_text("1 more note").click()
    page.get_by_test_id("safety-banner").wait_for()
    check_a11y(page)
    screenshot(page, "safety-today-banner")
    page.get_by_role("button", name="Put away until it happens again").click()
    page.wait_for_url("**/today/")
    assert page.get_by_test_id("safety-banner").count() == 0
