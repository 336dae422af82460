"""manage.py send_reminders in bulk (reminders/sender.py): the day states of a batch in a few
set-based reads, the claim in one INSERT, one mail connection per run, a failure that is one mail's
alone, and a run's queries that do not grow with the number of reminders."""

import smtplib
from collections import Counter
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.test import override_settings

from journal.models import Entry, SafetyScreen, Tick
from journal.safety import QUESTION_KEYS
from reminders import selectors, sender
from reminders.models import Delivery
from tests.conftest import make_user, screen_clear
from tests.reminders.helpers import due_users

pytestmark = pytest.mark.django_db
DAY = date(2026, 1, 10)
AT_SEVEN = datetime(2026, 1, 10, 19, 0, tzinfo=UTC)  # 19:00 in London
COUNTING = "tests.reminders.test_sender_bulk.CountingBackend"
SECOND_FAILS = "tests.reminders.test_sender_bulk.SecondMailFailsBackend"
DOWN = "tests.reminders.test_sender_bulk.CountingDownBackend"


COUNTS = Counter()  # connections opened, mails handed to the backend


class CountingBackend(EmailBackend):
    def open(self):
        COUNTS["opened"] += 1
        return True

    def send_messages(self, messages):
        COUNTS["sent"] += 1
        return super().send_messages(messages)


class SecondMailFailsBackend(CountingBackend):
    """The second mail of the run is refused after the hand-over began; the others go."""

    def send_messages(self, messages):
        if COUNTS["sent"] == 1:
            COUNTS["sent"] += 1
            raise smtplib.SMTPDataError(451, b"local error")
        return super().send_messages(messages)


class CountingDownBackend(CountingBackend):
    def open(self):
        super().open()
        raise ConnectionRefusedError(111, "Connection refused")


@pytest.fixture(autouse=True)
def counts_from_zero():
    COUNTS.clear()


def run():
    with time_machine.travel(AT_SEVEN, tick=False):
        return sender.run()


def test_every_mail_of_a_run_goes_over_one_connection():
    made = due_users(3)
    with override_settings(EMAIL_BACKEND=COUNTING):
        assert run() == {"sent": 3}
    assert COUNTS == {"opened": 1, "sent": 3}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in made)


def test_a_failed_mail_is_that_deliverys_alone():
    made = due_users(3)
    with override_settings(EMAIL_BACKEND=SECOND_FAILS):
        assert run() == {"sent": 2, "failed": 1}
    rows = dict(Delivery.objects.filter(day=DAY).values_list("user_id", "status"))
    assert sorted(rows.values()) == ["failed", "sent", "sent"]
    assert Delivery.objects.get(status="failed").detail == "SMTPDataError"
    assert len(mail.outbox) == 2 and {u.pk for u in made} == set(rows)
    assert COUNTS["opened"] == 2  # a fresh connection after the failure


def test_an_unreachable_server_is_tried_once_a_run_and_every_mail_waits_to_retry():
    due_users(3)
    with override_settings(EMAIL_BACKEND=DOWN):
        assert run() == {"retry": 3}
    assert COUNTS == {"opened": 1}
    assert set(Delivery.objects.values_list("status", "detail", "attempts")) == {
        ("retry", "mail server not reached: ConnectionRefusedError", 1)
    }
    with time_machine.travel(datetime(2026, 1, 10, 19, 1, tzinfo=UTC), tick=False):
        assert sender.run() == {"sent": 3}
    assert set(Delivery.objects.values_list("status", "attempts")) == {("sent", 2)}


def test_a_row_another_run_made_is_left_out_and_the_rest_of_the_batch_is_sent(monkeypatch):
    first, second = due_users(2)
    Delivery.objects.create(user=first, day=DAY, channel="email", due_at=AT_SEVEN, claimed_at=AT_SEVEN)
    monkeypatch.setattr(selectors, "recorded", lambda since: set())  # as if made after the read
    assert run() == {"sent": 1}
    assert [m.to for m in mail.outbox] == [[second.email]]
    assert Delivery.objects.get(user=first, day=DAY).status == "claimed"


def test_batches_send_each_reminder_once(monkeypatch):
    monkeypatch.setattr(sender, "BATCH", 2)
    made = due_users(5)
    assert run() == {"sent": 5}
    assert run() == {}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in made)


def test_a_runs_queries_do_not_grow_with_the_reminders_due(library, django_assert_num_queries):
    """1 and 6 users due: the same 14 queries. The retries to give up (1) and to claim (1, in a
    transaction: a savepoint here, 3), what was recorded (1), the switched-on reminders (1), the
    claim (1 INSERT in a transaction: 3), the day states (screens, days, ticks, today's plans: 4),
    the sent rows finished (1 UPDATE). Before, each reminder cost seven of its own."""
    due_users(1, "one")
    with django_assert_num_queries(14):
        run()
    Delivery.objects.all().delete()
    mail.outbox = []
    due_users(5, "more")
    with django_assert_num_queries(14):
        assert run() == {"sent": 6}


def test_the_day_states_of_many_users_are_each_users_own():
    """Read together in five queries, each user's day is what reading it alone gives."""
    plain, done, rough, flare, rest = (
        make_user(name) for name in ("plain", "done", "rough", "flare", "rest")
    )
    for user in (plain, done, rough, flare, rest):
        screen_clear(user, day=date(2026, 1, 1))
    held, unscreened = make_user("held"), make_user("unscreened")
    SafetyScreen.objects.create(
        user=held, taken_on=date(2026, 1, 1), answers=dict.fromkeys(QUESTION_KEYS, False), outcome="urgent"
    )
    entry = Entry.objects.create(user=done, date=DAY, pain=2)
    from journal import selectors as journal

    for exercise in journal.planned_exercises(user=done, day_type="normal", day=DAY):
        Tick.objects.create(entry=entry, exercise=exercise, times=exercise.times_per_day or 1)
    Entry.objects.create(user=rough, date=DAY, pain=5, day_type="rough")
    for n in range(1, 7):
        Entry.objects.create(user=flare, date=date(2026, 1, 10 - n), pain=2)
    Entry.objects.create(user=flare, date=DAY, pain=8)
    Entry.objects.create(user=rest, date=DAY, day_type="rest")
    users = [plain, done, rough, flare, rest, held, unscreened]
    pairs = [(user, day) for user in users for day in (DAY, date(2026, 1, 9))]
    with time_machine.travel(datetime(2026, 1, 10, 12, tzinfo=UTC), tick=False):
        alone = {(user.pk, day): selectors.day_state(user=user, day=day) for user, day in pairs}
        together = selectors.day_states(pairs)
    assert together == alone
    assert alone[plain.pk, DAY].to_do and not alone[plain.pk, DAY].checked_in
    assert alone[done.pk, DAY].to_do == () and alone[done.pk, DAY].checked_in
    assert alone[rough.pk, DAY].day_type == "rough" and alone[flare.pk, DAY].sign == "flare"
    assert alone[rest.pk, DAY].day_type == "rest"
    assert alone[held.pk, DAY].held and alone[unscreened.pk, DAY].needs_screen


def test_the_day_states_of_many_users_take_five_queries_at_most(library, django_assert_num_queries):
    """The screens, the days, the ticks, today's plans (the 10th) and past days' plans (the 9th)."""
    users = due_users(4)
    pairs = [(user, day) for user in users for day in (DAY, date(2026, 1, 9))]
    noon = time_machine.travel(datetime(2026, 1, 10, 12, tzinfo=UTC), tick=False)
    with noon, django_assert_num_queries(5):
        states = selectors.day_states(pairs)
    assert all(state.to_do for state in states.values())
