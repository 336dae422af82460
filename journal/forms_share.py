from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from backcare.forms import form_helper
from journal import sharing


def _format(text, **values):
    return str(text) % values


# A lazy message with its numbers filled in when it is read (in the active language).
_lazy_format = lazy(_format, str)


class ShareLinkForm(forms.Form):
    """A new link to the report: who it is for (the name the report shows), how long it works and
    what it shows beyond the pain record and the plan (notes and safety answers: off unless ticked)."""

    display_name = forms.CharField(
        label=_("Your name as the report shows it"),
        max_length=sharing.NAME_MAX,
        help_text=_("For example your first name and initial. Your username is never shown."),
        error_messages={
            "required": _("Type the name the report should show."),
            "max_length": _lazy_format(
                _("Keep the name to %(count)s characters or fewer."), count=sharing.NAME_MAX
            ),
        },
    )
    days = forms.IntegerField(
        label=_("The link works for (days)"),
        initial=sharing.DEFAULT_DAYS,
        min_value=1,
        max_value=sharing.MAX_DAYS,
        help_text=_lazy_format(
            _("%(days)s days unless you choose otherwise; %(most)s at most."),
            days=sharing.DEFAULT_DAYS,
            most=sharing.MAX_DAYS,
        ),
        error_messages={
            "required": _lazy_format(
                _("Choose how many days the link works: 1 to %(most)s."), most=sharing.MAX_DAYS
            ),
            "invalid": _lazy_format(_("Type a whole number of days: 1 to %(most)s."), most=sharing.MAX_DAYS),
            "min_value": _lazy_format(_("A link works for 1 to %(most)s days."), most=sharing.MAX_DAYS),
            "max_value": _lazy_format(_("A link works for 1 to %(most)s days."), most=sharing.MAX_DAYS),
        },
    )
    show_notes = forms.BooleanField(label=_("Show my diary notes"), required=False)
    show_safety = forms.BooleanField(
        label=_("Show my safety answers (the safety questions and days with leg symptoms)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()

    def clean_display_name(self):
        name = " ".join(self.cleaned_data["display_name"].split())  # no line breaks or runs of spaces
        if not name or not any(ch.isprintable() and not ch.isspace() for ch in name):
            raise forms.ValidationError(_("Type the name the report should show."))
        if any(not ch.isprintable() for ch in name):
            raise forms.ValidationError(_("The name has characters that cannot be shown; type it again."))
        return name
