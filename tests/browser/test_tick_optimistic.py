"""A tap on Done or Undo shows at once, before the server answers (static/js/today.js).

The row turns done (or not done) immediately and is marked pending; the server's answer then
replaces it. A refusal (the server answered "not saved") puts the row back and says why; a lost
connection keeps the row as tapped, "Saved on this phone" (the offline queue), until it is sent.
Without JavaScript the plain forms post as before.

These use the browser fixtures of conftest.py: without Chromium they are skipped, except in CI,
where a browser that cannot start fails the run.
"""

import json

import pytest

from journal.models import PlanItem, SafetyScreen, Tick
from journal.safety import QUESTION_KEYS
from tests.conftest import make_user, screen_clear

from .conftest import _new_page, wait_until, worker_in_control
from .test_journeys import log_in, main_frame_navigations, saves_settled

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROW = "[data-testid=plan-item][data-exercise={}]"
REFUSED = "Not saved: please talk to a clinician before these exercises."


def ignore_failed_requests(page_problems, *codes):
    """The browser reports a failed or refused request itself; those are expected in these tests."""
    page_problems.items[:] = [p for p in page_problems.items if not any(code in p for code in codes)]


@pytest.fixture
def page(browser, size, page_problems):
    """The shared page, with no service worker: these tests answer the tick themselves
    (`page.route`), and a request made under a worker's control is not routed by Playwright. Once
    the worker installed on the first Today claims the page (a race with the test's first tap),
    the real server answered instead (test_a_refused_tick_rolls_back_and_says_why failed in CI).
    The worker's own behaviour is tests/browser/test_pwa.py's."""
    context, page = _new_page(browser, size, page_problems, service_workers="block")
    yield page
    context.close()
    assert not page_problems.items, "\n".join(page_problems.items)


@pytest.fixture
def tapper():
    user = make_user("tapper")
    screen_clear(user)
    return user


@pytest.fixture
def today_page(page, live_server, tapper):
    log_in(page, live_server, tapper)
    page.goto(live_server.url + "/today/")
    return page


@pytest.fixture
def today_page_with_worker(browser, size, page_problems, live_server, tapper):
    """Today in a page the service worker may control (the offline test needs it)."""
    context, page = _new_page(browser, size, page_problems)
    log_in(page, live_server, tapper)
    page.goto(live_server.url + "/today/")
    yield page
    context.close()
    assert not page_problems.items, "\n".join(page_problems.items)


def hold(page, pattern):
    """Hold every request to `pattern` until the test lets it go: returns the held routes."""
    held = []
    page.route(pattern, lambda route: held.append(route))
    return held


def test_the_row_shows_done_before_the_server_answers(today_page):
    page = today_page
    held = hold(page, "**/tick/**")
    navigations = main_frame_navigations(page)
    row = page.locator(ROW.format("daily-walk"))
    row.get_by_test_id("tick").click()
    assert row.get_attribute("data-done") == "true"
    assert row.get_attribute("data-pending") == "saving"
    assert row.get_by_test_id("undo").is_visible()
    assert row.get_by_role("status").inner_text() == "Saving…"
    assert page.get_by_test_id("progress").inner_text() == "1 of 7 done"
    wait_until(page, lambda: held, "the tick's request")  # the server has it, but it is not let go
    assert len(held) == 1  # still shown done
    assert row.get_attribute("data-done") == "true"
    assert not Tick.objects.exists()

    held[0].continue_()
    saves_settled(page)
    assert row.get_attribute("data-done") == "true"
    assert row.locator(".tick-detail").count() == 1, "the server's row replaces the shown one"
    assert row.get_by_role("status").count() == 0
    assert Tick.objects.filter(exercise__slug="daily-walk").count() == 1
    assert navigations == []


def test_undo_shows_at_once_too(today_page):
    page = today_page
    row = page.locator(ROW.format("daily-walk"))
    row.get_by_test_id("tick").click()
    saves_settled(page)
    held = hold(page, "**/untick/**")
    row.get_by_test_id("undo").click()
    assert row.get_attribute("data-done") == "false"
    assert row.get_attribute("data-pending") == "saving"
    assert row.get_by_test_id("tick").is_visible()
    assert not row.locator(".tick-detail").is_visible()
    assert page.get_by_test_id("progress").inner_text() == "0 of 7 done"
    wait_until(page, lambda: held, "the untick's request")
    assert Tick.objects.count() == 1
    held[0].continue_()
    saves_settled(page)
    assert row.get_attribute("data-done") == "false"
    assert not Tick.objects.exists()


def test_a_second_tap_waits_for_the_first_and_the_last_one_wins(today_page):
    page = today_page
    held = hold(page, "**/tick/**")
    row = page.locator(ROW.format("cat-cow-gentle"))
    row.get_by_test_id("tick").click()
    row.get_by_test_id("undo").click()  # changed their mind while the tick is on its way
    assert row.get_attribute("data-done") == "false"
    assert row.get_attribute("data-pending") == "saving"
    wait_until(page, lambda: held, "the tick's request")
    held[0].continue_()  # the untick goes after it ("**/tick/**" does not match it)
    saves_settled(page)
    assert row.get_attribute("data-done") == "false"
    assert not Tick.objects.exists()


def test_a_refused_tick_rolls_back_and_says_why(today_page, page_problems):
    page = today_page
    page.route(
        "**/tick/**",
        lambda route: route.fulfill(
            status=403, content_type="application/json", body=json.dumps({"ok": False, "message": REFUSED})
        ),
    )
    row = page.locator(ROW.format("daily-walk"))
    row.get_by_test_id("tick").click()
    alert = page.locator("[data-not-saved]")
    alert.wait_for(state="visible")
    assert alert.inner_text() == REFUSED
    assert row.get_attribute("data-done") == "false"
    assert row.get_attribute("data-pending") is None
    assert row.get_by_test_id("tick").is_enabled()
    assert page.get_by_test_id("progress").inner_text() == "0 of 7 done"
    assert not Tick.objects.exists()
    ignore_failed_requests(page_problems, "403")


def test_the_real_gate_refuses_a_tick_after_a_new_screen(today_page, tapper, page_problems):
    """The page was drawn before a screen that holds the plan: the server's 403 rolls the tap back."""
    page = today_page
    SafetyScreen.objects.create(
        user=tapper,
        taken_on=tapper.local_today(),
        answers=dict.fromkeys(QUESTION_KEYS, False),
        outcome=SafetyScreen.Outcome.TALK_FIRST,
    )
    row = page.locator(ROW.format("daily-walk"))
    row.get_by_test_id("tick").click()
    alert = page.locator("[data-not-saved]")
    alert.wait_for(state="visible")
    assert alert.inner_text().startswith("Not saved: ")
    assert row.get_attribute("data-done") == "false"
    assert row.get_attribute("data-pending") is None
    assert not Tick.objects.exists()
    ignore_failed_requests(page_problems, "403")


def test_a_tick_refused_as_not_planned_rolls_back(today_page, tapper, page_problems):
    page = today_page
    PlanItem.objects.filter(user=tapper, exercise__slug="daily-walk").update(active=False)
    row = page.locator(ROW.format("daily-walk"))
    row.get_by_test_id("tick").click()
    page.locator("[data-not-saved]").wait_for(state="visible")
    assert "isn't in the plan" in page.locator("[data-not-saved]").inner_text()
    assert row.get_attribute("data-done") == "false"
    assert not Tick.objects.exists()
    ignore_failed_requests(page_problems, "400")


def test_a_lost_connection_keeps_the_tick_on_this_phone(today_page, page_problems):
    """The request fails though the browser says it is online: the tick is kept on this phone
    (static/js/offline-queue.js) and sent when asked again; tests/browser/test_offline_queue.py
    has the rest."""
    page = today_page
    page.route("**/tick/**", lambda route: route.abort("internetdisconnected"))
    row = page.locator(ROW.format("daily-walk"))
    row.get_by_test_id("tick").click()
    page.locator(ROW.format("daily-walk") + "[data-pending=queued]").wait_for()
    assert row.get_attribute("data-done") == "true", "a lost connection does not roll the tick back"
    assert row.get_by_role("status").inner_text().startswith("Saved on this phone")
    assert page.locator("[data-not-saved]").is_hidden()
    assert page.get_by_test_id("progress").inner_text() == "1 of 7 done"
    assert not Tick.objects.exists()

    page.unroute("**/tick/**")
    page.evaluate("() => window.BackCareQueue.flush()")
    saves_settled(page)
    assert row.get_attribute("data-done") == "true"
    assert row.get_by_role("status").count() == 0
    assert Tick.objects.filter(exercise__slug="daily-walk").count() == 1
    ignore_failed_requests(page_problems, "ERR_INTERNET_DISCONNECTED")


def test_a_tick_made_offline_is_saved_when_the_connection_comes_back(today_page_with_worker, page_problems):
    page = today_page_with_worker
    worker_in_control(page)
    page.context.set_offline(True)
    row = page.locator(ROW.format("supine-marching"))
    row.get_by_test_id("tick").click()
    page.locator(ROW.format("supine-marching") + "[data-pending=queued]").wait_for()
    assert row.get_attribute("data-done") == "true"
    assert not Tick.objects.exists()
    page.context.set_offline(False)  # the browser's "online" event sends it
    saves_settled(page)
    assert Tick.objects.filter(exercise__slug="supine-marching").count() == 1
    ignore_failed_requests(page_problems, "ERR_INTERNET_DISCONNECTED")


def test_without_javascript_the_forms_post_as_before(nojs_page, live_server):
    user = make_user("plainposter")
    screen_clear(user)
    page = nojs_page
    log_in(page, live_server, user)
    page.goto(live_server.url + "/today/")
    navigations = main_frame_navigations(page)
    with page.expect_navigation():  # the form's POST, its redirect and the page loaded again
        page.locator(ROW.format("daily-walk")).get_by_test_id("tick").click()
    assert len(navigations) == 1, "without JavaScript a tick is a plain POST and a page load"
    assert page.locator(ROW.format("daily-walk")).get_attribute("data-done") == "true"
    assert page.locator("[data-pending]").count() == 0
    assert Tick.objects.filter(entry__user=user).count() == 1
    with page.expect_navigation():
        page.locator(ROW.format("daily-walk")).get_by_test_id("undo").click()
    assert page.locator(ROW.format("daily-walk")).get_attribute("data-done") == "false"
    assert not Tick.objects.exists()


def test_sitting_breaks_count_up_without_a_reload(today_page):
    """A times-a-day row: each tap adds one and the row comes back with its count; undo takes one."""
    page = today_page
    navigations = main_frame_navigations(page)
    row = page.locator(ROW.format("standing-backbend"))
    for n in range(1, 6):
        row.get_by_test_id("tick").click()
        page.wait_for_function(
            "n => document.querySelector(\"[data-exercise='standing-backbend'] [data-testid='schedule']\")"
            ".textContent.startsWith(n + ' of 5')",
            arg=n,
        )
    assert row.get_attribute("data-done") == "true"
    assert page.get_by_test_id("progress").inner_text() == "1 of 7 done"
    row.get_by_test_id("undo").click()
    page.wait_for_function(
        "() => document.querySelector(\"[data-exercise='standing-backbend'] [data-testid='schedule']\")"
        ".textContent.startsWith('4 of 5')"
    )
    assert page.get_by_test_id("progress").inner_text() == "0 of 7 done"
    assert Tick.objects.get(exercise__slug="standing-backbend").times == 4
    assert navigations == []
