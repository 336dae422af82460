"""A tick, an undo and a count read their day once, in their transaction, and write from what they
read (journal/services.py: DayRead); the pause's sessions are read only when a score can move it."""

from datetime import timedelta

import pytest
from django.urls import reverse

from backcare.models import User
from journal import selectors
from journal.models import Entry, Tick
from journal.suggestions import score_may_move_pause
from tests.conftest import make_history, make_user, screen_clear
from tests.journal.test_pauses import SLUG, day_iso, item_of, tick, uk_alice  # noqa: F401

# --- the rule: can a score start or end a pause (pure) -------------------------------------------


@pytest.mark.parametrize(
    ("paused", "before", "after", "may"),
    [
        (True, None, 2, True),  # a running pause: any score may end it or change it
        (True, 9, None, True),
        (False, None, 6, False),  # holds: below 7, no pause can start
        (False, None, 7, True),  # breaks at the edge: 7 may be the second of two running
        (False, 8, 3, False),  # a score lowered only breaks runs
        (False, 3, None, True),  # the undo of a 5 between two 7s makes them two running
        (False, 7, None, False),  # the undo of a high score only takes one away
        (False, None, None, False),  # a session without a score undone
    ],
)
def test_which_scores_may_move_a_pause(paused, before, after, may):
    assert score_may_move_pause(paused=paused, before=before, after=after) is may


# --- through the views -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_undoing_a_low_score_between_two_sevens_pauses_the_exercise(alice_today, uk_alice):  # noqa: F811
    for days_ago, score in ((3, "7"), (2, "5"), (1, "7")):
        tick(alice_today, uk_alice, days_ago, pain_during=score)
    assert item_of(uk_alice).paused_on is None
    alice_today.post(reverse("journal:untick", kwargs={"day": day_iso(uk_alice, 2), "exercise": SLUG}))
    assert item_of(uk_alice).paused_on == uk_alice.local_today() - timedelta(days=1)


@pytest.mark.django_db
def test_a_score_of_six_after_a_seven_does_not_pause_and_a_second_seven_does(alice_today, uk_alice):  # noqa: F811
    tick(alice_today, uk_alice, 2, pain_during="7")
    tick(alice_today, uk_alice, 1, pain_during="6")
    assert item_of(uk_alice).paused_on is None
    tick(alice_today, uk_alice, 1, pain_during="7")  # the 6 corrected: two sevens running
    assert item_of(uk_alice).paused_on == uk_alice.local_today() - timedelta(days=1)


@pytest.mark.django_db
def test_a_tick_of_an_exercise_not_in_the_plan_changes_nothing(alice_today, screened_alice):
    version = User.objects.values_list("diary_version", flat=True).get(pk=screened_alice.pk)
    url = reverse(
        "journal:tick", kwargs={"day": screened_alice.local_today().isoformat(), "exercise": "dead-bug"}
    )
    response = alice_today.post(url, HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 400
    assert response.json()["message"] == "Not saved: that exercise isn't in the plan for that day."
    assert not Entry.objects.filter(user=screened_alice).exists()
    assert User.objects.values_list("diary_version", flat=True).get(pk=screened_alice.pk) == version


@pytest.mark.django_db
def test_a_double_tap_makes_one_tick_and_the_second_says_saved(alice_today, screened_alice):
    url = reverse("journal:tick", kwargs={"day": screened_alice.local_today().isoformat(), "exercise": SLUG})
    first = alice_today.post(url, HTTP_X_REQUESTED_WITH="fetch").json()
    second = alice_today.post(url, HTTP_X_REQUESTED_WITH="fetch").json()
    assert first["message"].endswith(": done.") and second["message"].endswith(": saved.")
    assert first["done_count"] == second["done_count"] == 1
    assert Tick.objects.filter(entry__user=screened_alice).count() == 1
    assert Entry.objects.get(user=screened_alice).planned == first["planned_count"]


# --- the one read of the days and their ticks --------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("days_ago", [0, 1, 20])
def test_the_days_with_their_ticks_are_the_recent_days_and_ticks(days_ago):
    user = make_user("reader")
    screen_clear(user)
    make_history(user, 60)
    day = user.local_today() - timedelta(days=days_ago)
    found = selectors.days_with_ticks(user=user, day=day)
    assert found.days == selectors.recent_entries(user=user, day=day)
    assert sorted(found.ticks) == sorted(selectors.recent_ticks(user=user, day=day))
    entry = Entry.objects.filter(user=user, date=day).first()
    assert found.entry_pk == (entry.pk if entry else None)
    # From the first day of the two weeks of ticks (the session page's read): the same ticks and
    # entry, the days from then on.
    since = selectors.ticks_from(day)
    short = selectors.days_with_ticks(user=user, day=day, since=since)
    assert short.days == [d for d in found.days if d.date >= since] and len(short.days) < len(found.days)
    assert (sorted(short.ticks), short.entry_pk) == (sorted(found.ticks), found.entry_pk)


@pytest.mark.django_db
def test_the_days_read_with_the_plan_gives_the_active_plan_as_its_own_read_does():
    """One statement for a tick of today: the same days and ticks, and the active plan as
    `active_plan` reads it (dates, the pause's values, the library rows)."""
    from journal.models import PlanItem

    user = make_user("reader")
    screen_clear(user)
    make_history(user, 20)
    today = user.local_today()
    item = PlanItem.objects.filter(user=user, active=True).first()
    PlanItem.objects.filter(pk=item.pk).update(
        paused_on=today - timedelta(days=2),
        pause_values={"date": (today - timedelta(days=2)).isoformat(), "score": 8},
        resumed_through=today - timedelta(days=9),
        dose_since=today - timedelta(days=5),
    )
    plain = selectors.days_with_ticks(user=user, day=today)
    found = selectors.days_with_ticks(user=user, day=today, with_plan=True)
    assert (found.days, found.entry_pk, sorted(found.ticks)) == (
        plain.days,
        plain.entry_pk,
        sorted(plain.ticks),
    )
    assert plain.plan is None
    assert found.plan == selectors.active_plan(user=user) and found.plan
    paused = next(p for p in found.plan if p.pk == item.pk)
    assert paused.paused_on == today - timedelta(days=2) and paused.pause_values["score"] == 8
    PlanItem.objects.filter(user=user).update(active=False)
    assert selectors.days_with_ticks(user=user, day=today, with_plan=True).plan == []


# --- a write whose answer builds no row reads two weeks of days -------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("days_ago", [0, 3])
def test_a_read_without_the_window_holds_what_the_write_needs_of_its_day(days_ago):
    """services.DayRead.of(window=False) (the session's tick, a page without JavaScript): the day's
    entry, its row, the two weeks of ticks and the plan as the whole window's read has them."""
    from journal.services import DayRead

    user = make_user("reader")
    screen_clear(user)
    make_history(user, 60)
    day = user.local_today() - timedelta(days=days_ago)
    status = selectors.screen_status(user=user)
    whole = DayRead.of(user=user, day=day, status=status)
    short = DayRead.of(user=user, day=day, status=status, window=False)
    assert short.entry_pk == whole.entry_pk
    assert (whole.entry_pk is None) == (days_ago == 0)  # the history ends yesterday
    assert [d for d in short.days if d.date == day] == [d for d in whole.days if d.date == day]
    assert sorted(short.ticks) == sorted(whole.ticks)
    assert (short.day_type, short.plan, short.exercises) == (whole.day_type, whole.plan, whole.exercises)
    assert short.count() == whole.count()
    assert len(short.days) < len(whole.days)


@pytest.mark.django_db
def test_the_statuses_a_write_counted_from_are_those_the_row_would_decide():
    """services.DayRead.statuses: the day's statuses as its last count decided them (the answer's
    row takes them, the schedule rules run once a tick); none once the ticks or the pauses moved
    after that count, so the row decides them afresh."""
    from journal import schedule
    from journal.services import DayRead
    from journal.suggestions import DoneTick

    user = make_user("decider")
    screen_clear(user)
    make_history(user, 20)
    day = user.local_today()
    read = DayRead.of(user=user, day=day, status=selectors.screen_status(user=user))
    assert read.statuses() is None  # nothing counted yet
    first = read.exercises[0]
    read.put(first, DoneTick(day, None, "", True, None, first.pk, 1), ticked=1)
    found = schedule.statuses(read.exercises, day=day, ticks=read.ticks, family_of=selectors.family_of)
    assert read.statuses() == found
    assert found[0].done
    read.ticks = [t for t in read.ticks if t.date != day]  # the ticks moved after the count
    assert read.statuses() is None
    read.count()
    read.plan[0].paused_on = day  # a pause began after the count
    assert read.statuses() is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "how",
    [
        {"HTTP_X_REQUESTED_WITH": "fetch"},  # Today's script: the row is built
        {
            "data": {"from": "session", "pain_during": "3", "effort": "right"},
            "HTTP_X_REQUESTED_WITH": "fetch",
        },
        {"data": {"from": "session"}},  # the session page without JavaScript
        {},  # Today without JavaScript
    ],
)
def test_every_kind_of_tick_and_undo_keeps_the_days_counts_as_the_page_counts_them(
    alice_today, screened_alice, how
):
    how = dict(how)
    data = how.pop("data", {})
    today = screened_alice.local_today().isoformat()
    slugs = [
        ex.slug for ex in selectors.planned_exercises(user=screened_alice, day_type=Entry.DayType.NORMAL)
    ]
    for slug in slugs[:2]:
        response = alice_today.post(
            reverse("journal:tick", kwargs={"day": today, "exercise": slug}), data, **how
        )
        assert response.status_code in (200, 302)
    alice_today.post(reverse("journal:untick", kwargs={"day": today, "exercise": slugs[0]}), data, **how)
    entry = Entry.objects.get(user=screened_alice)
    assert list(Tick.objects.filter(entry=entry).values_list("exercise__slug", "counted")) == [
        (slugs[1], True)
    ]
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert "<span data-done-count>1</span>" in body
    assert f"<span data-planned-count>{entry.planned}</span>" in body
    assert entry.done == 1
