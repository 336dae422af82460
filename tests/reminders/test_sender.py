"""manage.py send_reminders (reminders/sender.py): the right local minute, at most 2 hours late,
never when the day is done or the plan is held, retried when the mail server is down, once."""

import importlib
import logging
from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from journal.models import Entry, SafetyScreen, Tick
from journal.safety import QUESTION_KEYS
from reminders import channels, selectors, sender
from reminders.models import Channel, Delivery
from tests.conftest import make_user, screen_clear
from tests.reminders.helpers import remind

pytestmark = pytest.mark.django_db
DOWN = "tests.reminders.helpers.DownBackend"
BROKEN = "tests.reminders.helpers.BrokenAfterHandOverBackend"


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def run_at(instant):
    with time_machine.travel(instant, tick=False):
        return sender.run()


def user_in(zone, name="sam"):
    user = make_user(name, time_zone=zone)
    screen_clear(user, day=date(2026, 1, 1))
    return user


def statuses(user):
    return list(Delivery.objects.filter(user=user).order_by("day").values_list("day", "status", "detail"))


def on(user, day):
    """(status, detail) of the user's e-mail reminder for `day` (the day before is recorded too:
    skipped as late, the settings being older than it)."""
    return (
        Delivery.objects.filter(user=user, day=day, channel="email").values_list("status", "detail").first()
    )


@pytest.mark.parametrize(
    "zone,at,minute_before,local_day",
    [
        ("Pacific/Kiritimati", time(7, 0), utc(2026, 5, 31, 16, 59), date(2026, 6, 1)),  # UTC+14
        ("Pacific/Pago_Pago", time(21, 30), utc(2026, 6, 2, 8, 29), date(2026, 6, 1)),  # UTC-11
        ("Europe/London", time(19, 0), utc(2026, 7, 10, 17, 59), date(2026, 7, 10)),  # BST
    ],
)
def test_sent_at_the_users_local_minute(zone, at, minute_before, local_day):
    user = user_in(zone)
    remind(user, at=at)
    run_at(minute_before)
    assert mail.outbox == []
    assert local_day not in [d for d, *_ in statuses(user)]
    run_at(minute_before + timedelta(minutes=1))
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert (local_day, "sent", "") in statuses(user)
    run_at(minute_before + timedelta(minutes=2))  # the next minute's run sends nothing more
    assert len(mail.outbox) == 1


def test_a_time_skipped_by_the_spring_change_goes_at_the_next_minute_that_exists():
    """London, 29 March 2026: 01:00 GMT jumps to 02:00 BST; a 01:30 reminder goes at 02:00 BST."""
    user = user_in("Europe/London")
    remind(user, at=time(1, 30))
    run_at(utc(2026, 3, 29, 0, 59))  # 00:59 GMT
    assert mail.outbox == []
    run_at(utc(2026, 3, 29, 1, 0))  # 02:00 BST
    assert len(mail.outbox) == 1
    run_at(utc(2026, 3, 29, 1, 30))
    assert len(mail.outbox) == 1


def test_a_time_repeated_by_the_autumn_change_goes_the_first_time_only():
    """London, 25 October 2026: 01:30 happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT)."""
    user = user_in("Europe/London")
    remind(user, at=time(1, 30))
    run_at(utc(2026, 10, 25, 0, 29))
    assert mail.outbox == []
    run_at(utc(2026, 10, 25, 0, 30))
    assert len(mail.outbox) == 1
    run_at(utc(2026, 10, 25, 1, 30))  # the second 01:30
    assert len(mail.outbox) == 1
    assert [(d, s) for d, s, _ in statuses(user)][-1] == (date(2026, 10, 25), "sent")


def test_more_than_two_hours_late_is_skipped_not_sent():
    user = user_in("Europe/London")
    remind(user, at=time(19, 0))
    run_at(utc(2026, 1, 10, 18, 59))  # the last run before an outage
    run_at(utc(2026, 1, 10, 21, 1))  # back 2 h 1 min after the reminder's time
    assert mail.outbox == []
    assert (date(2026, 1, 10), "skipped", "late") in statuses(user)
    run_at(utc(2026, 1, 10, 21, 2))
    assert mail.outbox == []


def test_up_to_two_hours_late_is_still_sent():
    user = user_in("Europe/London")
    remind(user, at=time(19, 0))
    run_at(utc(2026, 1, 10, 21, 0))
    assert len(mail.outbox) == 1


def test_a_time_zone_edit_moves_the_moment_and_never_sends_a_day_twice():
    user = user_in("Europe/London")
    remind(user, at=time(19, 0))
    run_at(utc(2026, 1, 10, 19, 0))
    assert len(mail.outbox) == 1
    user.time_zone = "America/New_York"  # 19:00 there is 00:00 UTC on the 11th: still the 10th there
    user.save()
    run_at(utc(2026, 1, 11, 0, 0))
    assert len(mail.outbox) == 1  # the 10th had its reminder
    run_at(utc(2026, 1, 12, 0, 0))
    assert len(mail.outbox) == 2  # the 11th, New York time


def test_not_sent_when_the_check_in_and_the_plan_are_done():
    user = user_in("Europe/London")
    remind(user, at=time(19, 0))
    day = date(2026, 1, 10)
    with time_machine.travel(utc(2026, 1, 10, 12), tick=False):
        screen = selectors.day_state(user=user, day=day)
        assert screen.to_do and not screen.checked_in
        entry = Entry.objects.create(user=user, date=day, pain=3)
        from exercises import catalog
        from journal import selectors as journal

        status = journal.screen_status(user=user)
        _, exercises = journal.day_plan(user=user, day_type="normal", status=status)
        for exercise in exercises:
            Tick.objects.create(entry=entry, exercise=exercise, times=exercise.times_per_day or 1)
        catalog.clear()
        assert selectors.day_state(user=user, day=day).to_do == ()
    run_at(utc(2026, 1, 10, 19, 0))
    assert mail.outbox == []
    assert on(user, day) == ("skipped", "done: check-in and today's plan already done")


def test_a_checked_in_rest_day_is_done_and_an_unchecked_one_asks_for_the_check_in():
    done, waiting = user_in("Europe/London", "done"), user_in("Europe/London", "waiting")
    for user in (done, waiting):
        remind(user, at=time(19, 0))
    Entry.objects.create(user=done, date=date(2026, 1, 10), pain=2, day_type="rest")
    Entry.objects.create(user=waiting, date=date(2026, 1, 10), day_type="rest")
    run_at(utc(2026, 1, 10, 19, 0))
    assert [m.to for m in mail.outbox] == [[waiting.email]]
    assert "rest day" in mail.outbox[0].body and "check-in" in mail.outbox[0].body


def test_a_screen_that_holds_the_plan_stops_the_reminder():
    user = make_user("held", time_zone="Europe/London")
    answers = dict.fromkeys(QUESTION_KEYS, False)
    SafetyScreen.objects.create(
        user=user, taken_on=date(2026, 1, 1), answers=answers, outcome=SafetyScreen.Outcome.URGENT
    )
    remind(user, at=time(19, 0))
    run_at(utc(2026, 1, 10, 19, 0))
    assert mail.outbox == []
    assert on(user, date(2026, 1, 10)) == ("skipped", "safety screen holds the plan")


def test_the_mail_lists_todays_plan_links_to_today_and_carries_unsubscribe_headers(settings):
    settings.SITE_URL = "https://backcare.example"
    user = user_in("Europe/London")
    remind(user, at=time(19, 0))
    run_at(utc(2026, 1, 10, 19, 0))
    (message,) = mail.outbox
    assert message.subject == "BackCare: today's plan"
    assert "https://backcare.example/today/" in message.body
    assert "Supine marching" in message.body or "marching" in message.body.lower()
    html, kind = message.alternatives[0]
    assert kind == "text/html" and 'href="https://backcare.example/today/"' in html
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith(
        "<https://backcare.example/reminders/unsubscribe/"
    ) and unsubscribe.endswith("/>")
    assert unsubscribe[1:-1] in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in message.message().as_string()


def test_no_mail_to_an_unconfirmed_address_nor_when_switched_off():
    unconfirmed, off = user_in("Europe/London", "unconfirmed"), user_in("Europe/London", "off")
    remind(unconfirmed, confirmed=False)
    reminder = remind(off)
    reminder.enabled = False
    reminder.save()
    run_at(utc(2026, 1, 10, 19, 0))
    assert mail.outbox == []
    assert not Delivery.objects.exists()


def test_mail_server_down_is_logged_retried_on_the_next_run_and_sent_once(caplog):
    user = user_in("Europe/London")
    remind(user, at=time(19, 0))
    caplog.set_level(logging.INFO, logger="reminders")
    with override_settings(EMAIL_BACKEND=DOWN):
        run_at(utc(2026, 1, 10, 19, 0))
        run_at(utc(2026, 1, 10, 19, 1))
    assert mail.outbox == []
    row = Delivery.objects.get(user=user, day=date(2026, 1, 10))
    assert row.status == "retry" and row.attempts == 2
    # The error's class only: what a remote server said is logged, never kept in the exported row.
    assert row.detail == "mail server not reached: ConnectionRefusedError"
    retry_lines = [r.getMessage() for r in caplog.records if "reminder retry" in r.getMessage()]
    assert len(retry_lines) == 2 and f"user={user.pk}" in retry_lines[0]
    run_at(utc(2026, 1, 10, 19, 2))  # the server is back
    assert [m.to for m in mail.outbox] == [[user.email]]
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 3)
    run_at(utc(2026, 1, 10, 19, 3))
    assert len(mail.outbox) == 1


def test_mail_server_down_for_more_than_two_hours_gives_up_without_sending(caplog):
    user = user_in("Europe/London")
    remind(user, at=time(19, 0))
    with override_settings(EMAIL_BACKEND=DOWN):
        run_at(utc(2026, 1, 10, 19, 0))
    caplog.set_level(logging.INFO, logger="reminders")
    run_at(utc(2026, 1, 10, 21, 1))
    assert mail.outbox == []
    assert on(user, date(2026, 1, 10)) == ("failed", "never handed over within 2 hours")
    assert any("reminder failed" in r.getMessage() for r in caplog.records)


def test_a_failure_after_the_hand_over_is_logged_and_never_repeated(caplog):
    user = user_in("Europe/London")
    remind(user, at=time(19, 0))
    caplog.set_level(logging.INFO, logger="reminders")
    with override_settings(EMAIL_BACKEND=BROKEN):
        run_at(utc(2026, 1, 10, 19, 0))
    run_at(utc(2026, 1, 10, 19, 1))
    assert mail.outbox == []
    status, detail = on(user, date(2026, 1, 10))
    assert (status, detail) == ("failed", "SMTPDataError")  # the server's own words only in the log
    assert any(r.levelno == logging.ERROR and "not repeated" in r.getMessage() for r in caplog.records)


def test_a_row_another_run_claimed_is_not_sent_again():
    """Another run's row, made after this run read what was recorded: the unique constraint says no."""
    user = user_in("Europe/London")
    remind(user, at=time(19, 0))
    Delivery.objects.create(
        user=user,
        day=date(2026, 1, 10),
        channel="email",
        due_at=utc(2026, 1, 10, 19),
        claimed_at=utc(2026, 1, 10, 19),
    )
    original = selectors.recorded
    try:
        selectors.recorded = lambda since: set()
        run_at(utc(2026, 1, 10, 19, 0))
    finally:
        selectors.recorded = original
    assert mail.outbox == []
    assert Delivery.objects.filter(user=user, day=date(2026, 1, 10)).count() == 1


def test_one_line_logged_per_send_and_skip(caplog):
    sent, done = user_in("Europe/London", "sent"), user_in("Europe/London", "done")
    for user in (sent, done):
        remind(user, at=time(19, 0), saved=utc(2026, 1, 10, 12))
    Entry.objects.create(user=done, date=date(2026, 1, 10), pain=2, day_type="rest")
    caplog.set_level(logging.INFO, logger="reminders")
    outcomes = run_at(utc(2026, 1, 10, 19, 0))
    lines = [r.getMessage() for r in caplog.records if r.name == "reminders"]
    assert outcomes == {"sent": 1, "skipped": 1}
    assert len(lines) == 2
    assert any(
        line.startswith(f"reminder sent: user={sent.pk} day=2026-01-10 channel=email") for line in lines
    )
    assert any(line.startswith(f"reminder skipped: user={done.pk} day=2026-01-10") for line in lines)


def test_push_is_a_channel_of_its_own_once_registered(monkeypatch):
    """The push channel (reminders/push.py: send_push) plugs in beside e-mail, once per day too."""
    calls = []

    def send_push(delivery, context):
        calls.append((delivery.channel, context.day, context.decision.kind))

    monkeypatch.setitem(channels.SENDERS, Channel.PUSH, send_push)
    user = user_in("Europe/London")
    remind(user, at=time(19, 0), push_on=True, calendar_on=True)
    run_at(utc(2026, 1, 10, 19, 0))
    run_at(utc(2026, 1, 10, 19, 1))
    assert calls == [("push", date(2026, 1, 10), "plan")]
    assert len(mail.outbox) == 1
    today = Delivery.objects.filter(day=date(2026, 1, 10))
    assert sorted(today.values_list("channel", "status")) == [("email", "sent"), ("push", "sent")]


def test_a_channel_with_nothing_to_send_to_is_skipped_with_its_reason(monkeypatch):
    def send_push(delivery, context):
        raise channels.Skip("no browser subscribed")

    monkeypatch.setitem(channels.SENDERS, Channel.PUSH, send_push)
    user = user_in("Europe/London")
    remind(user, at=time(19, 0), push_on=True, email_on=False)
    run_at(utc(2026, 1, 10, 19, 0))
    assert Delivery.objects.get(user=user, day=date(2026, 1, 10)).detail == "no browser subscribed"


def test_without_the_push_channel_push_alone_sends_nothing(monkeypatch):
    monkeypatch.delitem(channels.SENDERS, Channel.PUSH, raising=False)
    user = user_in("Europe/London")
    remind(user, at=time(19, 0), push_on=True, calendar_on=True, email_on=False)
    run_at(utc(2026, 1, 10, 19, 0))
    assert not Delivery.objects.exists()


def test_the_command_runs_a_pass_and_loops():
    user = user_in("Europe/London")
    remind(user, at=time(19, 0))
    with time_machine.travel(utc(2026, 1, 10, 19, 0), tick=False):
        call_command("send_reminders")
    assert len(mail.outbox) == 1
    with pytest.raises(CommandError, match="1 or more"):
        call_command("send_reminders", "--loop", "0")


def test_the_loop_survives_a_failed_pass(monkeypatch, caplog):
    from reminders.management.commands import send_reminders

    passes = []

    def failing_run():
        passes.append(1)
        if len(passes) == 1:
            raise RuntimeError("database went away")
        return {}

    def sleep(seconds):
        if len(passes) >= 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(send_reminders.sender, "run", failing_run)
    monkeypatch.setattr(send_reminders.time, "sleep", sleep)
    with pytest.raises(KeyboardInterrupt):
        call_command("send_reminders", "--loop", "60")
    assert len(passes) == 2
    assert any("reminder pass failed" in r.getMessage() for r in caplog.records)


def test_old_mail_delivery_details_keep_the_error_class_only():
    """The data migration (reminders/migrations/0004_email_delivery_detail_class_only.py)."""
    recorded = importlib.import_module("reminders.migrations.0004_email_delivery_detail_class_only").recorded
    assert (
        recorded("mail server not reached: ConnectionRefusedError: [Errno 111] Connection refused")
        == "mail server not reached: ConnectionRefusedError"
    )
    assert recorded("SMTPDataError: (451, b'Requested action aborted: local error')") == "SMTPDataError"
    assert recorded("never handed over within 2 hours") == "never handed over within 2 hours"
    assert recorded("late") == "late"
