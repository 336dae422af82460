"""Demo PSFS rounds for `manage.py demo`: the same three activities every two weeks, slowly easier."""

import random
from datetime import timedelta

from backcare import diary_version
from journal import psfs
from journal.models import PsfsActivity, PsfsRating, PsfsRound

DEMO_ACTIVITIES = [("Lifting my child", 2), ("Sitting through a film", 4), ("Putting on socks", 5)]


def add_demo_rounds(*, user, first, today, seed=7):
    """A round every 14 days from `first` to `today`, each rating a little higher (with noise);
    a fourth activity is added halfway and one skip left in. Returns the rounds made."""
    rng = random.Random(seed)
    activities = PsfsActivity.objects.bulk_create(
        [PsfsActivity(user=user, name=name, added_on=first) for name, _ in DEMO_ACTIVITIES]
    )
    starts = [start for _, start in DEMO_ACTIVITIES]
    total = max((today - first).days, 1)
    halfway = first + timedelta(days=total // 2)
    rounds, ratings, day = [], [], first
    while day <= today:
        progress = (day - first).days / total
        skipped = len(rounds) == 3
        round_ = PsfsRound(user=user, taken_on=day, skipped=skipped)
        rounds.append(round_)
        if not skipped:
            if day >= halfway and len(activities) == len(starts):
                activities.append(PsfsActivity.objects.create(user=user, name="Gardening", added_on=day))
                starts.append(3)
            for activity, start in zip(activities, starts, strict=True):
                value = round(start + (9 - start) * progress + rng.uniform(-1, 1))
                ratings.append((round_, activity, max(psfs.RATING_MIN, min(psfs.RATING_MAX, value))))
        day += timedelta(days=psfs.INTERVAL_DAYS)
    PsfsRound.objects.bulk_create(rounds)
    PsfsRating.objects.bulk_create([PsfsRating(round=r, activity=a, rating=v) for r, a, v in ratings])
    diary_version.changed(user)  # written past the services: what was kept of the user's pages is old
    return rounds
