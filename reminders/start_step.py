"""The start's last question (journal/views/start.py): the reminder it asks for, saved through this
app's own form and service. The journal sits below reminders (docs/architecture.md, "The apps and
their imports"), so the start reaches this function by its dotted name in settings
(`START_REMINDER_STEP`), as the settings page reaches each app's section."""

from django.contrib import messages
from django.utils.translation import gettext as _

from reminders import services
from reminders.forms import WEEKDAYS, ReminderForm
from reminders.selectors import reminder_for


def save(request, cleaned_data):
    """Save the reminder the start's answers ask for (every weekday, at `at`, on `channel`); False
    when the reminders' form refuses it, with nothing saved."""
    user = request.user
    channel = cleaned_data["channel"]
    data = {
        "enabled": "on",
        "at": cleaned_data["at"].strftime("%H:%M"),
        "weekdays": [value for value, _label in WEEKDAYS],
        "email": user.email,
        f"{channel}_on": "on",
    }
    form = ReminderForm(data, instance=reminder_for(user), zone_name=user.time_zone)
    if not form.is_valid():
        return False
    asked = services.reminder_save(form=form)
    if asked is not None and asked.allowed:
        messages.info(
            request,
            _("We sent a link to %(address)s: e-mail reminders start once you open it.")
            % {"address": user.email},
        )
    if channel != "email":
        messages.info(
            request, _("To finish setting up this reminder on your device or calendar, open Settings.")
        )
    return True
