"""Reading today's lesson from Today on a phone: the line, the lesson, "I've read this", back to Today."""

import pytest

from learn.content import LESSONS, load_lessons
from learn.models import Lesson
from tests.browser.test_journeys import log_in
from tests.browser.test_phone_layout import fits
from tests.conftest import make_user, screen_clear

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def lessons(library):
    """Live-server tests run in transactions that are flushed: make sure the lessons are there."""
    if Lesson.objects.count() != len(LESSONS):
        Lesson.objects.all().delete()
        load_lessons(Lesson)


def test_reading_todays_lesson_from_today_on_a_phone_and_a_desktop(page, live_server, check_a11y, screenshot):
    user = make_user("reader", country="US")
    screen_clear(user)
    log_in(page, live_server, user)

    page.goto(live_server.url + "/today/")
    line = page.get_by_test_id("lesson")
    screenshot(page, "today-lesson")
    assert line.is_visible() and "Today's lesson: When to get help" in line.inner_text()
    assert "1 more waiting" in line.inner_text()  # day 1 opens the flare plan too
    line.get_by_role("link").first.click()

    page.wait_for_url("**/lessons/when-to-get-help/")
    body = page.get_by_test_id("lesson-body").inner_text()
    assert "Call 911 now" in body and "A leg or foot getting weaker quickly" in body
    assert "NHS: Back pain" in page.get_by_test_id("lesson-source").inner_text()
    fits(page)
    check_a11y(page)
    screenshot(page, "lesson")
    page.get_by_test_id("mark-read").click()

    assert "You read this on" in page.get_by_test_id("lesson-read").inner_text()
    assert "Lesson read: When to get help." in page.locator(".messages").inner_text()
    assert "Next: Your flare plan" in page.get_by_test_id("next-lesson").inner_text()
    page.get_by_role("link", name="Back to Today").click()
    page.wait_for_url("**/today/")
    assert "Today's lesson: Your flare plan" in page.get_by_test_id("lesson").inner_text()

    page.goto(live_server.url + "/lessons/")
    states = page.get_by_test_id("lesson-row").evaluate_all("rows => rows.map(r => r.dataset.state)")
    assert states[:3] == ["read", "unread", "locked"] and len(states) == len(LESSONS)
    fits(page)
    check_a11y(page)
