"""Today and the other pages fitted to a phone: nothing wider than a 320 px screen, a one-line
header, and after the check-in the first exercise on the first screen of a 390 × 844 phone."""

import pytest

from journal.models import Entry
from tests.browser.test_journeys import log_in
from tests.conftest import make_history, make_user, screen_clear

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NARROWEST = {"width": 320, "height": 640}
PHONE = {"width": 390, "height": 844}

# Elements drawn past the right edge of the screen (hidden ones and closed folds do not count).
WIDER_THAN_THE_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")]
    .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > width + 0.5)
    .map((e) => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ").join(".") : ""));
}"""

# The header's visible items: one line means one top for all of them.
HEADER_LINES = """() => {
  const items = [...document.querySelectorAll(".site-nav > .brand, .site-nav > .nav-links > li")]
    .filter((e) => e.getClientRects().length);
  return [...new Set(items.map((e) => Math.round(e.getBoundingClientRect().top)))].length;
}"""


@pytest.fixture
def phone(browser, page_problems):
    """A page at the narrowest phone width; resize it with set_viewport_size."""
    context = browser.new_context(viewport=NARROWEST)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page_problems.watch(page)
    yield page
    context.close()
    assert not page_problems.items, "\n".join(page_problems.items)


def fits(page):
    """The page as it is now: no sideways scrolling, nothing past the edge, the header on one line."""
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url
    assert page.evaluate(WIDER_THAN_THE_SCREEN) == [], page.url
    assert page.evaluate(HEADER_LINES) == 1, f"the header wraps on {page.url}"


def test_nothing_overflows_at_320_px(phone, live_server):
    user = make_user("narrow")
    screen_clear(user)
    make_history(user, 40, pain=lambda n: 6 - n // 10)
    log_in(phone, live_server, user)

    phone.goto(live_server.url + "/today/")  # the check-in open, with its eleven buttons
    assert phone.get_by_test_id("pain-form").is_visible()
    fits(phone)
    phone.locator("label[for=pain-4]").click()
    phone.get_by_role("button", name="Save check-in").click()
    phone.get_by_test_id("checkin-summary").wait_for()
    row = phone.locator("[data-testid=plan-item]").first
    row.get_by_test_id("tick").click()
    phone.locator("[data-testid=plan-item][data-done=true]").first.wait_for()
    phone.locator("[data-plan] [data-pending]").first.wait_for(state="detached")
    row = phone.locator("[data-testid=plan-item]").first
    row.get_by_text("How to do it well").click()
    row.locator(".tick-detail > summary").click()
    row.get_by_test_id("tell-more").click()  # the session's big buttons, eleven of them for pain
    phone.get_by_test_id("checkin-summary").click()
    fits(phone)

    for path in (
        "/history/",
        "/history/?range=all",
        "/settings/",
        "/exercises/",
        "/exercises/cat-cow-gentle/",
    ):
        phone.goto(live_server.url + path)
        fits(phone)
    phone.goto(live_server.url + "/safety/")
    phone.get_by_test_id("safety-form").wait_for()
    fits(phone)

    # The menu holds the rest of the header, and opens inside the screen.
    phone.goto(live_server.url + "/today/")
    menu = phone.get_by_test_id("nav-menu")
    menu.locator("summary").click()
    fits(phone)
    assert menu.get_by_role("link", name="Settings").is_visible()
    # Escape closes it and puts the focus back on "Menu"; so does a tap outside it.
    phone.keyboard.press("Escape")
    assert not menu.get_by_role("link", name="Settings").is_visible()
    assert phone.evaluate("document.activeElement.textContent") == "Menu"
    menu.locator("summary").click()
    phone.locator("h1").click()
    assert not menu.get_by_role("link", name="Settings").is_visible()
    menu.locator("summary").click()
    menu.get_by_role("link", name="Exercises").click()
    phone.wait_for_url("**/exercises/")


def test_the_header_is_one_line_without_an_account_too(phone, live_server):
    for path in ("/", "/accounts/login/", "/accounts/signup/", "/exercises/"):
        phone.goto(live_server.url + path)
        fits(phone)


def test_the_desktop_header_shows_every_link_and_no_menu(phone, live_server):
    user = make_user("wide")
    screen_clear(user)
    log_in(phone, live_server, user)
    phone.set_viewport_size({"width": 1280, "height": 800})
    phone.goto(live_server.url + "/today/")
    nav = phone.get_by_role("navigation", name="Main")
    for name in ("Today", "History", "Exercises", "Settings"):
        assert nav.get_by_role("link", name=name).is_visible()
    assert nav.get_by_role("button", name="Log out").is_visible()
    assert not phone.get_by_test_id("nav-menu").is_visible()
    fits(phone)


def first_screen_after_check_in(page, live_server, username):
    user = make_user(username)
    screen_clear(user)
    log_in(page, live_server, user)
    page.goto(live_server.url + "/today/")
    page.locator("label[for=pain-4]").click()
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_test_id("checkin-summary").wait_for()
    return user


def test_after_the_check_in_the_first_exercise_is_on_the_first_phone_screen(
    browser, live_server, page_problems
):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page_problems.watch(page)
    user = first_screen_after_check_in(page, live_server, "pocket")
    assert page.evaluate("window.scrollY") == 0
    first = page.locator("[data-testid=plan-item]").first
    box = first.bounding_box()
    assert box["y"] < PHONE["height"], "the first exercise starts below the first screen"
    # Its name, dose and Done button are all in view.
    for part in (".row-name", ".dose", "[data-testid=tick]"):
        part_box = first.locator(part).bounding_box()
        assert part_box["y"] + part_box["height"] <= PHONE["height"], part
    assert " ".join(page.get_by_test_id("checkin-summary").inner_text().split()) == "Pain 4 today · change"
    assert Entry.objects.get(user=user).pain == 4
    context.close()
    assert not page_problems.items, "\n".join(page_problems.items)


def test_the_folded_check_in_opens_and_saves_without_javascript(browser, live_server, page_problems):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page_problems.watch(page)
    user = first_screen_after_check_in(page, live_server, "nojs")
    assert not page.get_by_test_id("pain-form").is_visible()
    page.get_by_test_id("checkin-summary").click()
    page.locator("label[for=pain-2]").click()
    page.fill("#id_notes", "Better after a walk")
    page.get_by_role("button", name="Update check-in").click()
    page.get_by_text("Pain 2 saved").wait_for()
    entry = Entry.objects.get(user=user)
    assert (entry.pain, entry.notes) == (2, "Better after a walk")
    # The menu opens without script as well.
    page.get_by_test_id("nav-menu").locator("summary").click()
    page.get_by_test_id("nav-menu").get_by_role("link", name="Settings").click()
    page.wait_for_url("**/settings/")
    context.close()
    assert not page_problems.items, "\n".join(page_problems.items)
