"""The Patient-Specific Functional Scale (PSFS): scores, changes and when to ask. Pure: no queries.

The user names up to 5 activities their back makes hard and rates each 0 (unable) to 10 (as
before the problem). A round's score is the mean of the activities rated in it; a change between
two rounds is computed only over the activities rated both times; 2 points in that mean, or 3 in
one activity, is meaningful (Stratford 1995). docs/clinical-rules.md, "Function (PSFS)".
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

MAX_ACTIVITIES = 5
NAME_MAX = 80
RATING_MIN, RATING_MAX = 0, 10
INTERVAL_DAYS = 14  # between rounds; a skip postpones the next ask by as long
MEANINGFUL_MEAN = 2  # points in the mean over the activities rated both times
MEANINGFUL_ONE = 3  # points in one activity


@dataclass(frozen=True, slots=True)
class Round:
    """One round as the pages read it: its date and {activity id: rating}."""

    taken_on: date
    ratings: dict


@dataclass(frozen=True, slots=True)
class ActivityChange:
    name: str
    first: int
    latest: int

    @property
    def delta(self):
        return self.latest - self.first

    @property
    def meaningful(self):
        return abs(self.delta) >= MEANINGFUL_ONE


@dataclass(frozen=True, slots=True)
class Change:
    """The change from one round to a later one, over the activities rated both times."""

    first: float  # the mean of those activities in the first round
    latest: float  # and in the latest
    activities: list = field(default_factory=list)  # ActivityChange, in the order rated

    @property
    def delta(self):
        return round(self.latest - self.first, 2)

    @property
    def meaningful(self):
        return abs(self.delta) >= MEANINGFUL_MEAN or any(a.meaningful for a in self.activities)

    @property
    def better(self):
        """Higher is better on this scale: is the meaningful change an improvement?"""
        if self.delta:
            return self.delta > 0
        return sum(a.delta for a in self.activities if a.meaningful) > 0


def score(ratings):
    """The mean of the ratings given (an iterable of 0-10 ints), or None when none was rated."""
    values = [r for r in ratings if r is not None]
    if not values:
        return None
    return round(sum(values) / len(values), 2)


def change(first, latest, names=None):
    """The `Change` from round `first` to round `latest` ({activity id: rating} each), over the
    activities rated in both; None when they share none. `names`: {activity id: name}."""
    names = names or {}
    shared = [pk for pk in first if pk in latest]
    if not shared:
        return None
    return Change(
        first=score(first[pk] for pk in shared),
        latest=score(latest[pk] for pk in shared),
        activities=[ActivityChange(names.get(pk, ""), first[pk], latest[pk]) for pk in shared],
    )


def next_due(*, screened, last_round_on):
    """The day the next round is asked on Today, or None while there is no safety screen yet.

    The first round is asked as soon as the first safety screen is done; each round after
    INTERVAL_DAYS after the last one, whether it was filled in or skipped (a skip is a round
    without ratings, so it postpones the ask by INTERVAL_DAYS).
    """
    if not screened:
        return None
    if last_round_on is None:
        return date.min
    return last_round_on + timedelta(days=INTERVAL_DAYS)


def is_due(*, screened, last_round_on, today):
    due = next_due(screened=screened, last_round_on=last_round_on)
    return due is not None and due <= today


def rounds_from(rows):
    """(rounds oldest first, {activity id: name}) from (taken_on, activity id, name, rating) rows."""
    by_day, names = {}, {}
    for taken_on, activity_id, name, rating in rows:
        by_day.setdefault(taken_on, {})[activity_id] = rating
        names[activity_id] = name
    return [Round(day, ratings) for day, ratings in sorted(by_day.items())], names


@dataclass(frozen=True, slots=True)
class Summary:
    """What History and the report show: each round's score, and the first-to-latest change."""

    series: list  # (date, score), oldest first
    change: Change | None
    first_on: date | None = None
    latest_on: date | None = None

    @property
    def first_score(self):
        return self.series[0][1] if self.series else None

    @property
    def latest_score(self):
        return self.series[-1][1] if self.series else None


def summary(rows):
    """The `Summary` of a user's rated rounds, from `rounds_from`'s rows."""
    rounds, names = rounds_from(rows)
    series = [(r.taken_on, score(r.ratings.values())) for r in rounds]
    if len(rounds) < 2:
        return Summary(
            series, None, rounds[0].taken_on if rounds else None, rounds[-1].taken_on if rounds else None
        )
    return Summary(
        series, change(rounds[0].ratings, rounds[-1].ratings, names), rounds[0].taken_on, rounds[-1].taken_on
    )
