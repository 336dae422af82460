"""Reminder settings (a section of /settings/), and the two links in reminder mail: confirm the
address, unsubscribe. The links need no log-in: the signed token names the user and address."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from backcare.ratelimit import limit_posts
from backcare.views import settings_page
from reminders import selectors, services, tokens
from reminders.forms import ReminderForm

SETTINGS_ANCHOR = "#reminders"


def _back_to_settings():
    return redirect(reverse("settings") + SETTINGS_ANCHOR)


@login_required
@require_POST
def reminder_settings(request):
    user = request.user
    form = ReminderForm(request.POST, instance=selectors.reminder_for(user), zone_name=user.time_zone)
    if not form.is_valid():
        messages.error(request, "Your reminder settings were not saved: please correct the marked fields.")
        return settings_page(request, reminder_form=form)
    asked = services.reminder_save(form=form)
    reminder = form.instance
    if not reminder.enabled:
        messages.success(request, "Reminders are off.")
    else:
        messages.success(request, f"Reminders saved: at {reminder.at:%H:%M}, your time ({user.time_zone}).")
    if asked:
        messages.info(
            request,
            f"We sent a link to {reminder.email}. E-mail reminders start once you open it.",
        )
    return _back_to_settings()


@login_required
@require_POST
@limit_posts("reminder_confirmation")
def resend_confirmation(request):
    reminder = selectors.reminder_for(request.user)
    if reminder.pk is None or not reminder.email or reminder.email_confirmed_at is not None:
        messages.info(request, "There is no address waiting for confirmation.")
    else:
        services.confirmation_send(reminder=reminder)
        messages.info(request, f"We sent a new link to {reminder.email}.")
    return _back_to_settings()


def _bad_link(request, error, what):
    """A clear page for a link that cannot be used: 410 when it is too old, 404 when it is not one
    we made (as an unknown share link is)."""
    return render(
        request,
        "reminders/bad_link.html",
        {"expired": error.expired, "what": what},
        status=410 if error.expired else 404,
    )


def _gone(request, what):
    return render(request, "reminders/bad_link.html", {"gone": True, "what": what}, status=404)


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows the address and a button (a mail scanner's visit confirms nothing); POST confirms."""
    try:
        user_id, address = tokens.read(tokens.CONFIRM, token)
    except tokens.BadLink as error:
        return _bad_link(request, error, "confirm")
    reminder = selectors.reminder_of(user_id)
    if reminder is None or reminder.email != address:
        return _gone(request, "confirm")
    if request.method == "POST":
        services.address_confirm(reminder=reminder, address=address, now=timezone.now())
        return render(request, "reminders/confirmed.html", {"address": address})
    return render(
        request,
        "reminders/confirm.html",
        {"address": address, "confirmed": reminder.email_confirmed_at is not None},
    )


@csrf_exempt  # mail programs post the one-click unsubscribe without a session (RFC 8058): the signed token is the check
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows a button (nothing changes on a visit); POST, from it or from the mail program's
    one-click unsubscribe, stops e-mail reminders to the address."""
    try:
        user_id, address = tokens.read(tokens.UNSUBSCRIBE, token)
    except tokens.BadLink as error:
        return _bad_link(request, error, "unsubscribe")
    reminder = selectors.reminder_of(user_id)
    if reminder is None:
        return _gone(request, "unsubscribe")
    current = reminder.email == address
    if request.method == "POST":
        if current:
            services.email_unsubscribe(reminder=reminder, address=address)
        return render(request, "reminders/unsubscribed.html", {"address": address})
    return render(
        request,
        "reminders/unsubscribe.html",
        {"address": address, "already": not (current and reminder.email_on)},
    )
