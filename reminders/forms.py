import re

from crispy_bootstrap5.bootstrap5 import Switch
from crispy_forms.layout import Div, Field, Fieldset, LayoutObject
from django import forms
from django.forms.renderers import TemplatesSetting
from django.template.loader import render_to_string
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backcare.forms import CachedChoices, CheckboxInput, form_helper
from reminders.models import EVERY_DAY, Reminder

# Monday first, as date.weekday(); the names from Django's own catalogues ("Mon", "lun", "Mo").
WEEKDAYS = [(str(day), WEEKDAYS_ABBR[day]) for day in range(7)]


def weekdays_of(mask):
    return [value for value, _ in WEEKDAYS if mask & (1 << int(value))]


class WeekdayBoxes(CachedChoices, forms.CheckboxSelectMultiple):
    """The days' boxes in one row (reminders/widgets/weekday_boxes.html: Bootstrap's look around
    Django's own checkboxes), cached per set of days ticked (CachedChoices): the same for everyone."""

    template_name = "reminders/widgets/weekday_boxes.html"
    cache_key = "weekdays"

    def _render(self, template_name, context, renderer=None):
        # The row's template lives with the project's (templates/reminders/widgets/), as the
        # check-in's widgets do (journal/forms.py); rendered only when the cache has not got it.
        return super()._render(template_name, context, TemplatesSetting())

    def chosen(self, value):
        if value is None:
            value = []
        elif isinstance(value, str):
            value = [value]
        chosen = tuple(sorted({str(day) for day in value}))  # each box is ticked if its day is in it
        return chosen if self._values().issuperset(chosen) else None


class TimeInput(CachedChoices, forms.TimeInput):
    """forms.TimeInput, kept per time shown (CachedChoices): a box showing 19:00 is the same for
    everyone (0.2 ms a settings page through the widget's three templates). Only a time as the box
    writes it, hours and minutes, is kept (1,440 at most); anything else typed into a refused POST
    is rendered afresh. Named as Django's own, as backcare.forms.CheckboxInput: crispy writes the
    widget's class name into its class attribute ("timeinput")."""

    cache_key = "time"
    HOURS_MINUTES = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]")

    def chosen(self, value):
        shown = self.format_value(value)  # the value written into the box, as Django writes it
        return shown if isinstance(shown, str) and self.HOURS_MINUTES.fullmatch(shown) else None


class EmailState(LayoutObject):
    """crispy layout object: under the address, whether the saved reminder's address is confirmed
    yet (reminders/_email_state.html; the saved row's, not the form's values)."""

    fields = ()

    def render(self, form, context, template_pack=None, **kwargs):
        reminder = form.instance
        if not (reminder.pk and reminder.email):  # the template's own test: nothing to say
            return ""
        return render_to_string("reminders/_email_state.html", {"reminder": reminder})


class ReminderForm(forms.ModelForm):
    """The reminder settings: the master switch, the time in the user's zone, the days, the channels
    and the address e-mail reminders go to (confirmed by a link before any is sent)."""

    weekdays = forms.MultipleChoiceField(
        choices=WEEKDAYS,
        required=False,
        # Django's own boxes (type, name, value first), in a row (reminders/_weekdays_field.html).
        widget=WeekdayBoxes(attrs={"class": "form-check-input"}),
        label=gettext_lazy("On these days"),
        error_messages={"invalid_choice": gettext_lazy("Pick days from the list.")},
    )

    class Meta:
        model = Reminder
        fields = ["enabled", "at", "weekdays", "email_on", "email", "calendar_on", "push_on"]
        labels = {
            "enabled": gettext_lazy("Remind me to do my exercises"),
            # Translators: the reminder's time of day ("At 19:00").
            "at": gettext_lazy("At"),
            "email_on": gettext_lazy("By e-mail"),
            "email": gettext_lazy("E-mail address for reminders"),
            "calendar_on": gettext_lazy("In my calendar"),
            "push_on": gettext_lazy("As a notification on this device"),
        }
        widgets = {
            "at": TimeInput(format="%H:%M", attrs={"type": "time", "step": 60}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            # The boxes' markup is the same for everyone: cached per ticked or not (backcare/forms.py).
            "enabled": CheckboxInput,
            "email_on": CheckboxInput,
            "calendar_on": CheckboxInput,
            "push_on": CheckboxInput,
        }
        error_messages = {
            "at": {
                "invalid": gettext_lazy("Enter a time as hours and minutes, like 19:00."),
                "required": gettext_lazy("Enter a time."),
            },
            "email": {"invalid": gettext_lazy("Enter a whole e-mail address, like name@example.com.")},
        }

    # The layout is the same for every form: built once, when the class is (crispy reads it, never
    # changes it; the legend is translated when the form is rendered).
    helper = form_helper(
        Switch("enabled", data_testid="reminder-enabled"),
        Field("at", css_class="reminder-time", data_testid="reminder-at"),
        Field("weekdays", template="reminders/_weekdays_field.html"),
        Fieldset(
            gettext_lazy("How"),
            "email_on",
            Div(Field("email", data_testid="reminder-email"), EmailState(), css_class="ms-4 my-2"),
            "calendar_on",
            "push_on",
            data_testid="reminder-channels",
        ),
    )

    def __init__(self, *args, zone_name, **kwargs):
        # Ids start with "reminder-": the account form on the same page has its own id_email.
        kwargs.setdefault("auto_id", "reminder-%s")
        super().__init__(*args, **kwargs)
        self.fields["at"].help_text = _(
            "Your local time, in your time zone %(zone)s (change the zone above)."
        ) % {"zone": zone_name}
        self.fields["email"].help_text = _("We send a link to confirm it; no reminder goes to it before.")
        if not self.is_bound:
            self.initial["weekdays"] = weekdays_of(self.instance.weekdays)
            if not self.instance.email:
                self.initial["email"] = self.instance.user.email

    def clean_at(self):
        at = self.cleaned_data["at"]
        return at.replace(second=0, microsecond=0) if at else at

    def clean_weekdays(self):
        mask = 0
        for value in self.cleaned_data["weekdays"]:
            mask |= 1 << int(value)
        return mask

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("enabled"):
            if not cleaned.get("weekdays"):
                # Off and no day ticked: keep the days chosen before, for when it is on again.
                cleaned["weekdays"] = self.instance.weekdays or EVERY_DAY
            return cleaned
        if "weekdays" in cleaned and not cleaned["weekdays"]:
            self.add_error("weekdays", _("Choose at least one day, or switch reminders off."))
        if not (cleaned.get("email_on") or cleaned.get("calendar_on") or cleaned.get("push_on")):
            self.add_error(
                "email_on", _("Choose at least one way to be reminded: e-mail, calendar or notification.")
            )
        if cleaned.get("email_on") and "email" in cleaned and not cleaned["email"]:
            self.add_error("email", _("Enter the address for e-mail reminders."))
        return cleaned
