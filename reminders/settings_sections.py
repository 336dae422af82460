"""The reminders' section of the settings page (backcare/settings_page.py): the reminder form, then
the calendar and push channels."""

from django.template.loader import get_template

from backcare import settings_page
from reminders import push_keys, selectors
from reminders.forms import ReminderForm

URLS = (
    "reminders:calendar_download",
    "reminders:calendar_new",
    "reminders:calendar_stop",
    "reminders:push_off",
    "reminders:push_subscribe",
    "reminders:push_unsubscribe",
    "reminders:resend",
    "reminders:settings",
)


def reminders(request, *, csrf_input, refused):
    """reminders/_settings.html and reminders/_calendar_push.html, one after the other."""
    user = request.user
    reminder, channels = selectors.settings_reads(user=user)  # one query for the two
    form = refused.get("reminder_form") or ReminderForm(instance=reminder, zone_name=user.time_zone)
    context = {
        "reminder_form": form,
        "csrf_input": csrf_input,
        "channels": channels,
        "push_public_key": push_keys.public_key(),
        "urls": settings_page.urls(URLS),
    }
    return get_template("reminders/_settings.html").render(context) + get_template(
        "reminders/_calendar_push.html"
    ).render(context)
