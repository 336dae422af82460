"""Pain-score words shared by suggestions and safety: pure functions, no queries.

Pain is the 0-10 Numeric Rating Scale, once a day (the average over the last 24 hours). The words
are defined in docs/clinical-rules.md:

- *usual pain*: the median of the check-ins of the 7 days before a day (at least 3, else unknown);
  rough days are left out, so a bad patch the user has already marked does not raise it;
- *7-day average*: the mean of the check-ins of the 7 days ending on a day (at least 3);
- *flare*: a check-in at usual + 3 or more, or 7 or more while the usual pain is unknown;
- *meaningful change*: the 7-day average moved by 2 points and by 30%.

`entries` everywhere are `history.Day` rows (or objects with their `date`, `pain` and `day_type`),
in any order.
"""

from datetime import timedelta
from statistics import mean, median

from journal.models import Entry

WINDOW_DAYS = 7
MIN_CHECKINS = 3
FLARE_ABOVE_USUAL = 3
FLARE_WITHOUT_USUAL = 7
MEANINGFUL_POINTS = 2
MEANINGFUL_SHARE = 0.3
ROUGH = Entry.DayType.ROUGH


def _scores(entries, first, last, *, skip_rough=False):
    return [
        e.pain
        for e in entries
        if first <= e.date <= last and e.pain is not None and not (skip_rough and e.day_type == ROUGH)
    ]


class Days(tuple):
    """`entries` held for one page's rules, each day's usual pain worked out once as it is first
    asked: the suggestion rules ask the same few days' usual pain for every plan item (some sixty
    asks a Today, for about fourteen days). A tuple, so the days cannot change under what is kept;
    it goes with the page's reads (journal/today_page.py: `suggestion_context`), never kept longer."""

    def __new__(cls, entries):
        days = super().__new__(cls, entries)
        days.usual = {}
        return days


def usual_pain(entries, day):
    """The user's usual pain before `day`: the median of the 7 days before it, or None."""
    kept = getattr(entries, "usual", None)  # Days: asked before
    if kept is not None and day in kept:
        return kept[day]
    scores = _scores(entries, day - timedelta(days=WINDOW_DAYS), day - timedelta(days=1), skip_rough=True)
    found = median(scores) if len(scores) >= MIN_CHECKINS else None
    if kept is not None:
        kept[day] = found
    return found


def seven_day_average(entries, day):
    """The mean of the check-ins of the 7 days ending on `day`, or None with fewer than 3."""
    scores = _scores(entries, day - timedelta(days=WINDOW_DAYS - 1), day)
    return mean(scores) if len(scores) >= MIN_CHECKINS else None


def is_flare(pain, usual):
    """A check-in well above the user's own usual: relative, so a high usual is not "always flaring"."""
    if pain is None:
        return False
    if usual is None:
        return pain >= FLARE_WITHOUT_USUAL
    return pain >= usual + FLARE_ABOVE_USUAL


def meaningful_improvement(before, after):
    """True when the 7-day average fell by 2 points and by 30% from `before` to `after`."""
    if before is None or after is None or before <= 0:
        return False
    drop = before - after
    return drop >= MEANINGFUL_POINTS and drop >= MEANINGFUL_SHARE * before
