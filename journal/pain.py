"""Pain-score rules shared by progression and safety: pure functions, no queries."""

from statistics import median

BASELINE_WINDOW = 7
BASELINE_MIN_CHECKINS = 3


def baseline(entries, before):
    """The user's usual pain: the median of the last 7 check-ins before `before`.

    `entries` are objects with `date`, `pain` and `day_type` (any order). Rough days and days
    without a score are left out; with fewer than 3 check-ins there is no baseline (None).
    """
    scores = [
        e.pain
        for e in sorted(entries, key=lambda e: e.date, reverse=True)
        if e.date < before and e.pain is not None and e.day_type != "rough"
    ][:BASELINE_WINDOW]
    if len(scores) < BASELINE_MIN_CHECKINS:
        return None
    return median(scores)
