"""The reminders app's mail: the address confirmation and the day's reminder, text with a simple
HTML alternative. Links are absolute, from the SITE_URL setting (docs/reminders.md)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from backcare import languages
from reminders import tokens


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def confirm_url(*, user_id, address):
    return absolute(
        reverse(
            "reminders:confirm",
            kwargs={"token": tokens.make(tokens.CONFIRM, user_id=user_id, address=address)},
        )
    )


def unsubscribe_url(*, user_id, address):
    token = tokens.make(tokens.UNSUBSCRIBE, user_id=user_id, address=address)
    return absolute(reverse("reminders:unsubscribe", kwargs={"token": token}))


def _message(*, subject, to, template, context, headers=None):
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"reminders/email/{template}.txt", context),
        to=[to],
        headers=headers or {},
    )
    message.attach_alternative(render_to_string(f"reminders/email/{template}.html", context), "text/html")
    return message


def confirmation_message(*, user, address):
    """The mail that asks the owner of `address` to confirm it for reminders. Whoever typed the
    address may not own it: the mail greets neutrally and holds nothing else they chose (no user
    name), only the address itself and our own words. In the account's language (made in a
    request, but the same words whichever page asked)."""
    with translation.override(languages.for_user(user)):
        return _confirmation_message(user=user, address=address)


def _confirmation_message(*, user, address):
    context = {
        "address": address,
        "url": confirm_url(user_id=user.pk, address=address),
        "days": tokens.MAX_AGE[tokens.CONFIRM].days,
    }
    return _message(
        subject=_("BackCare: confirm your address for reminders"),
        to=address,
        template="confirm",
        context=context,
    )


def reminder_message(context):
    """The day's reminder (`channels.Context`), with the one-click unsubscribe headers (RFC 8058).
    Made outside a request: subject, text and HTML in the person's own language."""
    with translation.override(languages.for_user(context.user)):
        return _reminder_message(context)


def _reminder_message(context):
    reminder = context.reminder
    unsubscribe = unsubscribe_url(user_id=context.user.pk, address=reminder.email)
    values = {
        "user": context.user,
        "day": context.day,
        "decision": context.decision,
        "today_url": context.today_url,
        "settings_url": context.settings_url,
        "unsubscribe_url": unsubscribe,
    }
    return _message(
        subject=context.decision.subject,
        to=reminder.email,
        template="reminder",
        context=values,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
