"""Every day the app accepts is ISO YYYY-MM-DD, not in the user's future and not before the diary's
floor (a year before the account was created); pages are bounded by the data that can exist."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from journal import days
from journal.models import Entry, Tick

TODAY = date(2026, 11, 29)
FIRST = date(2025, 11, 29)


@pytest.mark.parametrize(
    "value", ["20261105", "2026-W02-1", "2026-045", "2026-11-5", " 2026-11-05", "2026-11-05T00:00", ""]
)
def test_other_spellings_of_a_date_are_not_days(value):
    day, error = days.parse(value, today=TODAY, first=FIRST)
    assert day is None and "Dates look like 2026-03-01" in error


def test_the_range_is_from_the_floor_to_today():
    assert days.parse("2026-11-29", today=TODAY, first=FIRST) == (TODAY, None)
    assert days.parse("2025-11-29", today=TODAY, first=FIRST) == (FIRST, None)
    assert "before it" in days.parse("2025-11-28", today=TODAY, first=FIRST)[1]
    assert "hasn't happened yet" in days.parse("2026-11-30", today=TODAY, first=FIRST)[1]
    assert days.floor(date(2026, 3, 1)) == date(2025, 3, 1)


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["0001-01-01", "1900-06-01", "20261105", "2026-W02-1"])
def test_a_check_in_or_tick_outside_the_range_is_refused_with_a_message(alice_today, screened_alice, value):
    for url, data in (
        (reverse("journal:checkin", kwargs={"day": value}), {"pain": "3"}),
        (reverse("journal:tick", kwargs={"day": value, "exercise": "supine-marching"}), {}),
    ):
        response = alice_today.post(url, data, follow=True)
        assert response.status_code == 200
        body = response.content.decode()
        assert "before it" in body or "Dates look like 2026-03-01" in body
    assert not Entry.objects.exists() and not Tick.objects.exists()


@pytest.mark.django_db
def test_a_day_before_the_floor_saved_under_old_rules_stays_in_the_export_and_can_be_deleted(
    alice_today, screened_alice
):
    Entry.objects.create(user=screened_alice, date=date(1, 1, 1), pain=5, notes="typed long ago")
    Entry.objects.create(user=screened_alice, date=screened_alice.local_today(), pain=3)
    # History "all" starts at the floor: two years of days at most, not two thousand.
    response = alice_today.get(reverse("journal:history"), {"range": "all"})
    assert response.status_code == 200
    assert len(response.content) < 200_000
    assert response.context["start"] >= days.first_day(screened_alice)
    assert alice_today.get(reverse("journal:report"), {"range": "all"}).status_code == 200
    csv_body = b"".join(alice_today.get(reverse("journal:export_csv")).streaming_content).decode()
    assert "0001-01-01" in csv_body
    page = alice_today.get(reverse("journal:old_days")).content.decode()
    assert "1 Jan 0001" in page and "typed long ago" in page
    alice_today.post(reverse("journal:old_days"))
    assert list(Entry.objects.values_list("pain", flat=True)) == [3]
    assert 'data-testid="no-old-days"' in alice_today.get(reverse("journal:old_days")).content.decode()


@pytest.mark.django_db
def test_the_floor_follows_the_account(alice_today, screened_alice):
    first = days.first_day(screened_alice)
    assert first == screened_alice.date_joined.astimezone(screened_alice.tzinfo).date() - timedelta(days=365)
    response = alice_today.post(reverse("journal:checkin", kwargs={"day": first.isoformat()}), {"pain": "4"})
    assert response.status_code == 302
    assert Entry.objects.get().date == first
