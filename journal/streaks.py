"""Streaks over the days a user was active: pure functions.

A day counts when it has at least one tick or is marked as a rest or rough day. The current
streak runs up to yesterday; today adds to it once it counts.
"""

from datetime import timedelta


def current_streak(active_days, today):
    days = set(active_days)
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def longest_streak(active_days):
    # Day numbers rather than dates: five years of days are counted on every "all" History page.
    best = run = 0
    previous = None
    for day in sorted({d.toordinal() for d in active_days}):
        run = run + 1 if day - 1 == previous else 1
        if run > best:
            best = run
        previous = day
    return best
