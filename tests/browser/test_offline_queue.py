"""Ticks that survive a lost signal (static/js/offline-queue.js, docs/offline.md).

The connection is cut two ways at once: Playwright's offline mode for the page, and every request
to the app aborted by routing on the browser context (offline mode does not cover a service
worker's own requests; a context route does). Writes made meanwhile are kept on the phone, shown
as "Saved on this phone", and sent when the connection comes back: each row reaches the server
once. After the session expired they wait for the same user to log in again; a different user
logging in on the phone is asked, and they are discarded on yes.

These use the browser fixtures of conftest.py: without Chromium they are skipped, except in CI.
"""

import pytest

from backcare.models import UserSession
from exercises.models import Exercise
from journal import services
from journal.models import ClientOperation, Entry, Tick
from tests.conftest import PASSWORD, make_user, screen_clear

from .conftest import _new_page, worker_in_control
from .test_journeys import log_in, saves_settled
from .test_tick_optimistic import ROW, ignore_failed_requests

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

THREE = ("daily-walk", "cat-cow-gentle", "supine-marching")
# What the browser reports itself when these tests cut the network: a failed request, and the
# service worker's update check of /sw.js cut mid-way (Chromium logs that as a console error
# whatever the page does; seen once in a fresh-clone CI run under load).
LOST = ("ERR_INTERNET_DISCONNECTED", "ERR_FAILED", "An unknown error occurred when fetching the script.")


@pytest.fixture
def phone(browser, page_problems):
    """One phone-sized page: the queue does not depend on the layout (test_tick_optimistic.py
    covers both sizes)."""
    context, page = _new_page(browser, "phone", page_problems)
    yield page
    context.close()
    ignore_failed_requests(page_problems, *LOST)
    assert not page_problems.items, "\n".join(page_problems.items)


@pytest.fixture
def walker():
    user = make_user("walker")
    screen_clear(user)
    return user


def go_offline(page, live_server):
    worker_in_control(page)
    page.context.set_offline(True)
    page.context.route(live_server.url + "/**", lambda route: route.abort("internetdisconnected"))


def come_back(page, live_server):
    page.context.unroute(live_server.url + "/**")
    page.context.set_offline(False)  # the browser's "online" event: the queue sends what it kept
    # Chromium's emulated network change sometimes fires its "online" event before the route above
    # is lifted, or not at all; a phone's own event comes once the network is really back.
    page.evaluate("() => window.dispatchEvent(new Event('online'))")


def tick_offline(page, slug):
    row = page.locator(ROW.format(slug))
    row.get_by_test_id("tick").click()
    page.locator(ROW.format(slug) + "[data-pending=queued]").wait_for()
    assert row.get_attribute("data-done") == "true"
    assert row.get_by_role("status").inner_text().startswith("Saved on this phone")


def queue_line(page):
    return page.get_by_test_id("offline-queue").locator("[data-offline-queue-text]")


def ticked(user):
    return sorted(Tick.objects.filter(entry__user=user).values_list("exercise__slug", flat=True))


def log_in_with_the_form(page, user):
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/today/")


def test_three_ticks_and_a_check_in_made_offline_reach_the_server_once(phone, live_server, walker):
    page = phone
    log_in(page, live_server, walker)
    page.goto(live_server.url + "/today/")
    go_offline(page, live_server)

    for slug in THREE:
        tick_offline(page, slug)
    page.locator("label[for=pain-4]").click()
    page.get_by_role("button", name="Save check-in").click()
    page.locator("[data-checkin-form] [data-queued-note]").wait_for()
    assert (
        page.locator("[data-checkin-form] [data-queued-note]").inner_text().startswith("Saved on this phone")
    )
    assert (
        queue_line(page).inner_text() == "4 changes saved on this phone, to be sent when you're back online."
    )
    assert page.get_by_test_id("progress").inner_text() == "3 of 7 done"
    assert page.locator("[data-not-saved]").is_hidden(), "no error: the writes are kept"
    assert not Tick.objects.exists() and not Entry.objects.exists()

    with page.expect_navigation():  # the check-in answered: the day as the server has it
        come_back(page, live_server)
    page.get_by_text("Pain 4 saved").wait_for()
    assert ticked(walker) == sorted(THREE)
    assert all(t.times == 1 for t in Tick.objects.all())
    assert Entry.objects.get().pain == 4
    assert ClientOperation.objects.filter(user=walker).count() == 4
    assert page.locator("[data-testid=plan-item][data-done=true]").count() == 3
    assert page.get_by_test_id("offline-queue").is_hidden()
    assert page.evaluate("() => window.BackCareQueue.list().length") == 0


def test_an_answer_lost_on_the_way_back_counts_once(phone, live_server, walker):
    """The server saved "add one" but its answer never came: the phone keeps the write with the same
    id and sends it again; the server finds the id and counts nothing more."""
    page = phone
    log_in(page, live_server, walker)
    page.goto(live_server.url + "/today/")
    pattern = "**/tick/standing-backbend/"

    calls = []

    def saved_then_lost(route):
        calls.append(route.request.post_data_buffer)
        if len(calls) == 1:
            route.fetch()  # the first reaches the server, which saves it
        route.abort("internetdisconnected")  # and no answer comes back (nor for a quick retry)

    page.route(pattern, saved_then_lost)
    row = page.locator(ROW.format("standing-backbend"))
    row.get_by_test_id("tick").click()
    page.locator(ROW.format("standing-backbend") + "[data-pending=queued]").wait_for()
    assert Tick.objects.get().times == 1
    page.unroute(pattern)
    page.evaluate("() => window.BackCareQueue.flush()")
    assert calls, "the route saw the write"
    saves_settled(page)
    assert Tick.objects.get().times == 1, "sent twice, counted once"
    assert ClientOperation.objects.count() == 1
    assert page.get_by_test_id("schedule").first.is_visible()


def test_a_day_changed_elsewhere_keeps_the_other_version_and_says_so(
    phone, live_server, walker, page_problems
):
    page = phone
    log_in(page, live_server, walker)
    page.goto(live_server.url + "/today/")
    go_offline(page, live_server)
    tick_offline(page, "daily-walk")
    # Meanwhile, on the laptop: ticked, with less than the full dose.
    walk = Exercise.objects.get(slug="daily-walk")
    services.tick_record(user=walker, day=walker.local_today(), exercise=walk, full_dose=False)
    come_back(page, live_server)
    saves_settled(page)
    row = page.locator(ROW.format("daily-walk"))
    assert row.get_by_role("status").inner_text() == "Changed elsewhere; we kept the other version."
    assert (
        "Changed elsewhere; we kept the other version." in page.get_by_test_id("offline-queue").inner_text()
    )
    tick = Tick.objects.get()
    assert tick.full_dose is False, "the server's version stays"
    assert not ClientOperation.objects.exists()
    ignore_failed_requests(page_problems, "409")


def test_after_the_session_expired_the_writes_wait_for_the_same_user(phone, live_server, walker):
    page = phone
    log_in(page, live_server, walker)
    page.goto(live_server.url + "/today/")
    go_offline(page, live_server)
    for slug in THREE[:2]:
        tick_offline(page, slug)
    UserSession.objects.filter(user_id=walker.pk).delete()  # the session expired meanwhile

    come_back(page, live_server)
    page.get_by_test_id("offline-login").wait_for()
    assert queue_line(page).inner_text() == "Log in again to send 2 changes saved on this phone."
    assert not Tick.objects.exists()

    page.get_by_test_id("offline-login").click()
    log_in_with_the_form(page, walker)
    saves_settled(page)
    page.wait_for_function("() => window.BackCareQueue && window.BackCareQueue.list().length === 0")
    assert ticked(walker) == sorted(THREE[:2])
    assert page.locator("[data-testid=plan-item][data-done=true]").count() == 2


def ticked_offline_then_logged_out(page, live_server, walker):
    """The walker ticks a walk offline; their session ends meanwhile; back online the page asks them
    to log in again. Returns a neighbour who will log in on the same phone instead."""
    log_in(page, live_server, walker)
    page.goto(live_server.url + "/today/")
    go_offline(page, live_server)
    tick_offline(page, "daily-walk")
    UserSession.objects.filter(user_id=walker.pk).delete()
    come_back(page, live_server)
    page.get_by_test_id("offline-login").wait_for()
    neighbour = make_user("neighbour")
    screen_clear(neighbour)
    return neighbour


def test_a_different_user_logging_in_is_asked_and_the_writes_are_discarded(phone, live_server, walker):
    page = phone
    neighbour = ticked_offline_then_logged_out(page, live_server, walker)
    asked = []

    def answer(dialog):
        asked.append(dialog.message)
        dialog.accept()

    page.on("dialog", answer)
    page.get_by_test_id("offline-login").click()
    log_in_with_the_form(page, neighbour)
    page.get_by_text("1 change made by another account discarded.").wait_for()
    assert len(asked) == 1 and "another account" in asked[0]
    assert not Tick.objects.exists(), "nothing sent for either of them"
    assert page.evaluate("() => window.BackCareQueue.list().length") == 0
    page.reload()
    assert page.get_by_test_id("offline-queue").is_hidden(), "the phone keeps nothing"
    assert page.locator("[data-testid=plan-item][data-done=true]").count() == 0


def test_a_different_user_who_says_no_keeps_them_for_their_owner(phone, live_server, walker):
    page = phone
    neighbour = ticked_offline_then_logged_out(page, live_server, walker)
    page.once("dialog", lambda dialog: dialog.dismiss())
    log_in(page, live_server, neighbour)
    page.goto(live_server.url + "/today/")
    queue_line(page).get_by_text("1 change saved on this phone by another account").wait_for()
    assert page.locator(ROW.format("daily-walk")).get_attribute("data-done") == "false"
    assert not Tick.objects.exists()

    page.goto("about:blank")  # no queue running on the page while the accounts change over
    page.context.clear_cookies()
    log_in(page, live_server, walker)
    page.goto(live_server.url + "/today/")
    page.wait_for_function("() => window.BackCareQueue && window.BackCareQueue.list().length === 0")
    saves_settled(page)
    assert ticked(walker) == ["daily-walk"]
    assert not Tick.objects.filter(entry__user=neighbour).exists()


def test_counts_and_how_it_felt_made_offline_are_sent_in_order(phone, live_server, walker, check_a11y):
    """Two taps of "Add one" on the same row: the second starts from what the first leaves (its base
    comes from the first one's answer). "How did it feel" on a row ticked before the signal went."""
    page = phone
    log_in(page, live_server, walker)
    page.goto(live_server.url + "/today/")
    page.locator(ROW.format("daily-walk")).get_by_test_id("tick").click()
    saves_settled(page)
    go_offline(page, live_server)

    count = page.locator(ROW.format("standing-backbend"))
    for _ in range(2):
        count.get_by_test_id("tick").click()
        page.locator(ROW.format("standing-backbend") + "[data-pending=queued]").wait_for()
    walk = page.locator(ROW.format("daily-walk"))
    walk.locator(".tick-detail > summary").click()
    walk.get_by_test_id("tell-more").click()
    walk.locator("label[for=pain_during-daily-walk-3]").click()
    walk.get_by_role("button", name="Save").click()
    walk.locator("[data-queued-note]").wait_for()
    assert (
        queue_line(page).inner_text() == "3 changes saved on this phone, to be sent when you're back online."
    )
    check_a11y(page)
    assert Tick.objects.get().pain_during is None

    come_back(page, live_server)
    saves_settled(page)
    page.wait_for_function("() => window.BackCareQueue.list().length === 0")
    assert Tick.objects.get(exercise__slug="standing-backbend").times == 2
    assert Tick.objects.get(exercise__slug="daily-walk").pain_during == 3
    assert (
        page.locator(ROW.format("standing-backbend"))
        .get_by_test_id("schedule")
        .inner_text()
        .startswith("2 of 5")
    )
    assert "Pain during 3" in walk.locator(".tick-detail > summary").inner_text()
    assert ClientOperation.objects.count() == 4  # the first tick was sent online, with its id too
