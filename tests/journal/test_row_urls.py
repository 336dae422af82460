"""journal/row_urls.py: url_format, a URL reversed once with its changing part left as {}."""

from datetime import date

from django.urls import reverse

from journal.row_urls import OPEN, OPEN_NUMBER, url_format


def test_a_formatted_url_is_the_url_reverse_gives_for_each_value():
    day = url_format("journal:day", day=OPEN)
    assert day.format("2026-12-07") == reverse("journal:day", kwargs={"day": date(2026, 12, 7).isoformat()})
    # An int converter refuses OPEN: the number stands in for it.
    for pk in (1, 42, 987654):
        assert url_format("journal:accept", pk=OPEN_NUMBER).format(pk) == reverse(
            "journal:accept", kwargs={"pk": pk}
        )
        assert url_format("journal:dismiss", pk=OPEN_NUMBER).format(pk) == reverse(
            "journal:dismiss", kwargs={"pk": pk}
        )
