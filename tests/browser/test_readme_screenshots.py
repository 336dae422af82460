"""The README's pictures, taken from the app as it is: into artifacts/screenshots/readme/ on every
run, and over docs/*.png with UPDATE_SCREENSHOTS=1 (then commit them):

    UPDATE_SCREENSHOTS=1 .venv/bin/pytest tests/browser/test_readme_screenshots.py

tests/backcare/test_readme.py checks that every picture the README shows is one of these.
"""

import io

import pytest
from django.core.management import call_command

from backcare.models import User
from tests.browser.test_journeys import log_in, saves_settled
from tests.conftest import PASSWORD, make_history, make_user, screen_clear

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# docs/<name>.png: the test that takes each.
README_SCREENSHOTS = {"today-phone", "session-phone", "history-desktop"}


@pytest.fixture
def new_page(browser, page_problems):
    contexts = []

    def make(viewport):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page_problems.watch(page)
        return page

    yield make
    for context in contexts:
        context.close()
    assert not page_problems.items, "\n".join(page_problems.items)


def test_today_on_a_phone(new_page, live_server, readme_screenshot, check_a11y):
    """The first screen of Today after the check-in, one exercise done: what a phone shows."""
    user = make_user("sam")
    screen_clear(user)
    make_history(user, 24, pain=lambda n: 5 - n // 8)
    page = new_page({"width": 390, "height": 844})
    log_in(page, live_server, user)
    page.goto(live_server.url + "/today/")
    page.locator("label[for=pain-3]").click()
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_test_id("checkin-summary").wait_for()
    page.locator("[data-testid=plan-item]").first.get_by_test_id("tick").click()
    page.locator("[data-testid=plan-item][data-done=true]").wait_for()
    saves_settled(page)
    page.reload()  # as the next visit shows it, without the "saved" messages
    assert page.get_by_test_id("progress").inner_text() == "1 of 7 done"
    check_a11y(page)
    readme_screenshot(page, "today-phone", full_page=False)


def test_the_guided_session_on_a_phone(new_page, live_server, readme_screenshot, check_a11y):
    """The guided session a few seconds into its second exercise: the figure, the clock, the controls."""
    user = make_user("kim")
    screen_clear(user)
    page = new_page({"width": 390, "height": 844})
    log_in(page, live_server, user)
    page.goto(live_server.url + "/today/")
    page.get_by_test_id("start-session").click()
    page.get_by_test_id("session").wait_for()
    page.get_by_test_id("skip-exercise").click()  # to cat/cow, a figure with more to see
    page.get_by_test_id("pause").click()  # Start: the clock counts down getting into position
    page.wait_for_timeout(1200)
    page.get_by_test_id("pause").click()  # paused, so the picture is the same every run
    check_a11y(page)
    readme_screenshot(page, "session-phone", full_page=False)


def test_history_on_a_desktop(new_page, live_server, readme_screenshot, check_a11y):
    """Ninety days of the demo's diary (manage.py demo): pain easing, a flare, missed and rest days."""
    call_command("demo", username="robin", password=PASSWORD, days=90, stdout=io.StringIO())
    page = new_page({"width": 1280, "height": 800})
    log_in(page, live_server, User.objects.get(username="robin"))
    page.goto(live_server.url + "/history/")
    page.wait_for_function("document.getElementById('pain-chart').width > 0")
    check_a11y(page)
    readme_screenshot(page, "history-desktop", full_page=True)
