"""Push notifications on the settings page in a real browser, with the browser's push API stubbed
(headless Chromium here reaches no push service): turning push on stores this browser's
subscription on the server, turning it off removes it, a browser without the Push API gets a
clear line and nothing breaks, and without JavaScript the page still works."""

import json

import pytest

from reminders.models import PushSubscription
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_journeys import log_in
from tests.conftest import make_user, screen_clear
from tests.reminders.push_helpers import Browser, vapid_settings

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ENDPOINT = "https://fcm.googleapis.com/fcm/send/browser-test"

# navigator.serviceWorker and its PushManager replaced by fakes that record what the page asks.
STUB = """
(() => {
  const subscription = %(subscription)s;
  const calls = (window.__push = { subscribe: [], unsubscribed: 0 });
  // Kept across reloads, as a browser keeps its subscription.
  const made = {
    endpoint: subscription.endpoint,
    toJSON: () => subscription,
    unsubscribe: () => {
      calls.unsubscribed += 1;
      current = null;
      sessionStorage.removeItem("fake-push");
      return Promise.resolve(true);
    },
  };
  let current = sessionStorage.getItem("fake-push") ? made : null;
  const pushManager = {
    getSubscription: () => Promise.resolve(current),
    subscribe: (options) => {
      calls.subscribe.push({ userVisibleOnly: options.userVisibleOnly, keyBytes: options.applicationServerKey.length });
      current = made;
      sessionStorage.setItem("fake-push", "1");
      return Promise.resolve(made);
    },
  };
  const registration = { pushManager: pushManager };
  const worker = {
    ready: Promise.resolve(registration),
    getRegistration: () => Promise.resolve(registration),
    register: () => Promise.resolve(registration),
  };
  Object.defineProperty(Navigator.prototype, "serviceWorker", { get: () => worker, configurable: true });
  if (!("PushManager" in window)) window.PushManager = function PushManager() {};
})();
"""

# A browser without the Push API (an iPhone's Safari outside the home screen, say).
NO_PUSH = """
(() => {
  delete window.PushManager;
  Object.defineProperty(window, "PushManager", { value: undefined, configurable: true });
  delete window.PushManager;
})();
"""


@pytest.fixture
def vapid(settings):
    return vapid_settings(settings)


@pytest.fixture
def person(live_server):
    user = make_user("pushy")
    screen_clear(user)
    return user


@pytest.mark.parametrize("size", ["phone"])
def test_turning_push_on_and_off_stores_and_removes_this_browsers_subscription(
    page, live_server, person, vapid, size, check_a11y
):
    subscription = Browser(ENDPOINT).subscription()
    page.add_init_script(STUB % {"subscription": json.dumps(subscription)})
    log_in(page, live_server, person)
    page.goto(live_server.url + "/settings/")
    status = page.get_by_test_id("push-status")
    assert "off for this device" in status.inner_text()
    check_a11y(page)
    page.get_by_test_id("push-on").click()
    page.locator("[data-push][data-push-state='on']").wait_for()
    assert "on for this device" in status.inner_text()
    assert "on for 1 device." in page.get_by_test_id("push-devices").inner_text()
    page.get_by_test_id("calendar-push").screenshot(
        path=str(SCREENSHOTS / "settings-calendar-push-phone.png")
    )
    row = PushSubscription.objects.get()
    assert (row.user_id, row.endpoint, row.p256dh) == (person.pk, ENDPOINT, subscription["keys"]["p256dh"])
    calls = page.evaluate("window.__push")
    assert calls["subscribe"] == [{"userVisibleOnly": True, "keyBytes": 65}]  # the VAPID public key

    # Back on the page, the browser still has it: the page says so and tells the server again,
    # which stores it if it had been forgotten and adds no second row otherwise.
    PushSubscription.objects.all().delete()  # as when the push service had said it was gone
    page.reload()
    page.locator("[data-push][data-push-state='on']").wait_for()
    assert page.get_by_test_id("push-this-off").is_visible()
    page.get_by_text("on for 1 device.").wait_for()
    assert PushSubscription.objects.get().endpoint == ENDPOINT
    page.reload()
    page.get_by_text("on for 1 device.").wait_for()
    assert PushSubscription.objects.count() == 1


@pytest.mark.parametrize("size", ["phone"])
def test_turning_push_off_for_this_device(page, live_server, person, vapid, size):
    subscription = Browser(ENDPOINT).subscription()
    page.add_init_script(STUB % {"subscription": json.dumps(subscription)})
    log_in(page, live_server, person)
    page.goto(live_server.url + "/settings/")
    page.get_by_test_id("push-on").click()
    page.locator("[data-push][data-push-state='on']").wait_for()
    page.get_by_test_id("push-this-off").click()
    page.locator("[data-push][data-push-state='off']").wait_for()
    assert "off for this device" in page.get_by_test_id("push-status").inner_text()
    assert page.evaluate("window.__push.unsubscribed") == 1
    assert not PushSubscription.objects.exists()
    assert page.get_by_test_id("push-on").is_visible()


@pytest.mark.parametrize("size", ["phone"])
def test_a_browser_without_the_push_api_gets_a_clear_line_and_nothing_breaks(
    page, live_server, person, vapid, size
):
    page.add_init_script(NO_PUSH)
    log_in(page, live_server, person)
    page.goto(live_server.url + "/settings/")
    page.locator("[data-push][data-push-state='unsupported']").wait_for()
    assert "cannot receive push notifications" in page.get_by_test_id("push-status").inner_text()
    assert not page.get_by_test_id("push-on").is_visible()
    assert page.get_by_test_id("calendar-new").is_visible()


@pytest.mark.parametrize("size", ["phone"])
def test_without_javascript_the_page_says_so_and_push_can_be_turned_off_everywhere(
    nojs_page, live_server, person, vapid, size
):
    PushSubscription.objects.create(user=person, endpoint=ENDPOINT, p256dh="k", auth="a")
    page = nojs_page
    log_in(page, live_server, person)
    page.goto(live_server.url + "/settings/")
    assert "needs JavaScript" in page.get_by_test_id("push-status").inner_text()
    assert not page.get_by_test_id("push-on").is_visible()
    page.get_by_test_id("push-off-all").click()
    assert "off on every device" in page.content()
    assert not PushSubscription.objects.exists()
    # The calendar link works without JavaScript too: made, then shown once.
    page.get_by_test_id("calendar-new").click()
    assert "/reminders/calendar/" in page.get_by_test_id("calendar-url").input_value()


# static/js/sw-push.js runs inside the service worker; here it runs in a page whose `self` has the
# worker's few parts it uses replaced by recorders (registration.showNotification, clients).
HARNESS_SETUP = """
(() => {
  const seen = (window.__sw = { handlers: {}, shown: [], opened: [], focused: 0, windows: [] });
  self.addEventListener = (type, handler) => { seen.handlers[type] = handler; };
  Object.defineProperty(self, "registration", {
    value: { showNotification: (title, options) => { seen.shown.push({ title, ...options }); return Promise.resolve(); } },
    configurable: true,
  });
  window.clients = {
    matchAll: () => Promise.resolve(seen.windows),
    openWindow: (url) => { seen.opened.push(url); return Promise.resolve(null); },
  };
})();
"""
HARNESS = "<!doctype html><title>sw-push</title><script src='/static/js/sw-push.js'></script>"


def run_handler(page, kind, event):
    """Call the handler for `kind` with `event` (a JSON-able description) and wait for its promise."""
    return page.evaluate(
        """async ([kind, event]) => {
            let waited = null;
            const closed = { n: 0 };
            const e = {
              data: event.payload === undefined ? null : {
                json: () => JSON.parse(event.payload),
                text: () => event.payload,
              },
              notification: { data: event.notificationData, close: () => { closed.n += 1; } },
              waitUntil: (promise) => { waited = promise; },
            };
            window.__sw.handlers[kind](e);
            await waited;
            return { ...window.__sw, handlers: Object.keys(window.__sw.handlers), closed: closed.n };
        }""",
        [kind, event],
    )


@pytest.mark.parametrize("size", ["phone"])
def test_the_workers_push_handlers_show_the_reminder_and_open_today(page, live_server, size):
    page.add_init_script(HARNESS_SETUP)
    page.route(
        live_server.url + "/sw-push-harness",
        lambda route: route.fulfill(status=200, content_type="text/html", body=HARNESS),
    )
    page.goto(live_server.url + "/sw-push-harness")
    message = {
        "title": "BackCare: today's plan",
        "body": "Still to do today: Bridging.",
        "url": "/today/",
        "tag": "t",
    }
    seen = run_handler(page, "push", {"payload": json.dumps(message)})
    assert seen["handlers"] == ["push", "notificationclick"]
    (shown,) = seen["shown"]
    assert (shown["title"], shown["body"], shown["tag"]) == (message["title"], message["body"], "t")
    assert shown["data"]["url"] == live_server.url + "/today/"
    # A link to another site in a payload is never opened: Today instead.
    seen = run_handler(page, "push", {"payload": json.dumps({**message, "url": "https://elsewhere.test/x"})})
    assert seen["shown"][-1]["data"]["url"] == live_server.url + "/today/"
    # A push without data still shows a reminder.
    seen = run_handler(page, "push", {})
    assert seen["shown"][-1]["title"] and seen["shown"][-1]["body"]
    # A click with no BackCare window open opens Today.
    seen = run_handler(page, "notificationclick", {"notificationData": {"url": live_server.url + "/today/"}})
    assert seen["opened"] == [live_server.url + "/today/"] and seen["closed"] == 1
    # A BackCare window already open is brought forward and shown Today, not a second one opened.
    page.evaluate(
        """(origin) => { window.__sw.windows.push({
            url: origin + "/history/",
            focus() { window.__sw.focused += 1; return Promise.resolve(this); },
            navigate(url) { window.__sw.navigated = url; return Promise.resolve(this); },
        }); }""",
        live_server.url,
    )
    seen = run_handler(page, "notificationclick", {"notificationData": {"url": live_server.url + "/today/"}})
    assert seen["focused"] == 1 and seen["navigated"] == live_server.url + "/today/"
    assert len(seen["opened"]) == 1
