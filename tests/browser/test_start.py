"""The start in a real browser: the taps and typed fields from the landing page to the first exercise
ticked for a new account on a phone (counted by the test and by the page, and printed: every question
skipped, `first-tick:`, and every question answered, `first-tick-answered:`), the keyboard, and
plain forms without JavaScript."""

import pytest
from django.urls import reverse

from journal.models import PlanItem, StartAnswers, Tick
from journal.services import start_begin
from reminders.models import Reminder
from tests.conftest import make_user

from .test_journeys import log_in, saves_settled

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


# Every trusted pointer press and every field typed into, counted by the page itself and kept in
# sessionStorage, so the count goes on across the sign-up's, the screen's and the start's pages.
PAGE_COUNTS = """
document.addEventListener("pointerdown", function (e) {
  if (e.isTrusted) sessionStorage.__taps = String(Number(sessionStorage.__taps || 0) + 1);
}, true);
document.addEventListener("input", function (e) {
  var field = e.target;
  if (!e.isTrusted || !field.matches || !field.matches("input:not([type=radio]):not([type=checkbox]), textarea")) return;
  var typed = JSON.parse(sessionStorage.__typed || "[]");
  var key = location.pathname + " " + field.name;
  if (typed.indexOf(key) < 0) { typed.push(key); sessionStorage.__typed = JSON.stringify(typed); }
}, true);
"""


class Counter:
    """Taps and typed fields, as a person on a phone makes them. A choice in a drop-down list is two
    taps (open the list, choose), as on a phone; every other tap is one click on the page. The page
    counts the same presses and fields itself (`PAGE_COUNTS`): `check(page)` compares, so an
    action the test made without counting it shows up as a difference."""

    def __init__(self, page):
        self.taps = 0
        self.typed = 0
        self.picks = 0  # drop-down choices: two taps each, but no click on the page (select_option)
        page.add_init_script(PAGE_COUNTS)

    def tap(self, locator):
        self.taps += 1
        locator.click()

    def type(self, page, selector, text):
        self.typed += 1
        page.fill(selector, text)

    def pick(self, locator, value):
        self.taps += 2
        self.picks += 1
        locator.select_option(value)

    def check(self, page):
        taps = int(page.evaluate("sessionStorage.__taps || '0'"))
        typed = len(page.evaluate("JSON.parse(sessionStorage.__typed || '[]')"))
        assert (taps + 2 * self.picks, typed) == (self.taps, self.typed)


def sign_up_and_check(page, live_server, count):
    """From the landing page through the sign-up and the safety check, nothing to report."""
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


def first_tick(page, count):
    """From the start's last screen to the first exercise ticked and saved."""
    count.tap(page.get_by_test_id("start-today"))
    page.wait_for_url("**/today/")
    count.tap(page.locator("[data-testid=plan-item]").first.get_by_test_id("tick"))
    page.locator("[data-testid=plan-item][data-done=true]").first.wait_for()
    saves_settled(page)  # a tap shows before the server has saved it
    count.check(page)
    assert Tick.objects.filter(entry__user__username="newcomer").count() == 1


def on_step(page, step):
    return page.locator(f"[data-testid=start][data-step={step}]")


@pytest.mark.parametrize("size", ["phone"])
def test_taps_from_the_landing_page_to_the_first_exercise_ticked(page, live_server, size):
    count = Counter(page)
    sign_up_and_check(page, live_server, count)
    # The start, each question skipped: the quickest way to a plan (the cautious one).
    for step in ("episode", "leg", "activities", "equipment", "minutes", "reminder"):
        count.tap(on_step(page, step).get_by_test_id("start-skip"))
    first_tick(page, count)
    print(f"\nfirst-tick: taps={count.taps} typed={count.typed}")
    # Before the start: 11 taps and 4 typed fields (with a check-in); the start adds its 6 questions,
    # each one tap to skip, and "Go to today".
    assert (count.taps, count.typed) == (14, 4)


@pytest.mark.parametrize("size", ["phone"])
def test_taps_to_the_first_exercise_ticked_answering_every_start_question(page, live_server, size):
    """The start's honest cost: each question answered, with what the screen offers ready where it
    offers something (no equipment, the reminder at 19:00 by e-mail) and the first answer where it
    asks for a choice."""
    count = Counter(page)
    sign_up_and_check(page, live_server, count)
    count.tap(on_step(page, "episode").get_by_label("Under 6 weeks"))
    count.tap(page.get_by_test_id("start-next"))
    count.tap(on_step(page, "leg").get_by_label("My back only"))
    count.tap(page.get_by_test_id("start-next"))
    count.pick(on_step(page, "activities").get_by_label("Sitting at work"), "5")
    count.tap(page.get_by_test_id("start-next"))
    on_step(page, "equipment").wait_for()
    count.tap(page.get_by_test_id("start-next"))  # none of them: a floor and a chair
    count.tap(on_step(page, "minutes").get_by_label("About 5 minutes"))
    count.tap(page.get_by_test_id("start-next"))
    on_step(page, "reminder").wait_for()
    count.tap(page.get_by_test_id("start-next"))  # "Remind me": 19:00, by e-mail
    page.get_by_test_id("start-summary").wait_for()
    first_tick(page, count)
    print(f"\nfirst-tick-answered: taps={count.taps} typed={count.typed}")
    # Against the skips: each choice and its Next (episode, leg, minutes: 2 taps each), an activity
    # rated from a list (2) and its Next, Next on equipment and on the reminder.
    assert (count.taps, count.typed) == (19, 4)
    answers = StartAnswers.objects.get(user__username="newcomer")
    assert (answers.episode, answers.leg, answers.minutes, answers.equipment) == (
        "under_6_weeks",
        "back_only",
        5,
        [],
    )
    assert Reminder.objects.filter(user__username="newcomer", enabled=True, email_on=True).count() == 1


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
