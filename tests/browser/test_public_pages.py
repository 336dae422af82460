import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_landing_page_links_to_sign_up_and_log_in(page, live_server, check_a11y):
    page.goto(live_server.url + "/")
    assert page.get_by_role("link", name="Sign up free").is_visible()
    assert page.get_by_role("link", name="Log in").first.is_visible()
    check_a11y(page)


def test_library_is_readable_without_an_account(page, live_server, check_a11y, screenshot):
    page.goto(live_server.url + "/exercises/")
    assert page.get_by_test_id("progression").count() >= 1
    check_a11y(page)
    screenshot(page, "library")
