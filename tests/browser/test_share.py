"""Sharing the report in a real browser: a link made on a phone opens in a fresh browser with no
account, shows only the report, prints within an A4 page, and stops working once withdrawn."""

import re

import pytest
from playwright.sync_api import expect

from journal.models import Entry, ShareView
from tests.browser.conftest import SIZES
from tests.browser.test_journeys import log_in
from tests.conftest import make_history, make_level_changes, make_user, screen_clear

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# A4 less the report's 10 mm margins, in CSS pixels (96 per inch).
A4_PRINT_WIDTH = round((210 - 20) / 25.4 * 96)


@pytest.fixture
def patient(live_server):
    user = make_user("patient")
    screen_clear(user)
    make_history(user, 60, pain=lambda n: 6 - n // 15)
    for entry in Entry.objects.filter(user=user)[:12]:
        entry.notes = "Stiff after a long drive, better after walking the dog in the park."
        entry.save()
    make_level_changes(
        user,
        10,
        direction="down",
        rule="pain_during",
        values={"date": "2026-11-03", "pain_during": 6},
        reason="Pain during the exercise was 6 on 3 Nov.",
    )
    return user


def labels_clear_of_values(page):
    """Each fact's label ends before its value starts, on the same line or above it."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.report-facts dt')].every(dt => {
            const a = dt.getBoundingClientRect(), b = dt.nextElementSibling.getBoundingClientRect();
            return a.right <= b.left + 0.5 || a.bottom <= b.top + 0.5;
        })"""
    )


@pytest.mark.parametrize("size", ["phone"])
def test_a_link_made_on_a_phone_opens_in_a_fresh_browser_without_an_account(
    browser, page, live_server, patient, size, check_a11y, screenshot
):
    log_in(page, live_server, patient)
    page.goto(live_server.url + "/history/report/")
    assert labels_clear_of_values(page)
    page.get_by_test_id("share-report").click()
    check_a11y(page)
    page.get_by_label("Your name as the report shows it").fill("Pat D.")
    assert page.get_by_label("The link works for (days)").input_value() == "7"
    page.get_by_label("Show my diary notes").check()
    page.get_by_role("button", name="Make the link").click()
    url = page.get_by_test_id("share-url").input_value()
    assert url.startswith(live_server.url + "/shared/")

    fresh = browser.new_context(viewport=SIZES["phone"])
    try:
        clinician = fresh.new_page()
        response = clinician.goto(url)
        assert response.status == 200 and response.headers["x-robots-tag"].startswith("noindex")
        clinician.get_by_test_id("report").wait_for()
        assert clinician.get_by_test_id("report-name").inner_text() == "Pat D."
        assert clinician.get_by_test_id("report-notes").is_visible()
        assert clinician.get_by_test_id("report-safety").count() == 0
        assert clinician.get_by_test_id("print-report").is_visible()  # shown by report.js
        hrefs = clinician.locator("a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert all(h.startswith(("?range=", "#")) for h in hrefs), hrefs  # nothing leads into an account
        assert labels_clear_of_values(clinician)
        check_a11y(clinician)
        screenshot(clinician, "shared-report")

        # The owner sees the opening with its time, and withdraws the link in one tap.
        page.goto(live_server.url + "/history/report/share/")
        assert "Opened 1 time" in page.get_by_test_id("share-link").inner_text()
        page.get_by_test_id("share-revoke").click()
        expect(page.get_by_test_id("share-link")).to_have_attribute("data-state", "withdrawn")
        response = clinician.goto(url)
        assert response.status == 410
        assert "withdrawn" in clinician.get_by_test_id("share-closed").inner_text()
    finally:
        fresh.close()
    assert ShareView.objects.count() == 1


def test_the_shared_report_prints_within_an_a4_page(browser, live_server, patient):
    from django.utils import timezone

    from journal.services import share_link_create

    _, token = share_link_create(
        user=patient, display_name="Pat D.", days=7, show_notes=True, show_safety=True, now=timezone.now()
    )
    context = browser.new_context(viewport={"width": A4_PRINT_WIDTH, "height": 1000})
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/shared/{token}/")
        page.get_by_test_id("report").wait_for()
        page.emulate_media(media="print")
        # Nothing wider than the printable width of A4, and no label runs into its value.
        assert page.evaluate("document.documentElement.scrollWidth") <= A4_PRINT_WIDTH
        assert labels_clear_of_values(page)
        assert page.get_by_test_id("print-report").is_hidden()
        dates = page.locator(".report-chart text.date").evaluate_all("ts => ts.map(t => t.textContent)")
        assert len(dates) >= 2 and all(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}", d) for d in dates), dates
        pdf = page.pdf(format="A4")
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert pages == 1, f"the shared report takes {pages} A4 pages"
    finally:
        context.close()
