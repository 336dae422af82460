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


def test_the_library_list_is_short_on_a_phone_and_filters_without_javascript(
    browser, live_server, page_problems, check_a11y
):
    """Issue 26: the list was about 6,000 px of text at 390×844. Now one collapsed card per family
    with a still figure; the filter is a plain GET form, used here with JavaScript off."""
    from .conftest import SIZES

    for scripts in (True, False):
        context = browser.new_context(viewport=SIZES["phone"], java_script_enabled=scripts)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page_problems.watch(page)
        try:
            page.goto(live_server.url + "/exercises/")
            assert (
                page.get_by_test_id("figure-still").count()
                == page.get_by_test_id("progression").count()
                == 12
            )
            if scripts:
                height = page.evaluate("document.documentElement.scrollHeight")
                print(f"\nlibrary list at 390×844: {height} px")
                assert height < 2500
                check_a11y(page)
                continue
            # A family opens with a tap on its name (<details>, no script).
            family = page.locator("details#cat-cow")
            family.locator("summary").click()
            assert family.get_by_role("link", name="Level 1").first.is_visible()

            page.get_by_text("Filter by position and equipment").click()
            page.get_by_label("Face down", exact=True).check()
            page.get_by_test_id("filter-apply").click()
            page.wait_for_url("**/exercises/?position=prone")
            assert 0 < page.get_by_test_id("progression").count() < 12
            assert page.get_by_role("link", name="Lying face down").is_visible()
        finally:
            context.close()
    assert not page_problems.items, "\n".join(page_problems.items)
