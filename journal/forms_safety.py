from django import forms

from journal import safety

GROUPS = [
    (safety.EMERGENCY, "Signs that need emergency care"),
    (safety.URGENT, "Signs to see a doctor today"),
    (safety.TALK_FIRST, "Things to talk over with a clinician first"),
]


class SafetyScreenForm(forms.Form):
    """Every question of journal/safety.py as a required yes/no choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in safety.QUESTIONS:
            self.fields[question.key] = forms.ChoiceField(
                label=question.text,
                choices=[("no", "No"), ("yes", "Yes")],
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Please answer yes or no.",
                    "invalid_choice": "Please answer yes or no.",
                },
            )

    def groups(self):
        return [
            (level, title, [self[q.key] for q in safety.QUESTIONS if q.level == level])
            for level, title in GROUPS
        ]

    def answers(self):
        return {key: value == "yes" for key, value in self.cleaned_data.items()}


class ClearanceForm(forms.Form):
    """The date a clinician said exercising is fine: not in the future, not before the screen."""

    cleared_on = forms.DateField(
        label="The date a clinician said exercising is fine",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": "Enter the date you were seen.",
            "invalid": "Enter the date as YYYY-MM-DD, for example 2026-03-01.",
        },
    )
    note = forms.CharField(
        label="Who you saw (optional)",
        max_length=200,
        required=False,
        help_text="For example: my GP, Dr Patel; the physiotherapist at the clinic.",
    )

    def __init__(self, *args, screen, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.screen = screen
        self.today = today
        self.fields["cleared_on"].widget.attrs.update(min=screen.taken_on.isoformat(), max=today.isoformat())

    def clean_cleared_on(self):
        value = self.cleaned_data["cleared_on"]
        if value > self.today:
            raise forms.ValidationError("That date is in the future: record it once you have been seen.")
        if value < self.screen.taken_on:
            raise forms.ValidationError(
                "That date is before you answered the questions (%(day)s): a clinician needs to have "
                "seen you since then.",
                params={"day": self.screen.taken_on.strftime("%-d %B %Y")},
            )
        return value
