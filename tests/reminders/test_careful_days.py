"""A reminder that fits the day (reminders/content.py): on a flare day, or while a leg-symptom or
spreading sign is in its banner's days, the e-mail asks for the check-in and offers the gentle set
instead of the plan, through `send_reminders` with the locmem mail backend."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail

from exercises.library import LIBRARY, not_on_a_flare_day
from exercises.models import Exercise
from journal import services
from journal.models import Entry, Tick
from reminders import content, selectors, sender
from reminders.models import Delivery
from tests.conftest import make_user, screen_clear
from tests.reminders.helpers import remind

pytestmark = pytest.mark.django_db

DAY = date(2026, 1, 10)
AT_19 = datetime(2026, 1, 10, 19, 0, tzinfo=UTC)  # 19:00 in London
REVERSE_HYPER = "Reverse hyper over a ball"
GENTLE = ["Belly breathing with feet up", "Lying face down", "Marching with feet on the floor"]


@pytest.fixture
def sam(db):
    """A London user with the starter plan and the reverse hyper, a 19:00 e-mail reminder, and a
    usual pain of 2 the week before DAY."""
    user = make_user("sam")
    screen_clear(user, day=date(2026, 1, 1))
    hyper = Exercise.objects.select_related("progression").get(slug="reverse-hyper-ball")
    with time_machine.travel(datetime(2026, 1, 2, 12, tzinfo=UTC), tick=False):
        services.plan_set_level(
            user=user, progression=hyper.progression, exercise=hyper, today=date(2026, 1, 2)
        )
    Entry.objects.bulk_create(Entry(user=user, date=DAY - timedelta(days=n), pain=2) for n in range(1, 8))
    remind(user, at=time(19, 0))
    return user


def send():
    with time_machine.travel(AT_19, tick=False):
        sender.run()
    (message,) = mail.outbox
    return message


def test_a_normal_day_lists_the_plan_with_the_reverse_hyper(sam):
    message = send()
    assert message.subject == "BackCare: today's plan"
    assert REVERSE_HYPER in message.body and "Gentle cat/cow" in message.body
    assert "your pain check-in" in message.body


def test_a_flare_day_asks_for_the_gentle_set_and_never_the_reverse_hyper(sam):
    Entry.objects.create(user=sam, date=DAY, pain=6)  # usual 2 + 3 or more
    message = send()
    html = message.alternatives[0][0]
    assert message.subject == "BackCare: take it gently today"
    for text in (message.body, html):
        assert "much higher than usual" in text
        assert "Instead of your plan, the gentle set" in text
        assert all(name in text for name in GENTLE)
        assert REVERSE_HYPER not in text and "Gentle cat/cow" not in text
        assert "First, your pain check-in." not in text  # made: it is what shows the flare
    assert Delivery.objects.get(user=sam, day=DAY, channel="email").status == "sent"


def test_a_leg_symptom_run_asks_for_the_check_in_first_then_the_gentle_set(sam):
    Entry.objects.filter(user=sam, date__gte=DAY - timedelta(days=3)).update(leg_symptoms=True)
    message = send()
    assert message.subject == "BackCare: take it gently today"
    assert "tingling below the knee three days running" in message.body
    assert message.body.index("First, your pain check-in.") < message.body.index(GENTLE[0])
    assert REVERSE_HYPER not in message.body and "Gentle cat/cow" not in message.body


def test_a_spread_down_the_leg_this_week_does_the_same(sam):
    entry = Entry.objects.get(user=sam, date=DAY - timedelta(days=3))
    Tick.objects.create(entry=entry, exercise=Exercise.objects.get(slug="cat-cow-gentle"), spread=True)
    message = send()
    assert "spread down your leg" in message.body
    assert REVERSE_HYPER not in message.body and GENTLE[0] in message.body


def test_a_careful_day_is_still_one_reminder_a_day(sam):
    Entry.objects.create(user=sam, date=DAY, pain=6)
    send()
    with time_machine.travel(AT_19 + timedelta(minutes=30), tick=False):
        sender.run()
    assert len(mail.outbox) == 1
    assert Delivery.objects.filter(user=sam, day=DAY, channel="email").count() == 1


def test_a_careful_day_with_the_gentle_set_done_sends_nothing(sam):
    entry = Entry.objects.create(user=sam, date=DAY, pain=6)
    for slug in ("belly-breathing-feet-up", "lying-face-down", "supine-marching"):
        Tick.objects.create(entry=entry, exercise=Exercise.objects.get(slug=slug))
    with time_machine.travel(AT_19, tick=False):
        sender.run()
    assert mail.outbox == []
    assert Delivery.objects.get(user=sam, day=DAY, channel="email").detail == content.SKIP_DONE


def test_the_days_reads_stay_four_queries_and_three_on_a_careful_day(sam, library, django_assert_num_queries):
    with time_machine.travel(AT_19, tick=False):
        # screen, the week's days, the ticks, the plan
        with django_assert_num_queries(4):
            assert REVERSE_HYPER in selectors.day_state(user=sam, day=DAY).to_do
        Entry.objects.create(user=sam, date=DAY, pain=6)
        # screen, the week's days, the ticks; the gentle set comes from the library snapshot
        with django_assert_num_queries(3):
            state = selectors.day_state(user=sam, day=DAY)
    assert state.sign == content.Sign.FLARE and list(state.gentle_to_do) == GENTLE


def test_the_library_marks_both_reverse_hyper_levels_not_on_a_flare_day():
    marked = {
        level["slug"] for p in LIBRARY for level in p["levels"] if not_on_a_flare_day(level["cautions"])
    }
    assert marked == {"reverse-hyper-ball", "reverse-hyper-loaded"}
