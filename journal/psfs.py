"""The Patient-Specific Functional Scale (PSFS): scores, changes and when to ask. Pure: no queries.

The user names up to 5 activities their back makes hard and rates each 0 (unable) to 10 (as
before the problem). A round's score is the mean of the activities rated in it; a change between
two rounds is computed only over the activities rated both times; 2 points in that mean, or 3 in
one activity, is meaningful (Stratford 1995). A change with a meaningful move each way is mixed,
never an improvement. An activity not rated in both rounds is shown apart, with its own ratings,
never in the change. docs/clinical-rules.md, "Function (PSFS)".
"""

from dataclasses import dataclass, field, fields
from datetime import date, timedelta

from django.utils.translation import gettext as _

MAX_ACTIVITIES = 5
NAME_MAX = 80
RATING_MIN, RATING_MAX = 0, 10
INTERVAL_DAYS = 14  # between rounds; a skip postpones the next ask by as long
MEANINGFUL_MEAN = 2  # points in the mean over the activities rated both times
MEANINGFUL_ONE = 3  # points in one activity
# Part of the summary's cache key (journal/views/history_page.py): a change of its shape never reads an
# older one.
SUMMARY_VERSION = 2


class _Kept:
    """Pickled as its class and its fields in order, so unpickling is one call of the class: the
    summary is kept in the shared cache (journal/views/history_page.py: _psfs_summary) and read on
    every History and report, and a slotted dataclass's own pickling looks its fields up again
    for each of its some 70 objects (0.30 -> 0.18 ms for five years of rounds). A value pickled
    the earlier way still loads."""

    __slots__ = ()

    def __reduce__(self):
        return (type(self), tuple(getattr(self, f.name) for f in fields(self)))


@dataclass(frozen=True, slots=True)
class Round(_Kept):
    """One round as the pages read it: its date and {activity id: rating}."""

    taken_on: date
    ratings: dict


@dataclass(frozen=True, slots=True)
class ActivityChange(_Kept):
    name: str
    first: int
    latest: int

    @property
    def delta(self):
        return self.latest - self.first

    @property
    def meaningful(self):
        return abs(self.delta) >= MEANINGFUL_ONE


def names_words(names):
    """ "Lifting", "Lifting and Sitting", "Lifting, Sitting and Running"."""
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return _("%(some)s and %(last)s") % {"some": ", ".join(names[:-1]), "last": names[-1]}


def signed(value):
    """+2.0, -0.5, 0.0: a change with its sign, one decimal."""
    return f"{value:+.1f}" if round(value, 1) else "0.0"


@dataclass(frozen=True, slots=True)
class Change(_Kept):
    """The change from one round to a later one, over the activities rated both times."""

    first: float  # the mean of those activities in the first round
    latest: float  # and in the latest
    activities: list = field(default_factory=list)  # ActivityChange, in the order rated

    @property
    def delta(self):
        return round(self.latest - self.first, 2)

    @property
    def mean_meaningful(self):
        return abs(self.delta) >= MEANINGFUL_MEAN

    @property
    def meaningful(self):
        return self.mean_meaningful or any(a.meaningful for a in self.activities)

    @property
    def up(self):
        """The activities that improved meaningfully (3 points or more)."""
        return [a for a in self.activities if a.meaningful and a.delta > 0]

    @property
    def down(self):
        """The activities that worsened meaningfully (3 points or more)."""
        return [a for a in self.activities if a.meaningful and a.delta < 0]

    @property
    def mixed(self):
        """A meaningful move each way: one activity up 3 or more and another down 3 or more, or the
        mean meaningfully one way while an activity moved meaningfully the other."""
        if self.up and self.down:
            return True
        if self.mean_meaningful:
            return bool(self.down if self.delta > 0 else self.up)
        return False

    @property
    def better_in(self):
        """What a mixed change was better in: the activities up 3 or more, else (the mean rose 2
        or more against one activity's fall) those that rose."""
        return self.up or [a for a in self.activities if a.delta > 0]

    @property
    def worse_in(self):
        return self.down or [a for a in self.activities if a.delta < 0]

    @property
    def verdict(self):
        """ "better", "worse", "mixed", or "none" (not meaningful). The mean's direction when the
        mean moved 2 or more, else that of the activities that moved 3 or more (one way only: two
        ways is mixed)."""
        if not self.meaningful:
            return "none"
        if self.mixed:
            return "mixed"
        if self.mean_meaningful:
            return "better" if self.delta > 0 else "worse"
        return "better" if self.up else "worse"

    @property
    def better(self):
        """A meaningful improvement, and not a mixed change."""
        return self.verdict == "better"

    @property
    def words(self):
        """What the change is, in words: "a meaningful improvement", "mixed: better in Lifting,
        worse in Sitting", "not a meaningful change"..."""
        verdict = self.verdict
        if verdict == "mixed":
            return _("mixed: better in %(better)s, worse in %(worse)s") % {
                "better": names_words(a.name for a in self.better_in),
                "worse": names_words(a.name for a in self.worse_in),
            }
        if verdict == "none":
            return _("not a meaningful change")
        if self.mean_meaningful:
            return _("a meaningful improvement") if verdict == "better" else _("a meaningful drop")
        moved = names_words(a.name for a in (self.up if verdict == "better" else self.down))
        if verdict == "better":
            return _("a meaningful improvement in %(names)s") % {"names": moved}
        return _("a meaningful drop in %(names)s") % {"names": moved}

    @property
    def headline(self):
        """History's and the report's one line: "Activities you rated both times: 3.3 → 5.3 (+2.0, a
        meaningful improvement)"."""
        return _("Activities you rated both times: %(first).1f → %(latest).1f (%(delta)s, %(words)s)") % {
            "first": self.first,
            "latest": self.latest,
            "delta": signed(self.delta),
            "words": self.words,
        }


@dataclass(frozen=True, slots=True)
class ApartActivity(_Kept):
    """An activity not rated in both the first and the latest round (added later, retired, or
    both): shown on its own with its ratings, never in the change."""

    name: str
    ratings: tuple  # (date, rating), oldest first
    in_first: bool  # rated in the first round (so retired before the latest)
    in_latest: bool  # rated in the latest round (so added after the first)

    @property
    def first_on(self):
        return self.ratings[0][0]

    @property
    def first(self):
        return self.ratings[0][1]

    @property
    def latest_on(self):
        return self.ratings[-1][0]

    @property
    def latest(self):
        return self.ratings[-1][1]

    @property
    def why(self):
        if self.in_first:
            return _("not rated in the latest round")
        if self.in_latest:
            return _("added after the first round")
        return _("added after the first round and not rated in the latest")


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
class Summary(_Kept):
    """What History and the report show: each round's score, the first-to-latest change over the
    activities rated both times, and the activities rated in only one of those rounds, apart."""

    series: list  # (date, score), oldest first
    change: Change | None  # None: fewer than two rounds, or they share no activity
    first_on: date | None = None
    latest_on: date | None = None
    apart: list = field(default_factory=list)  # ApartActivity, in the order rated; only with 2+ rounds

    @property
    def first_score(self):
        return self.series[0][1] if self.series else None

    @property
    def latest_score(self):
        return self.series[-1][1] if self.series else None

    @property
    def none_shared(self):
        """Two rounds or more, but the first and the latest share no activity: no change to show."""
        return len(self.series) > 1 and self.change is None


def summary(rows):
    """The `Summary` of a user's rated rounds, from `rounds_from`'s rows."""
    rounds, names = rounds_from(rows)
    series = [(r.taken_on, score(r.ratings.values())) for r in rounds]
    if len(rounds) < 2:
        return Summary(
            series, None, rounds[0].taken_on if rounds else None, rounds[-1].taken_on if rounds else None
        )
    first, latest = rounds[0].ratings, rounds[-1].ratings
    ratings = {}
    for r in rounds:
        for pk, rating in r.ratings.items():
            ratings.setdefault(pk, []).append((r.taken_on, rating))
    apart = [
        ApartActivity(names[pk], tuple(kept), pk in first, pk in latest)
        for pk, kept in ratings.items()
        if not (pk in first and pk in latest)
    ]
    return Summary(series, change(first, latest, names), rounds[0].taken_on, rounds[-1].taken_on, apart)
