"""The start's screens (journal/views/start.py): one question a screen, each skippable.

Each form's `answers()` gives the StartAnswers fields it sets; a skipped screen sets each of them
to `SKIPPED`'s empty value without reading the form. The activities become the first PSFS round,
so each chosen one carries a 0-10 rating on the same screen (journal/psfs.py).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from backcare.forms import form_helper
from exercises.positions import Equipment
from journal import psfs, starter
from journal.models import StartAnswers

# Suggested activities (the chips), in the person's words.
SUGGESTED = (
    _("Sitting at work"),
    _("Lifting a child"),
    _("Walking 30 minutes"),
    _("Sleeping through the night"),
    _("Driving"),
    _("Gardening"),
    _("Playing a sport"),
)
TYPED_SLOTS = 2
MAX_ACTIVITIES = 3
RATINGS = [("", _("Not this one"))] + [(str(n), str(n)) for n in range(psfs.RATING_MIN, psfs.RATING_MAX + 1)]
TYPED_RATINGS = [("", _("Choose"))] + RATINGS[1:]
CHOICE_ERRORS = {
    "required": _("Choose one answer, or skip this question."),
    "invalid_choice": _("Choose one of the answers."),
}


class EpisodeForm(forms.Form):
    episode = forms.ChoiceField(
        label=_("How long has this episode of back pain lasted?"),
        choices=StartAnswers.Episode.choices,
        widget=forms.RadioSelect,
        error_messages=CHOICE_ERRORS,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()

    def answers(self):
        return {"episode": self.cleaned_data["episode"]}


class LegForm(forms.Form):
    leg = forms.ChoiceField(
        label=_("Where do your symptoms go?"),
        choices=StartAnswers.Leg.choices,
        widget=forms.RadioSelect,
        error_messages=CHOICE_ERRORS,
        help_text=_("Pain, numbness or tingling, at its furthest point on most days."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()

    def answers(self):
        return {"leg": self.cleaned_data["leg"]}


class ActivitiesForm(forms.Form):
    """Up to three activities the person wants to get back to, each rated 0-10 for today: the
    suggested ones as one choice each ("Not this one" or a rating), and typed ones with theirs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rating_errors = {"invalid_choice": _("Choose a number from 0 to 10.")}
        for n, name in enumerate(SUGGESTED):
            self.fields[f"suggested_{n}"] = forms.ChoiceField(
                label=name, choices=RATINGS, required=False, error_messages=rating_errors
            )
        for n in range(TYPED_SLOTS):
            self.fields[f"typed_{n}"] = forms.CharField(
                label=_("Another activity (%(n)s)") % {"n": n + 1},
                max_length=psfs.NAME_MAX,
                required=False,
                strip=True,
            )
            self.fields[f"typed_{n}_rating"] = forms.ChoiceField(
                label=_("How well can you do it today? (%(n)s)") % {"n": n + 1},
                choices=TYPED_RATINGS,
                required=False,
                error_messages=rating_errors,
            )
        self.helper = form_helper()

    def clean(self):
        cleaned = super().clean()
        for n in range(TYPED_SLOTS):
            name, rating = cleaned.get(f"typed_{n}"), cleaned.get(f"typed_{n}_rating")
            if name and not rating and f"typed_{n}_rating" not in self.errors:
                self.add_error(f"typed_{n}_rating", _("Rate it from 0 to 10, or clear its name."))
            if rating and not name and f"typed_{n}" not in self.errors:
                self.add_error(f"typed_{n}", _("Name the activity, or choose “Choose” as its rating."))
        if not self.errors:
            chosen = self.chosen()
            if not chosen:
                raise forms.ValidationError(_("Rate at least one activity, or skip this question."))
            if len(chosen) > MAX_ACTIVITIES:
                raise forms.ValidationError(
                    _("Choose at most %(count)s activities for now: you can add more later.")
                    % {"count": MAX_ACTIVITIES}
                )
            names = [name.casefold() for name, _ in chosen]
            if len(set(names)) != len(names):
                raise forms.ValidationError(_("Give each activity once."))
        return cleaned

    def chosen(self):
        """[(name, rating)] of the activities given, suggested first."""
        data = self.cleaned_data
        found = [
            (str(name), int(data[f"suggested_{n}"]))
            for n, name in enumerate(SUGGESTED)
            if data.get(f"suggested_{n}")
        ]
        found += [
            (data[f"typed_{n}"], int(data[f"typed_{n}_rating"]))
            for n in range(TYPED_SLOTS)
            if data.get(f"typed_{n}") and data.get(f"typed_{n}_rating")
        ]
        return found


class EquipmentForm(forms.Form):
    equipment = forms.MultipleChoiceField(
        label=_("Which of these do you have at hand?"),
        choices=[
            (Equipment.EXERCISE_BALL.value, _("An exercise ball")),
            (Equipment.BOX_OR_BENCH.value, _("A box or a bench")),
            (Equipment.WEIGHT_OR_BAND.value, _("A resistance band or a light weight")),
            (Equipment.ROLLER_OR_TENNIS_BALL.value, _("A foam roller or a tennis ball")),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave them all unticked if you have none of them: a floor and a chair are enough."),
        error_messages={"invalid_choice": _("Choose from the list.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()

    def answers(self):
        return {"equipment": [tag for tag in starter.ASKED if tag in self.cleaned_data["equipment"]]}


class MinutesForm(forms.Form):
    minutes = forms.TypedChoiceField(
        label=_("How much time can you give your back on most days?"),
        choices=StartAnswers.Minutes.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=CHOICE_ERRORS,
    )
    sitting = forms.BooleanField(label=_("Most of my day is sitting"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()

    def answers(self):
        return {"minutes": self.cleaned_data["minutes"], "sitting": self.cleaned_data["sitting"]}


class ReminderChoiceForm(forms.Form):
    """A daily reminder: the time and one way; saved through the reminders app's own form and
    service (reminders/forms.py, reminders/services.py)."""

    CHANNELS = [
        ("email", _("By e-mail")),
        ("calendar", _("In my calendar")),
        ("push", _("As a notification on this device")),
    ]

    at = forms.TimeField(
        label=_("At what time?"),
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time", "step": 60}),
        error_messages={
            "invalid": _("Enter a time as hours and minutes, like 19:00."),
            "required": _("Enter a time."),
        },
    )
    channel = forms.ChoiceField(
        label=_("How should we remind you?"),
        choices=CHANNELS,
        widget=forms.RadioSelect,
        error_messages=CHOICE_ERRORS,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


FORMS = {
    "episode": EpisodeForm,
    "leg": LegForm,
    "activities": ActivitiesForm,
    "equipment": EquipmentForm,
    "minutes": MinutesForm,
    "reminder": ReminderChoiceForm,
}
# What a skipped screen stores (StartAnswers fields; the activities and the reminder keep none).
SKIPPED = {
    "episode": {"episode": ""},
    "leg": {"leg": ""},
    "equipment": {"equipment": None},
    "minutes": {"minutes": None, "sitting": None},
}


NOT_ANSWERED = [("", _("Not answered"))]


class StartAnswersForm(forms.Form):
    """The start's answers in Settings (journal/settings_sections.py: start_answers): each one may be
    left unanswered, as on the start. Saving them changes no plan; "Rebuild my plan from these
    answers" does (journal/views/start.py: plan_rebuild)."""

    episode = forms.ChoiceField(
        label=EpisodeForm.base_fields["episode"].label,
        choices=NOT_ANSWERED + StartAnswers.Episode.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages=CHOICE_ERRORS,
    )
    leg = forms.ChoiceField(
        label=LegForm.base_fields["leg"].label,
        choices=NOT_ANSWERED + StartAnswers.Leg.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages=CHOICE_ERRORS,
        help_text=LegForm.base_fields["leg"].help_text,
    )
    equipment = EquipmentForm.base_fields["equipment"]
    minutes = forms.TypedChoiceField(
        label=MinutesForm.base_fields["minutes"].label,
        choices=NOT_ANSWERED + StartAnswers.Minutes.choices,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
        error_messages=CHOICE_ERRORS,
    )
    sitting = forms.BooleanField(label=MinutesForm.base_fields["sitting"].label, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()

    @classmethod
    def for_answers(cls, answers):
        return cls(
            initial={
                "episode": answers.episode,
                "leg": answers.leg,
                "equipment": answers.equipment or [],
                "minutes": "" if answers.minutes is None else answers.minutes,
                "sitting": bool(answers.sitting),
            }
        )

    def answers(self):
        data = self.cleaned_data
        return {
            "episode": data["episode"],
            "leg": data["leg"],
            "equipment": [tag for tag in starter.ASKED if tag in data["equipment"]],
            "minutes": data["minutes"],
            "sitting": data["sitting"],
        }
