"""The time zones offered and accepted: canonical zones by region, aliases mapped, clock names refused."""

from datetime import timedelta

import pytest
from django.urls import reverse

from backcare.timezones import canonical, canonical_zones, timezone_choices
from journal.models import Entry
from tests.conftest import screen_clear


@pytest.mark.parametrize(
    "name", ["localtime", "Factory", "posix/Europe/London", "right/Europe/London", "Mars/Base"]
)
def test_names_that_follow_the_servers_clock_or_nothing_are_refused(name):
    assert canonical(name) is None


@pytest.mark.parametrize(
    "alias,zone",
    [
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("US/Eastern", "America/New_York"),
        ("Europe/Kiev", "Europe/Kyiv"),
        ("UTC", "UTC"),
    ],
)
def test_an_alias_a_browser_reports_becomes_its_zone(alias, zone):
    assert canonical(alias) == zone


def test_the_list_is_canonical_and_grouped_by_region():
    zones = canonical_zones()
    assert "Asia/Kolkata" in zones and "Asia/Calcutta" not in zones and "US/Eastern" not in zones
    assert not any(z.startswith(("Etc/", "posix/", "right/")) for z in zones)
    regions = [region for region, _ in timezone_choices()]
    assert regions[0] == "UTC" and {"Europe", "America", "Asia", "Pacific"} <= set(regions)
    europe = dict(dict(timezone_choices())["Europe"])
    assert europe["Europe/London"] == "London"


@pytest.mark.django_db
def test_sign_up_stores_the_zone_of_an_alias(client):
    client.post(
        reverse("signup"),
        {
            "username": "ravi",
            "email": "ravi@example.com",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
            "time_zone": "Asia/Calcutta",
            "country": "",
        },
    )
    from backcare.models import User

    assert User.objects.get(username="ravi").time_zone == "Asia/Kolkata"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["localtime", "Factory", "posix/Europe/London"])
def test_settings_refuse_clock_names(alice_client, alice, name):
    alice_client.post(reverse("settings"), {"email": alice.email, "time_zone": name})
    alice.refresh_from_db()
    assert alice.time_zone == "Europe/London"


@pytest.mark.django_db
def test_settings_show_a_saved_alias_as_its_zone_selected(alice_client, alice):
    alice.time_zone = "Asia/Calcutta"
    alice.save()
    body = alice_client.get(reverse("settings")).content.decode()
    assert '<option value="Asia/Kolkata" selected>' in body
    assert "data-zone-filter" in body and "js/zone-filter.js" in body


@pytest.mark.django_db
def test_a_day_ahead_only_because_the_zone_moved_west_stays_viewable(alice_client, alice):
    screen_clear(alice)
    alice.time_zone = "Pacific/Kiritimati"  # UTC+14
    alice.save()
    ahead = alice.local_today()
    Entry.objects.create(user=alice, date=ahead, pain=3, notes="logged far east")
    alice.time_zone = "Pacific/Pago_Pago"  # UTC-11: that day is now in the future
    alice.save()
    assert ahead > alice.local_today()  # 25 hours apart
    response = alice_client.get(reverse("journal:day", kwargs={"day": ahead.isoformat()}))
    assert response.status_code == 200
    assert "logged far east" in response.content.decode()
    # A day ahead with nothing saved is still refused, and nothing can be written there.
    empty = ahead + timedelta(days=1)
    assert alice_client.get(reverse("journal:day", kwargs={"day": empty.isoformat()})).status_code == 302
    alice_client.post(reverse("journal:checkin", kwargs={"day": ahead.isoformat()}), {"pain": "9"})
    assert Entry.objects.get(date=ahead).pain == 3
