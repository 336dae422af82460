"""History's insights on the narrowest phone: the cards and the opened list of exercises fit."""

import pytest

from tests.browser.test_journeys import log_in
from tests.browser.test_phone_layout import fits, phone  # noqa: F401 - `phone` is a fixture
from tests.conftest import make_user, screen_clear
from tests.journal.test_insights_page import diary

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_insights_fit_a_320_px_phone(phone, live_server):  # noqa: F811
    user = make_user("insightful")
    screen_clear(user)
    diary(user, done=15, not_done=12)
    log_in(phone, live_server, user)
    phone.goto(live_server.url + "/history/")
    section = phone.get_by_test_id("insights")
    assert section.get_by_test_id("insight").first.is_visible()
    assert "Doing your plan" in section.get_by_test_id("insight").first.inner_text()
    section.get_by_test_id("insight-exercises").locator("summary").click()
    # The plan, a walk, and the six other exercises as one group (all ticked on the same days),
    # with the line saying why.
    assert section.get_by_test_id("insight").count() == 3
    assert section.get_by_test_id("insight").nth(2).is_visible()
    assert section.get_by_test_id("insight-together").is_visible()
    fits(phone)
