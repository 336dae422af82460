from django import forms

from journal.models import Dismissal, Entry, Tick

PAIN_CHOICES = [(n, str(n)) for n in range(11)]
YES_NO = [("", "Not answered"), ("no", "No"), ("yes", "Yes")]
LEG_CHOICES = [("no", "No"), ("yes", "Yes")]


class CheckinForm(forms.Form):
    pain = forms.TypedChoiceField(
        choices=PAIN_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        label="Your back pain on average over the last 24 hours",
        error_messages={
            "required": "Choose a number from 0 to 10.",
            "invalid_choice": "Pain is a whole number from 0 (no pain) to 10 (worst imaginable).",
        },
    )
    notes = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Note (optional)",
        error_messages={"max_length": "Keep the note under %(limit_value)d characters."},
    )
    leg_symptoms = forms.TypedChoiceField(
        choices=LEG_CHOICES,
        coerce=lambda value: value == "yes",
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        label="Numbness or tingling below the knee today?",
    )

    @staticmethod
    def saved_answers(entry):
        """The day's saved answers as the form's fields take them (None: no entry yet)."""
        initial = {}
        if entry is not None:
            initial = {"pain": entry.pain, "notes": entry.notes}
            if entry.leg_symptoms is not None:
                initial["leg_symptoms"] = "yes" if entry.leg_symptoms else "no"
        return initial

    @classmethod
    def for_entry(cls, entry, data=None):
        return cls(data, initial=cls.saved_answers(entry))


class TickForm(forms.Form):
    pain_during = forms.TypedChoiceField(
        choices=[("", "—")] + PAIN_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        label="Pain during (0–10)",
        error_messages={"invalid_choice": "Pain during is a whole number from 0 to 10."},
    )
    effort = forms.ChoiceField(
        choices=[("", "—")] + list(Tick.Effort.choices),
        required=False,
        label="How hard it felt",
        error_messages={"invalid_choice": "Choose easy, about right or hard."},
    )
    partial = forms.BooleanField(required=False, label="I did less than the full dose")
    spread = forms.TypedChoiceField(
        choices=LEG_CHOICES,
        coerce=lambda value: value == "yes",
        required=False,
        empty_value=None,
        label="Did symptoms spread down your leg during it?",
        error_messages={"invalid_choice": "Answer yes or no about symptoms spreading, or leave it open."},
    )


class DayTypeForm(forms.Form):
    day_type = forms.ChoiceField(choices=Entry.DayType.choices)


class SuggestionForm(forms.Form):
    kind = forms.ChoiceField(choices=[(Dismissal.Kind.UP, "up"), (Dismissal.Kind.DOWN, "down")])
