"""The shapes of a drawn diary, shared by `manage.py demo` (one user, every detail) and
`manage.py populate` (many users, in bulk): how pain eases, when flares come, which days are
missed, and the words of the notes. Pure: no queries; every draw comes from the caller's seeded
`random.Random`, in a fixed order, so a seed gives the same diary every time.
"""

import math

LEVEL_UP_EVERY = 17  # days between rounds of level-ups (one or two families each)
FIRST_LEVEL_UP = 15
FLARE_BUMP = (4.2, 3.6, 2.7, 1.8, 1.1, 0.5)  # points above the trend, day by day from a flare's start
FLARE_ROUGH_DAYS = 3  # the first days of a flare are marked rough (the gentle set)
CALM_AFTER_FLARE = 12  # no level-up for this many days after a flare began
FLARE_EVERY = 110  # after the first half-year, about one flare in this many days
TRIGGERS = (
    "Lifted a heavy box at work, back tight. Taking it easy.",
    "Long day of gardening yesterday; stiff and sore this morning.",
    "Slept badly on a hotel bed; back seized up getting out of the car.",
    "Moved the sofa. Sharp catch, then a dull ache all day.",
)
NOTES = (
    "Long drive today.",
    "Felt good after the walk.",
    "Stiff in the morning, eased by noon.",
    "Busy day at work, lots of sitting.",
    "Walked to the shops instead of driving.",
    "Bit sore after the dead bugs, fine by the evening.",
    "Good night's sleep, back felt loose.",
)
EASED_NOTE = "Easing off. Back to the usual plan, gently."


def flare_starts(days, rng):
    """The days (from the first) on which flares begin: two in the first half-year, then one every
    few months."""
    if days < 30:
        return []
    horizon = min(days, 180)
    starts = [int(horizon * 0.38), int(horizon * 0.72)]
    n = 180 + FLARE_EVERY // 2
    while n < days - 10:
        starts.append(n + rng.randint(-20, 20))
        n += FLARE_EVERY
    return starts


def flare_days(flares):
    """{day index: days since its flare began} over each flare's bump."""
    days = {}
    for start in flares:
        for k in range(len(FLARE_BUMP)):
            days.setdefault(start + k, k)
    return days


def trend(n):
    """The pain a day's noise and flares are drawn around: about 6 at first, easing towards 2."""
    return 2.0 + 4.2 * math.exp(-n / 75)


def missed_days(days, today_index, flares, rng):
    """The days with no entry at all: a few single days (more early on) and a long weekend away,
    never today, a flare's first days or the day before one (the step back reads them)."""
    keep = {today_index}
    for start in flares:
        keep.update(range(start - 1, start + FLARE_ROUGH_DAYS))
    missed = {n for n in range(days) if rng.random() < (0.09 if n < 40 else 0.05)}
    if days >= 60:
        away = int(days * 0.55) if days <= 365 else rng.randrange(days // 2, days - 30)
        missed.update(range(away, away + 4))
    return missed - keep


def near_flare(n, flares):
    """True within CALM_AFTER_FLARE days after a flare began, or in the two days before one."""
    return any(0 <= n - start < CALM_AFTER_FLARE or 0 < start - n <= 2 for start in flares)
