from django import forms

from backcare.forms import form_helper
from journal import sharing


class ShareLinkForm(forms.Form):
    """A new link to the report: who it is for (the name the report shows), how long it works and
    what it shows beyond the pain record and the plan (notes and safety answers: off unless ticked)."""

    display_name = forms.CharField(
        label="Your name as the report shows it",
        max_length=sharing.NAME_MAX,
        help_text="For example your first name and initial. Your username is never shown.",
        error_messages={
            "required": "Type the name the report should show.",
            "max_length": f"Keep the name to {sharing.NAME_MAX} characters or fewer.",
        },
    )
    days = forms.IntegerField(
        label="The link works for (days)",
        initial=sharing.DEFAULT_DAYS,
        min_value=1,
        max_value=sharing.MAX_DAYS,
        help_text=f"{sharing.DEFAULT_DAYS} days unless you choose otherwise; {sharing.MAX_DAYS} at most.",
        error_messages={
            "required": f"Choose how many days the link works: 1 to {sharing.MAX_DAYS}.",
            "invalid": f"Type a whole number of days: 1 to {sharing.MAX_DAYS}.",
            "min_value": f"A link works for 1 to {sharing.MAX_DAYS} days.",
            "max_value": f"A link works for 1 to {sharing.MAX_DAYS} days.",
        },
    )
    show_notes = forms.BooleanField(label="Show my diary notes", required=False)
    show_safety = forms.BooleanField(
        label="Show my safety answers (the safety questions and days with leg symptoms)", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()

    def clean_display_name(self):
        name = " ".join(self.cleaned_data["display_name"].split())  # no line breaks or runs of spaces
        if not name or not any(ch.isprintable() and not ch.isspace() for ch in name):
            raise forms.ValidationError("Type the name the report should show.")
        if any(not ch.isprintable() for ch in name):
            raise forms.ValidationError("The name has characters that cannot be shown; type it again.")
        return name
