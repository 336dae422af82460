"""Which levels were in the plan on a day, from the plan's periods: pure, no queries.

A plan item keeps the days it was active at each level as `PlanPeriod` rows: `start` up to, not
including, `end` (empty while it runs). A level change ends one period and starts the next on the
same day, so that day shows the new level, as Today did; a removal ends the item's period.

A day before the plan began (the diary accepts days up to a year before the account was made) is
shown with the plan as it began: the periods that started on the plan's first day.
"""

from typing import NamedTuple


class Period(NamedTuple):
    plan_item_id: int
    exercise_id: int
    start: object  # date
    end: object = None  # date, exclusive; None while it runs

    def holds(self, day):
        return self.start <= day and (self.end is None or day < self.end)


def periods_on(periods, day):
    """The periods in the plan on `day`, one per plan item at most (`Period` rows, any order)."""
    periods = [Period(*row) for row in periods]
    if not periods:
        return []
    first = min(period.start for period in periods)
    if day < first:
        chosen = [period for period in periods if period.start == first]
    else:
        chosen = [period for period in periods if period.holds(day)]
    # One per item: a period that held no day is never stored, so two can only meet by mistake.
    by_item = {}
    for period in sorted(chosen, key=lambda p: p.start):
        by_item[period.plan_item_id] = period
    return list(by_item.values())
