"""The settings page's two journal reads (journal/selectors.py: start_answers and plan_overview) are
SQL built once a process: their rows are the ORM query's, whatever the user has (no start answers,
skipped answers, every answer given; no plan, families in and out of the plan), never another
user's."""

from datetime import date

import pytest

from exercises import catalog
from journal import selectors
from journal.models import PlanItem, StartAnswers
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def fields(answers):
    """Every column's value of a StartAnswers row, with the types the ORM gives them."""
    return {
        f.attname: (getattr(answers, f.attname), type(getattr(answers, f.attname)))
        for f in StartAnswers._meta.concrete_fields
    }


def orm_start_answers(user):
    return StartAnswers.objects.filter(user=user).first()


def test_no_start_answers_read_as_none(alice, django_assert_num_queries):
    StartAnswers.objects.filter(user=alice).delete()
    with django_assert_num_queries(1):
        assert selectors.start_answers(user=alice) is None
    assert orm_start_answers(alice) is None


def test_skipped_answers_read_as_the_orm_reads_them(alice):
    StartAnswers.objects.filter(user=alice).delete()
    StartAnswers.objects.create(user=alice, started_on=date(2026, 12, 1))
    found = selectors.start_answers(user=alice)
    assert fields(found) == fields(orm_start_answers(alice))
    assert found.activities is None and found.equipment is None and found.finished_on is None
    assert not found._state.adding and found._state.db == "default"


def test_every_answer_reads_as_the_orm_reads_it(alice):
    StartAnswers.objects.filter(user=alice).delete()
    bob = make_user("bob")
    StartAnswers.objects.filter(user=bob).delete()
    StartAnswers.objects.create(
        user=bob, episode=StartAnswers.Episode.UNDER_6_WEEKS, started_on=date(2026, 12, 1)
    )
    StartAnswers.objects.create(
        user=alice,
        episode=StartAnswers.Episode.OVER_3_MONTHS,
        leg=StartAnswers.Leg.BELOW_KNEE,
        activities=["Gardening", "Lifting my grandchild ü"],
        equipment=[],
        minutes=StartAnswers.Minutes.TEN,
        sitting=False,
        reached=4,
        started_on=date(2026, 11, 30),
        finished_on=date(2026, 12, 1),
    )
    found = selectors.start_answers(user=alice)
    assert fields(found) == fields(orm_start_answers(alice))
    assert found.activities == ["Gardening", "Lifting my grandchild ü"] and found.equipment == []
    assert found.finished_on == date(2026, 12, 1) and found.sitting is False
    assert found.user_id == alice.pk
    # Bob's own answers, not Alice's.
    assert selectors.start_answers(user=bob).episode == StartAnswers.Episode.UNDER_6_WEEKS


def orm_overview(user):
    chosen = {
        progression: (exercise, active)
        for progression, exercise, active in PlanItem.objects.filter(user=user).values_list(
            "progression_id", "exercise_id", "active"
        )
    }
    overview = []
    for family in catalog.catalog().progressions:
        exercise_id, active = chosen.get(family.pk, (None, False))
        overview.append((family, catalog.exercise(exercise_id) if exercise_id else None, active))
    return overview


def test_no_plan_reads_every_family_out_of_it(alice, library, django_assert_num_queries):
    PlanItem.objects.filter(user=alice).delete()
    with django_assert_num_queries(1):
        found = selectors.plan_overview(user=alice)
    assert found == orm_overview(alice)
    assert found and all(exercise is None and active is False for _, exercise, active in found)


def test_a_plan_in_and_out_reads_as_the_orm_reads_it(screened_alice, library):
    alice = screened_alice
    items = list(PlanItem.objects.filter(user=alice))
    assert len(items) >= 2
    # One family taken out of the plan keeps its level, shown as not in the plan.
    PlanItem.objects.filter(pk=items[0].pk).update(active=False)
    bob = make_user("bob")
    PlanItem.objects.filter(user=bob).delete()
    found = selectors.plan_overview(user=alice)
    assert found == orm_overview(alice)
    assert [type(active) for *_, active in found] == [bool] * len(found)
    out = next(row for row in found if row[0].pk == items[0].progression_id)
    assert out[1].pk == items[0].exercise_id and out[2] is False
    # Bob has no plan: Alice's rows are not his.
    assert all(exercise is None for _, exercise, _ in selectors.plan_overview(user=bob))
