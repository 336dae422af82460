"""The start in a real browser: the taps from the landing page to the first exercise ticked for a new
account on a phone (counted and printed), the keyboard, and plain forms without JavaScript."""

import pytest
from django.urls import reverse

from journal.models import PlanItem, StartAnswers, Tick
from journal.services import start_begin
from tests.conftest import make_user

from .test_journeys import log_in, saves_settled

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Counter:
    """Taps (clicks, checks) and typed fields, as a person on a phone makes them."""

    def __init__(self):
        self.taps = 0
        self.typed = 0

    def tap(self, locator):
        self.taps += 1
        locator.click()

    def type(self, page, selector, text):
        self.typed += 1
        page.fill(selector, text)


@pytest.mark.parametrize("size", ["phone"])
def test_taps_from_the_landing_page_to_the_first_exercise_ticked(page, live_server, size):
    count = Counter()
    page.goto(live_server.url + "/")
    count.tap(page.get_by_role("link", name="Sign up free"))
    count.type(page, "#id_username", "newcomer")
    count.type(page, "#id_email", "newcomer@example.com")
    count.type(page, "#id_password1", "a-long-and-quiet-walk")
    count.type(page, "#id_password2", "a-long-and-quiet-walk")
    count.tap(page.get_by_role("button", name="Sign up"))
    page.get_by_test_id("safety-form").wait_for()
    for group in ("emergency", "urgent", "before"):
        count.tap(page.get_by_test_id(f"none-{group}"))
    count.tap(page.get_by_role("button", name="Finish the check"))
    # The start, each question skipped: the quickest way to a plan (the cautious one).
    for step in ("episode", "leg", "activities", "equipment", "minutes", "reminder"):
        count.tap(page.locator(f"[data-testid=start][data-step={step}]").get_by_test_id("start-skip"))
    count.tap(page.get_by_test_id("start-today"))
    page.wait_for_url("**/today/")
    count.tap(page.locator("[data-testid=plan-item]").first.get_by_test_id("tick"))
    page.locator("[data-testid=plan-item][data-done=true]").first.wait_for()
    saves_settled(page)  # a tap shows before the server has saved it
    print(
        f"\nFrom the landing page to the first exercise ticked: {count.taps} taps, {count.typed} typed fields"
    )
    # Before the start: 11 taps and 4 typed fields (with a check-in); the start adds its 6 questions,
    # each one tap to skip, and "Go to today".
    assert (count.taps, count.typed) == (14, 4)
    assert Tick.objects.filter(entry__user__username="newcomer").count() == 1


def new_user(live_server, page, name):
    from journal import safety, services

    user = make_user(name)
    start_begin(user=user, today=user.local_today())
    services.safety_screen_record(
        user=user, today=user.local_today(), answers=dict.fromkeys(safety.QUESTION_KEYS, False)
    )
    log_in(page, live_server, user)
    return user


@pytest.mark.parametrize("size", ["desktop"])
def test_the_start_by_keyboard(page, live_server, check_a11y, size):
    user = new_user(live_server, page, "keys")
    page.goto(live_server.url + reverse("journal:start"))
    page.locator("[data-testid=start][data-step=episode]").wait_for()
    check_a11y(page)
    page.get_by_label("Over 3 months").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")  # the form's first button: Next
    page.locator("[data-testid=start][data-step=leg]").wait_for()
    check_a11y(page)
    assert StartAnswers.objects.get(user=user).episode == "over_3_months"
    page.get_by_test_id("start-back").click()
    assert page.get_by_label("Over 3 months").is_checked()


@pytest.mark.parametrize("size", ["phone"])
def test_the_start_without_javascript(nojs_page, live_server, size):
    page = nojs_page
    user = new_user(live_server, page, "plain")
    page.goto(live_server.url + "/today/")  # sent to the start
    page.locator("[data-testid=start][data-step=episode]").wait_for()
    page.get_by_label("Under 6 weeks").check()
    page.get_by_test_id("start-next").click()
    page.get_by_label("Below the knee").check()
    page.get_by_test_id("start-next").click()
    page.get_by_label("Driving").select_option("4")
    page.get_by_test_id("start-next").click()
    page.locator("[data-testid=start][data-step=equipment]").get_by_test_id("start-skip").click()
    page.get_by_label("About 20 minutes").check()
    page.get_by_test_id("start-next").click()
    page.get_by_test_id("start-skip").click()  # Not now
    summary = page.get_by_test_id("start-summary").inner_text()
    assert "You have about 20 minutes a day and no equipment, so your plan has 7 gentle exercises" in summary
    page.get_by_test_id("start-today").click()
    assert page.get_by_test_id("plan-item").count() == 8
    assert PlanItem.objects.filter(user=user).count() == 8
