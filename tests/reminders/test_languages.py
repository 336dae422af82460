"""A reminder speaks the person's own language (docs/translations.md): the mail, the push
notification and the calendar file are made outside a request, so each is written in
`User.language` whatever language is active around it, and English stays active afterwards."""

from datetime import date, time

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from reminders import channels, content, mail, push
from reminders.models import Reminder
from tests.conftest import make_user
from tests.reminders.test_calendar_feed import make_link

pytestmark = pytest.mark.django_db


def context_for(user, **decision):
    decision = {
        "send": True,
        "kind": content.Kind.PLAN,
        "checkin": True,
        "exercises": ("Bridge",),
        **decision,
    }
    return channels.Context(
        user=user,
        reminder=Reminder(user=user, email=user.email),
        day=date(2026, 11, 30),
        decision=content.Decision(**decision),
        today_url="https://backcare.test/today/",
        settings_url="https://backcare.test/settings/",
    )


def html_of(message):
    (html, kind), *_ = message.alternatives
    assert kind == "text/html"
    return html


@pytest.mark.parametrize(
    "language, subject, greeting, plan, html_lang",
    [
        ("de", "BackCare: der heutige Plan", "Hallo", "Ihre Schmerzangabe (0 bis 10)", 'lang="de"'),
        ("es", "BackCare: el plan de hoy", "Hola", "su registro de dolor (de 0 a 10)", 'lang="es"'),
        ("", "BackCare: today's plan", "Hello", "your pain check-in (0 to 10)", 'lang="en"'),
    ],
)
def test_the_reminder_mail_is_in_the_persons_language(language, subject, greeting, plan, html_lang):
    user = make_user("ana", language=language)
    message = mail.reminder_message(context_for(user))
    assert message.subject == subject
    assert message.body.startswith(greeting) and plan in message.body
    assert html_lang in html_of(message) and plan in html_of(message)
    assert translation.get_language() == "en"  # the override ends with the message


def test_a_careful_days_mail_is_in_german_whatever_language_is_active():
    user = make_user("jonas", language="de")
    context = context_for(user, kind=content.Kind.CAREFUL, sign=content.Sign.FLARE, checkin=True)
    with translation.override("es"):
        message = mail.reminder_message(context)
    assert message.subject == "BackCare: heute sanft"
    assert "Ihre Schmerzen sind heute viel stärker als sonst" in message.body


def test_the_confirmation_mail_is_in_the_persons_language():
    user = make_user("lucia", language="es")
    message = mail.confirmation_message(user=user, address="lucia@example.com")
    assert message.subject == "BackCare: confirme su dirección para los recordatorios"
    assert "Confirme que BackCare puede enviar sus recordatorios diarios a lucia@example.com:" in message.body
    assert "El enlace funciona durante 3 días." in message.body


@pytest.mark.parametrize(
    "language, body",
    [
        ("de", "Heute noch offen: Bridge und Ihre Schmerzangabe."),
        ("es", "Pendiente para hoy: Bridge y su registro de dolor."),
        ("en", "Still to do today: Bridge and your pain check-in."),
    ],
)
def test_the_push_notification_is_in_the_persons_language(language, body):
    user = make_user("kim", language=language)
    data = push.message(context_for(user))
    assert data["body"] == body
    assert translation.get_language() == "en"


@pytest.mark.parametrize(
    "language, summary, alarm",
    [
        ("de", "BackCare: ein paar Minuten für Ihren Rücken", "Zeit für Ihre BackCare-Angabe"),
        ("es", "BackCare: unos minutos para su espalda", "Es hora de su registro en BackCare"),
    ],
)
def test_the_calendar_feed_is_in_its_owners_language_though_the_calendar_app_sends_none(
    alice_client, alice, language, summary, alarm
):
    alice.language = language
    alice.save(update_fields=["language"])
    Reminder.objects.create(user=alice, enabled=True, calendar_on=True, at=time(7, 45))
    path, _ = make_link(alice_client)
    # A calendar app: no session, and a browser language that is not the owner's.
    response = Client().get(path, HTTP_ACCEPT_LANGUAGE="en")
    (event,) = icalendar.Calendar.from_ical(response.content).events
    assert str(event["summary"]) == summary
    assert str(event.walk("VALARM")[0]["description"]) == alarm
    assert str(event["description"]).endswith(reverse("journal:today"))


def test_the_one_off_calendar_file_is_in_german_for_a_german_reader(alice_client, alice):
    alice.language = "de"
    alice.save(update_fields=["language"])
    response = alice_client.get(reverse("reminders:calendar_download"))
    (event,) = icalendar.Calendar.from_ical(response.content).events
    assert str(event["summary"]) == "BackCare: ein paar Minuten für Ihren Rücken"
    assert "Hören Sie mit allem auf" in str(event["description"])
