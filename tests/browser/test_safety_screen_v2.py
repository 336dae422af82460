"""The grouped safety screen at phone width: answered by keyboard alone, and without JavaScript."""

import pytest
from playwright.sync_api import expect

from journal.models import PlanItem, SafetyScreen
from tests.browser.test_journeys import log_in
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def tab_to(page, selector, limit=80):
    """Press Tab until `selector` has the focus (a keyboard user's way there)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never got the focus by Tab")


def focus_ring(page):
    return page.evaluate("getComputedStyle(document.activeElement.closest('label')).outlineStyle")


@pytest.mark.parametrize("size", ["phone"])
def test_the_grouped_screen_by_keyboard_alone_on_a_phone(page, live_server, check_a11y, screenshot):
    user = make_user("keyboard")
    log_in(page, live_server, user)
    page.goto(live_server.url + "/safety/")
    form = page.get_by_test_id("safety-form")
    form.wait_for()
    assert [legend.inner_text() for legend in form.locator("legend").all()] == [
        "Emergency now",
        "Urgent, today",
        "Before you start",
    ]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways"
    small = page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-testid=safety-form] label'))
          .map(l => l.getBoundingClientRect()).filter(r => r.height < 44 || r.width < 44).length"""
    )
    assert small == 0, "a checkbox row is under 44 px"
    check_a11y(page)

    # One group answered, then Enter on the button: the other two are marked, nothing is saved.
    tab_to(page, "[data-testid=none-emergency]")
    assert focus_ring(page) != "none", "the focused checkbox shows no focus ring"
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.locator("#error-urgent").wait_for()
    assert page.locator(".question-error").count() == 2
    assert "Please tick what is true now" in page.locator("#error-before").inner_text()
    assert page.get_by_test_id("none-emergency").is_checked()
    assert not SafetyScreen.objects.exists()

    tab_to(page, "[data-testid=none-urgent]")
    page.keyboard.press("Space")
    tab_to(page, "#before-back_surgery")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")

    advice = page.get_by_test_id("talk-first-advice")
    advice.wait_for()
    assert "Talk to a clinician before you start the exercises" in advice.inner_text()
    assert "What to ask" in advice.inner_text()
    assert "An operation on your back in the last year" in advice.inner_text()
    check_a11y(page)
    screenshot(page, "safety-talk-first")
    screen = SafetyScreen.objects.get(user=user)
    assert screen.outcome == "talk_first" and screen.answers["back_surgery"] is True
    assert not PlanItem.objects.filter(user=user).exists()

    # A re-screen starts from these answers, ticked.
    page.goto(live_server.url + "/safety/")
    assert page.locator("#before-back_surgery").is_checked()
    assert page.get_by_test_id("none-urgent").is_checked()


@pytest.mark.parametrize("size", ["phone"])
def test_none_and_a_sign_exclude_each_other_with_javascript(page, live_server):
    log_in(page, live_server, make_user("toggler"))
    page.goto(live_server.url + "/safety/")
    page.locator("#urgent-fever").check()
    page.get_by_test_id("none-urgent").check()
    assert not page.locator("#urgent-fever").is_checked()
    page.locator("#urgent-weight_loss").check()
    assert not page.get_by_test_id("none-urgent").is_checked()


@pytest.mark.parametrize("size", ["phone"])
def test_without_javascript_none_and_a_sign_are_refused(nojs_page, live_server):
    user = make_user("nojs")
    log_in(nojs_page, live_server, user)
    nojs_page.goto(live_server.url + "/safety/")
    nojs_page.get_by_test_id("none-emergency").check()
    nojs_page.locator("#urgent-fever").check()
    nojs_page.get_by_test_id("none-urgent").check()
    nojs_page.get_by_test_id("none-before").check()
    nojs_page.get_by_role("button", name="Finish the check").click()
    expect(nojs_page.locator("#error-urgent")).to_contain_text("untick one of them")
    assert not SafetyScreen.objects.exists()
    nojs_page.locator("#urgent-fever").uncheck()
    nojs_page.get_by_role("button", name="Finish the check").click()
    nojs_page.wait_for_url("**/today/")
    assert SafetyScreen.objects.get(user=user).outcome == "clear"
