"""Reminder settings (a section of /settings/), and the two links in reminder mail: confirm the
address, unsubscribe. The links need no log-in: the signed token names the user and address.

The calendar and push channels (docs/reminders.md): the private feed a calendar subscribes to, the
one-off file, making and stopping the feed's link, and the JSON endpoints static/js/push.js
subscribes and unsubscribes a browser through.
"""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backcare import languages
from backcare.ratelimit import limit_posts
from backcare.settings_page import settings_page
from reminders import calendar, push_keys, push_subscription, selectors, services, tokens
from reminders.forms import ReminderForm

SETTINGS_ANCHOR = "#reminders"
CALENDAR_PUSH_ANCHOR = "#calendar-push-heading"  # templates/reminders/_calendar_push.html


def _back_to_settings():
    return redirect(reverse("settings") + SETTINGS_ANCHOR)


@login_required
@require_http_methods(["GET", "POST"])
def reminder_settings(request):
    """POST saves the reminder; GET (a bookmark, a link typed by hand) is the settings page's
    reminders section, where the form lives."""
    if request.method == "GET":
        return _back_to_settings()
    user = request.user
    form = ReminderForm(request.POST, instance=selectors.reminder_for(user), zone_name=user.time_zone)
    if not form.is_valid():
        messages.error(request, _("Your reminder settings were not saved: please correct the marked fields."))
        return settings_page(request, reminder_form=form)
    asked = services.reminder_save(form=form)
    reminder = form.instance
    if not reminder.enabled:
        messages.success(request, _("Reminders are off."))
    else:
        messages.success(
            request,
            _("Reminders saved: at %(time)s, your time (%(zone)s).")
            % {"time": f"{reminder.at:%H:%M}", "zone": user.time_zone},
        )
    if asked is not None and asked.allowed:
        messages.info(
            request,
            _("We sent a link to %(address)s. E-mail reminders start once you open it.")
            % {"address": reminder.email},
        )
    elif asked is not None:
        messages.warning(request, _not_sent(user, asked))
    return _back_to_settings()


def _not_sent(user, allowance):
    """Past the confirmation mail limit (backcare/ratelimit.py): what was not done, and when to ask again."""
    at = timezone.localtime(allowance.retry_at, user.tzinfo)
    return _(
        "No new confirmation mail was sent: we send at most a few an hour for one account or address. "
        "You can ask for another after %(time)s, your time."
    ) % {"time": f"{at:%H:%M}"}


@login_required
@require_POST
@limit_posts("reminder_confirmation")
def resend_confirmation(request):
    reminder = selectors.reminder_for(request.user)
    if reminder.pk is None or not reminder.email or reminder.email_confirmed_at is not None:
        messages.info(request, _("There is no address waiting for confirmation."))
    else:
        allowance = services.confirmation_send(reminder=reminder)
        if allowance.allowed:
            messages.info(request, _("We sent a new link to %(email)s.") % {"email": reminder.email})
        else:
            messages.warning(request, _not_sent(request.user, allowance))
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


PRIVATE = "private, no-store"


def _ics(request, body, filename, disposition):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = PRIVATE
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _calendar(request, user, reminder, *, start):
    """The calendar file in its owner's language: a calendar app fetches the feed without a session
    (so without the person's language), and the words must not change with who asked."""
    site = push_keys.site_url(request)
    with translation.override(languages.for_user(user)):
        return _build_calendar(site, user, reminder, start=start)


def _build_calendar(site, user, reminder, *, start):
    return calendar.build(
        epoch=user.cache_epoch,
        zone=user.tzinfo.key,
        at=reminder.at if reminder is not None else None,
        weekdays=reminder.weekdays if reminder is not None else 0,
        start=start,
        today_url=f"{site}{reverse('journal:today')}",
        host=urlsplit(site).hostname or "",
        stamp=timezone.now(),
    )


@require_safe
def calendar_feed(request, token):
    """The private feed a calendar app subscribes to, found by its token's fingerprint. It carries
    the reminder while reminders are on with "in my calendar" ticked, and an empty calendar
    otherwise (so the app removes the event). An unknown, stopped or replaced token: 404."""
    feed = None
    if calendar.plausible(token):
        feed = selectors.calendar_feed(token_hash=calendar.fingerprint(token))
    if feed is None:
        response = HttpResponse(
            _("This calendar link is not in use: make a new one in BackCare's settings.") + "\n",
            content_type="text/plain; charset=utf-8",
            status=404,
        )
        response["Cache-Control"] = PRIVATE
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
    user = feed.user
    reminder = getattr(user, "reminder", None)
    on = reminder is not None and reminder.enabled and reminder.calendar_on
    start = (reminder.updated_at if on else feed.created_at).astimezone(user.tzinfo).date()
    body = _calendar(request, user, reminder if on else None, start=start)
    return _ics(request, body, "backcare-reminders.ics", "inline")


@login_required
@require_safe
def calendar_download(request):
    """A one-off file with the repeating reminder at the saved time and days (the defaults when
    none are saved), for calendars that drop alarms from subscriptions: imported once, it keeps
    its alarm; imported again after a change, it updates the same event (same UID)."""
    user = request.user
    reminder = selectors.reminder_for(user)
    body = _calendar(request, user, reminder, start=user.local_today())
    return _ics(request, body, "backcare-reminder.ics", "attachment")


@login_required
@require_POST
def calendar_new(request):
    """Make the private feed link (replacing any earlier one) and show it, once: only its
    fingerprint is kept, so no later page can show it again."""
    token = services.calendar_feed_renew(user=request.user)
    path = reverse("reminders:calendar_feed", kwargs={"token": token})
    url = f"{push_keys.site_url(request)}{path}"
    webcal = "webcal://" + url.split("://", 1)[1]
    return render(request, "reminders/calendar_link.html", {"feed_url": url, "webcal_url": webcal})


@login_required
@require_POST
def calendar_stop(request):
    if services.calendar_feed_stop(user=request.user):
        messages.success(
            request, _("The calendar link was stopped: calendars that read it get nothing from now on.")
        )
    else:
        messages.info(request, _("There was no calendar link to stop."))
    return redirect(reverse("settings") + CALENDAR_PUSH_ANCHOR)


def _refused(message, status=400):
    return JsonResponse({"ok": False, "message": message}, status=status)


@login_required
@require_POST
def push_subscribe(request):
    """Store this browser's PushSubscription (JSON body, CSRF header). The same endpoint again
    updates its row. 404 when the deployment has no VAPID keys."""
    if not push_keys.configured():
        return _refused(_("Push notifications are not set up on this site."), 404)
    try:
        subscription = push_subscription.parse(request.body)
    except push_subscription.Refused as refused:
        return _refused(str(refused))
    try:
        _subscription, created = services.push_subscription_save(user=request.user, subscription=subscription)
    except services.EndpointTaken:
        return _refused(_("This browser's notifications are turned on for another account."), 409)
    devices = selectors.channel_devices(user=request.user)["push_devices"]
    return JsonResponse({"ok": True, "created": created, "devices": devices})


@login_required
@require_POST
def push_unsubscribe(request):
    """Forget this browser's subscription ({"endpoint": ...}); another user's endpoint is a 404."""
    try:
        endpoint = push_subscription.parse_endpoint(request.body)
    except push_subscription.Refused as refused:
        return _refused(str(refused))
    if not services.push_subscription_delete(user=request.user, endpoint=endpoint):
        return _refused(_("No such subscription."), 404)
    devices = selectors.channel_devices(user=request.user)["push_devices"]
    return JsonResponse({"ok": True, "devices": devices})


@login_required
@require_POST
def push_off(request):
    """Turn push off on every browser (a plain form: works without JavaScript, and for a lost phone)."""
    removed = services.push_subscriptions_delete_all(user=request.user)
    if removed:
        messages.success(request, _("Push notifications are off on every device."))
    else:
        messages.info(request, _("Push notifications were not on for any device."))
    return redirect(reverse("settings") + CALENDAR_PUSH_ANCHOR)
