"""The guided session (static/js/session.js) played through end to end on a phone.

The session's clock runs 60 times faster here (SESSION_TIME_SCALE: a minute lasts a second), so a
whole session of holds, rests and timed minutes takes a few seconds. Every exercise is finished and
its "how did it feel" answered; then the database must hold a tick for each, with its answers.
"""

import pytest

from journal.models import Tick
from tests.conftest import make_user, screen_clear
from tests.journal.test_session import STARTER_SESSION

from .test_journeys import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STEP = "[data-testid=session-exercise][data-exercise={}]"
FELT = "[data-testid=felt]"


@pytest.fixture
def sessioner(settings):
    settings.SESSION_TIME_SCALE = 60
    user = make_user("sessioner")
    screen_clear(user)
    return user


def ticks(user):
    return {
        t.exercise.slug: (t.pain_during, t.effort, t.spread, t.full_dose)
        for t in Tick.objects.filter(entry__user=user).select_related("exercise")
    }


def tab_to(page, selector, limit=80):
    """Press Tab until the focused element matches `selector` (keyboard only)."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize("size", ["phone"])
def test_a_whole_session_on_a_phone_ticks_every_exercise_with_how_it_felt(
    page, live_server, sessioner, screenshot, check_a11y
):
    log_in(page, live_server, sessioner)
    page.goto(live_server.url + "/today/")
    page.get_by_test_id("start-session").click()
    page.wait_for_url("**/today/session/")
    session = page.get_by_test_id("session")
    # One exercise a screen: the first, with its figure and the clock waiting for Start.
    visible = page.locator("[data-testid=session-exercise]:visible")
    assert visible.count() == 1
    assert visible.get_attribute("data-exercise") == STARTER_SESSION[0]
    assert visible.get_by_test_id("figure").is_visible()
    assert page.locator("[data-clock]").inner_text() == "0:10"
    screenshot(page, "session-start")
    check_a11y(page)

    page.get_by_test_id("pause").click()  # Start
    page.get_by_test_id("tempo").check()  # shown in a reps phase: count one every 3 s
    assert page.locator("[data-live]").inner_text() == "10 slow breaths"  # said as it began
    page.get_by_test_id("pause").click()  # pause, to look at it running
    assert page.get_by_test_id("pause").inner_text() == "Resume"
    screenshot(page, "session-running")
    page.get_by_test_id("pause").click()

    answers = [("2", "easy"), ("1", "right"), ("3", "right"), ("2", "hard"), ("0", "easy")]
    for n, (slug, (pain, effort)) in enumerate(zip(STARTER_SESSION, answers, strict=True)):
        step = page.locator(STEP.format(slug))
        step.locator(FELT).wait_for(state="visible", timeout=20_000)
        if n == 3:
            screenshot(page, "session-how-did-it-feel")
            check_a11y(page)
        felt = step.locator(FELT)
        felt.locator(f"[data-answer=pain_during][value='{pain}']").click()
        felt.locator(f"[data-answer=effort][value={effort}]").click()
        felt.locator("[data-answer=spread][value=no]").click()
        if n + 1 < len(STARTER_SESSION):
            page.locator(STEP.format(STARTER_SESSION[n + 1])).wait_for(state="visible")
    page.get_by_test_id("session-finished").wait_for(state="visible")
    assert "All 5 exercises saved" in session.inner_text()
    screenshot(page, "session-finished")
    check_a11y(page)

    assert ticks(sessioner) == {
        slug: (int(pain), effort, False, True)
        for slug, (pain, effort) in zip(STARTER_SESSION, answers, strict=True)
    }
    # Today shows them done, and no session left to start.
    page.goto(live_server.url + "/today/")
    assert page.locator("[data-testid=plan-item][data-done=true]").count() == 5
    assert page.get_by_test_id("start-session").count() == 0


@pytest.mark.parametrize("size", ["phone"])
def test_the_same_session_with_the_keyboard_only(page, live_server, sessioner):
    log_in(page, live_server, sessioner)
    page.goto(live_server.url + "/today/")
    tab_to(page, "[data-testid=start-session]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/today/session/")
    live = page.locator("[data-live]")
    clock = page.locator("[data-clock]")

    page.keyboard.press("Space")  # start
    page.locator("[data-reps]").first.wait_for(state="visible")  # the ready countdown ran out
    assert clock.inner_text() == "0 / 10"
    page.keyboard.press("Space")  # pause
    assert page.get_by_test_id("pause").inner_text() == "Resume"
    assert live.inner_text() == "Paused"
    page.keyboard.press("ArrowLeft")  # back to getting into position
    assert clock.inner_text() == "0:10"
    assert live.inner_text() == "Get into position"
    page.keyboard.press("Space")  # going again

    for n, slug in enumerate(STARTER_SESSION):
        felt = page.locator(STEP.format(slug)).locator(FELT)
        for _ in range(40):  # reps wait for taps: the right arrow moves on
            if felt.is_visible():
                break
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(50)
        felt.wait_for(state="visible")
        tab_to(page, f"{STEP.format(slug)} [data-answer=pain_during][value='{n}']")
        page.keyboard.press("Enter")
        tab_to(page, f"{STEP.format(slug)} [data-answer=effort][value=right]")
        page.keyboard.press("Space")
        tab_to(page, f"{STEP.format(slug)} [data-answer=spread][value=no]")
        page.keyboard.press("Enter")
        if n + 1 < len(STARTER_SESSION):
            page.locator(STEP.format(STARTER_SESSION[n + 1])).wait_for(state="visible")
    page.get_by_test_id("session-finished").wait_for(state="visible")

    assert ticks(sessioner) == {slug: (n, "right", False, True) for n, slug in enumerate(STARTER_SESSION)}


@pytest.mark.parametrize("size", ["phone"])
def test_done_early_saves_a_partial_dose_and_leaving_keeps_what_was_saved(page, live_server, sessioner):
    log_in(page, live_server, sessioner)
    page.goto(live_server.url + "/today/session/")
    page.get_by_test_id("sound").uncheck()  # no beeps: remembered on this device
    page.reload()
    assert not page.get_by_test_id("sound").is_checked()
    page.get_by_test_id("done-early").click()
    felt = page.locator(STEP.format(STARTER_SESSION[0])).locator(FELT)
    assert "less than the full dose" in felt.inner_text()
    felt.get_by_test_id("felt-skip").click()  # save without answering
    page.locator(STEP.format(STARTER_SESSION[1])).wait_for(state="visible")
    page.get_by_test_id("skip-exercise").click()  # cat/cow not today
    page.locator(STEP.format(STARTER_SESSION[2])).wait_for(state="visible")
    page.get_by_test_id("back-to-today").click()  # leave midway
    page.wait_for_url("**/today/")
    assert ticks(sessioner) == {STARTER_SESSION[0]: (None, "", None, False)}
    page.goto(live_server.url + "/today/session/")
    assert (
        page.locator("[data-testid=session-exercise]:visible").get_attribute("data-exercise")
        == STARTER_SESSION[1]
    )


@pytest.mark.parametrize("size", ["phone"])
def test_without_javascript_the_session_is_a_list_with_done_forms(
    nojs_page, live_server, sessioner, screenshot
):
    page = nojs_page
    log_in(page, live_server, sessioner)
    page.goto(live_server.url + "/today/session/")
    steps = page.locator("[data-testid=session-exercise]")
    assert steps.evaluate_all("els => els.map(e => e.dataset.exercise)") == STARTER_SESSION
    assert all(steps.nth(i).is_visible() for i in range(5))
    assert page.locator("[data-player]").is_hidden()
    screenshot(page, "session-no-js")
    page.locator(STEP.format("cat-cow-gentle")).get_by_test_id("tick").click()
    page.wait_for_url("**/today/session/")
    assert "Gentle cat/cow: done." in page.content()
    assert steps.count() == 4
    assert ticks(sessioner) == {"cat-cow-gentle": (None, "", None, True)}
