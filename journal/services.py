"""Writes that touch several rows: keyword-only, in one transaction each."""

from django.db import transaction

from exercises.models import Exercise
from journal.models import PlanItem


@transaction.atomic
def plan_create_starter(*, user, today):
    """Give a user the starter plan (every starter progression at level 1), once.

    A user who already has any plan item, active or not, keeps the plan they made.
    """
    if PlanItem.objects.filter(user=user).exists():
        return []
    starters = Exercise.objects.filter(level=1, progression__starter=True).select_related("progression")
    return PlanItem.objects.bulk_create(
        [PlanItem(user=user, progression=ex.progression, exercise=ex, since=today) for ex in starters]
    )
