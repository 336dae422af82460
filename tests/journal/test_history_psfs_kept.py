"""History's and the report's PSFS summary as kept in the shared cache (journal/views/history_page.py:
_first_and_latest): each activity apart holds only its first and latest ratings, and the rows apart
read the same from it as from the whole summary."""

from datetime import date

from journal import psfs
from journal.views.history_page import _first_and_latest, _psfs_apart_html


def _apart(name, *ratings, in_first=False, in_latest=True):
    days = [date(2026, 1, 1 + 14 * n) if n < 2 else date(2026, 2 + n, 1) for n in range(len(ratings))]
    return psfs.ApartActivity(name, tuple(zip(days, ratings, strict=True)), in_first, in_latest)


def _summary(*apart):
    return psfs.Summary([(date(2026, 1, 1), 5.0), (date(2026, 6, 1), 6.0)], None, apart=list(apart))


def test_an_activity_rated_three_times_apart_keeps_its_first_and_latest_rating():
    found = _summary(_apart("Stairs", 3, 4, 6), _apart("Garden", 2), _apart("Bike", 5, 7, in_first=True))
    kept = _first_and_latest(found)
    stairs, garden, bike = kept.apart
    assert stairs.ratings == (found.apart[0].ratings[0], found.apart[0].ratings[-1])
    assert (stairs.first, stairs.first_on, stairs.latest, stairs.latest_on) == (
        3,
        date(2026, 1, 1),
        6,
        date(2026, 4, 1),
    )
    assert garden == found.apart[1] and bike == found.apart[2]  # once or twice: as they were
    assert (kept.series, kept.change, kept.first_on, kept.latest_on) == (
        found.series,
        found.change,
        found.first_on,
        found.latest_on,
    )
    assert _psfs_apart_html(kept) == _psfs_apart_html(found)  # what History and the report print


def test_a_summary_without_a_long_activity_apart_is_kept_as_it_is():
    found = _summary(_apart("Garden", 2), _apart("Bike", 5, 7))
    assert _first_and_latest(found) is found
