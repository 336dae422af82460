"""The latest safety screen's read (journal/selectors.py: latest_screen) is hand-written SQL: its
rows are the ORM query's, whatever the user has (no screen, several, PSFS rounds, notes put away)."""

from datetime import timedelta

import pytest
from django.db.models import OuterRef, Subquery

from journal import selectors
from journal.models import Dismissal, PsfsRound, SafetyScreen
from tests.conftest import make_user, screen_clear

pytestmark = pytest.mark.django_db


def orm_latest_screen(user):
    """The read as the ORM writes it (`values_list` with three `Subquery` annotations)."""
    last_round = PsfsRound.objects.filter(user=OuterRef("user")).order_by("-taken_on").values("taken_on")[:1]
    put_away = Dismissal.objects.filter(
        user=OuterRef("user"), plan_item=None, kind=Dismissal.Kind.SEE_CLINICIAN
    ).values("until")[:1]
    rescreen = Dismissal.objects.filter(
        user=OuterRef("user"), plan_item=None, kind=Dismissal.Kind.RESCREEN
    ).values("until")[:1]
    row = (
        SafetyScreen.objects.filter(user=user)
        .order_by("-created_at")
        .annotate(
            psfs_last_on=Subquery(last_round),
            see_clinician_until=Subquery(put_away),
            rescreen_until=Subquery(rescreen),
        )
        .values_list(*selectors.LatestScreen._fields)
        .first()
    )
    if row is None:
        return None
    *fields, answers = row
    return selectors.LatestScreen(*fields, answers or {})


def test_no_screen_reads_none(alice):
    assert selectors.latest_screen(user=alice) is None
    assert orm_latest_screen(alice) is None


def test_a_bare_screen_reads_as_the_orm_reads_it(alice):
    screen_clear(alice)
    found = selectors.latest_screen(user=alice)
    assert found == orm_latest_screen(alice)
    assert found.psfs_last_on is found.see_clinician_until is found.rescreen_until is None
    assert found.answers and not any(found.answers.values())


def test_the_newest_screen_with_its_round_and_put_away_days_reads_as_the_orm_reads_it(alice):
    today = alice.local_today()
    screen_clear(alice, today - timedelta(days=40))
    SafetyScreen.objects.create(
        user=alice,
        taken_on=today,
        answers={"pregnancy": True, "fever": False},
        outcome=SafetyScreen.Outcome.TALK_FIRST,
        cleared_on=today - timedelta(days=1),
    )
    PsfsRound.objects.create(user=alice, taken_on=today - timedelta(days=30))
    PsfsRound.objects.create(user=alice, taken_on=today - timedelta(days=2), skipped=True)
    Dismissal.objects.create(user=alice, kind=Dismissal.Kind.SEE_CLINICIAN, until=today + timedelta(days=14))
    Dismissal.objects.create(user=alice, kind=Dismissal.Kind.RESCREEN, until=today + timedelta(days=7))
    Dismissal.objects.create(user=alice, kind=Dismissal.Kind.GENTLE, until=today + timedelta(days=1))
    # Another user's rows are never read.
    bob = make_user("bob-screen")
    screen_clear(bob, today)
    PsfsRound.objects.create(user=bob, taken_on=today)
    Dismissal.objects.create(user=bob, kind=Dismissal.Kind.RESCREEN, until=today + timedelta(days=3))

    found = selectors.latest_screen(user=alice)
    assert found == orm_latest_screen(alice)
    assert found.outcome == SafetyScreen.Outcome.TALK_FIRST and found.taken_on == today
    assert found.cleared_on == today - timedelta(days=1)
    assert found.psfs_last_on == today - timedelta(days=2)
    assert found.see_clinician_until == today + timedelta(days=14)
    assert found.rescreen_until == today + timedelta(days=7)
    assert found.answers == {"pregnancy": True, "fever": False}
    assert selectors.latest_screen(user=bob) == orm_latest_screen(bob)
