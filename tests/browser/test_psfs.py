"""The PSFS in a real browser on a phone: a first round from Today's card, then a second round
two weeks later (the same activities, last time's rating shown; one retired, one added)."""

from datetime import timedelta

import pytest

from backcare import diary_version
from journal.models import PsfsActivity, PsfsRating, PsfsRound
from tests.browser.test_journeys import log_in
from tests.conftest import make_user, screen_clear

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("size", ["phone"])
def test_a_first_and_a_second_round_on_a_phone(page, live_server, check_a11y, screenshot):
    user = make_user("pia")
    screen_clear(user)
    log_in(page, live_server, user)
    page.goto(live_server.url + "/today/")
    page.get_by_test_id("psfs").get_by_test_id("psfs-start").click()
    page.get_by_test_id("psfs-form").wait_for()
    check_a11y(page)
    page.fill("#id_name_0", "Lifting my child")
    page.select_option("#id_new_rating_0", "3")
    page.fill("#id_name_1", "Sitting through a film")
    page.select_option("#id_new_rating_1", "6")
    page.fill("#id_name_2", "Putting on socks")
    page.select_option("#id_new_rating_2", "5")
    page.get_by_test_id("psfs-save").click()
    page.wait_for_url("**/today/")
    assert "activity score today is 4.7" in page.content()
    assert page.get_by_test_id("psfs").count() == 0
    assert PsfsRating.objects.count() == 3

    # Two weeks on: Today asks again.
    for round_ in PsfsRound.objects.all():
        round_.taken_on -= timedelta(days=14)
        round_.save()
    PsfsActivity.objects.update(added_on=user.local_today() - timedelta(days=14))
    diary_version.changed(user)  # edited past the services: the user's kept pages are old
    page.goto(live_server.url + "/today/")
    page.get_by_test_id("psfs-start").click()
    page.get_by_test_id("psfs-form").wait_for()
    activities = page.get_by_test_id("psfs-activity")
    assert activities.count() == 3
    assert "Last time: 3 of 10" in activities.nth(0).inner_text()
    lifting, sitting, socks = PsfsActivity.objects.order_by("pk")
    page.select_option(f"#id_rating_{lifting.pk}", "7")
    page.select_option(f"#id_rating_{sitting.pk}", "6")
    page.check(f"#id_retire_{socks.pk}")
    page.fill("#id_name_0", "Gardening")
    page.select_option("#id_new_rating_0", "2")
    check_a11y(page)
    screenshot(page, "psfs-second-round")
    page.get_by_test_id("psfs-save").click()
    page.wait_for_url("**/today/")
    assert "activity score today is 5.0" in page.content()

    page.goto(live_server.url + "/history/")
    history = page.get_by_test_id("psfs-history")
    assert history.locator("tbody tr").count() == 2
    # The headline counts Lifting and Sitting only; Socks (retired) and Gardening (new) are apart.
    assert (
        "Activities you rated both times: 4.5 → 6.5 (+2.0, a meaningful improvement)" in history.inner_text()
    )
    assert history.get_by_test_id("psfs-apart-row").count() == 2
    page.goto(live_server.url + "/history/report/")
    report = page.get_by_test_id("psfs-report")
    assert report.get_by_test_id("psfs-report-row").count() == 2
    assert "(+2.0, a meaningful improvement)" in report.get_by_test_id("psfs-change").inner_text()
    assert report.get_by_test_id("psfs-apart-row").count() == 2
