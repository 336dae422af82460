"""Sign-up preselects the country from the browser's time zone, and works without JavaScript."""

import pytest
from django.urls import reverse

from backcare.models import User
from tests.browser.conftest import SIZES, PageProblems


@pytest.fixture
def page_in_zone(browser):
    """A desktop page factory whose browser reports the given time zone; fails on any JS or CSP error."""
    opened = []

    def open_page(zone, java_script_enabled=True):
        context = browser.new_context(
            viewport=SIZES["desktop"], timezone_id=zone, java_script_enabled=java_script_enabled
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        problems = PageProblems()
        problems.watch(page)
        opened.append((context, problems))
        return page

    yield open_page
    for context, problems in opened:
        context.close()
        assert not problems.items, "\n".join(problems.items)


def sign_up(page, live_server, name):
    page.goto(live_server.url + reverse("signup"))
    page.fill("#id_username", name)
    page.fill("#id_email", f"{name}@example.com")
    page.fill("#id_password1", "a-long-and-quiet-walk")
    page.fill("#id_password2", "a-long-and-quiet-walk")


def test_the_country_is_preselected_from_the_time_zone_and_saved(page_in_zone, live_server):
    page = page_in_zone("America/Toronto")
    sign_up(page, live_server, "hana")
    assert page.locator("#id_country").input_value() == "CA"
    page.get_by_role("button", name="Sign up").click()
    page.get_by_test_id("safety-form").wait_for()
    user = User.objects.get(username="hana")
    assert (user.time_zone, user.country) == ("America/Toronto", "CA")


def test_a_zone_outside_the_table_leaves_another_country(page_in_zone, live_server):
    page = page_in_zone("Asia/Tokyo")
    sign_up(page, live_server, "ivo")
    assert page.locator("#id_country").input_value() == ""


def test_the_guess_can_be_changed_before_signing_up(page_in_zone, live_server):
    page = page_in_zone("Europe/London")
    sign_up(page, live_server, "jo")
    assert page.locator("#id_country").input_value() == "GB"
    page.select_option("#id_country", label="United Kingdom: Northern Ireland")
    page.get_by_role("button", name="Sign up").click()
    page.get_by_test_id("safety-form").wait_for()
    assert User.objects.get(username="jo").country == "GB-NIR"


def test_without_javascript_the_country_is_a_plain_choice(page_in_zone, live_server):
    page = page_in_zone("America/Toronto", java_script_enabled=False)
    sign_up(page, live_server, "kit")
    assert page.locator("#id_country").input_value() == ""
    page.select_option("#id_country", label="United States")
    page.get_by_role("button", name="Sign up").click()
    page.get_by_test_id("safety-form").wait_for()
    assert User.objects.get(username="kit").country == "US"
