from dataclasses import dataclass

from crispy_forms.layout import LayoutObject
from django import forms
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from backcare.forms import form_helper
from journal import safety

NONE = "none"
# Translators: CLINICAL: the safety screen's answer that none of a list's signs is true now.
NONE_OF_THESE = _("None of these")


@dataclass(frozen=True)
class Box:
    """One checkbox of a group, as the template renders it."""

    value: str
    label: str
    id: str
    checked: bool


class QuestionGroup(LayoutObject):
    """crispy layout object: one group of the screen as journal/safety/_question_group.html prints
    it (a fieldset of checkboxes with its hint, its error and the "none of these" box; the hooks
    static/js/safety.js and the page's CSS use)."""

    template = "journal/safety/_question_group.html"

    def __init__(self, name):
        self.name = name
        self.fields = [name]

    def render(self, form, context, template_pack=None, **kwargs):
        group, field, boxes, none = form.group(self.name)
        return render_to_string(self.template, {"group": group, "field": field, "boxes": boxes, "none": none})


class SafetyScreenForm(forms.Form):
    """The screen's three groups, each a set of checkboxes (`name` = the group, `value` = a question
    key) with a "none of these" box: every group needs an explicit answer, an item or "none"."""

    def __init__(self, *args, previous_answers=None, **kwargs):
        if previous_answers is not None:
            kwargs.setdefault("initial", safety.previous_ticks(previous_answers))
        super().__init__(*args, **kwargs)
        for group in safety.GROUPS:
            self.fields[group.name] = forms.MultipleChoiceField(
                label=group.title,
                choices=[(q.key, q.text) for q in group.questions] + [(NONE, NONE_OF_THESE)],
                widget=forms.CheckboxSelectMultiple,
                error_messages={
                    "required": _("Please tick what is true now, or tick “None of these”."),
                    "invalid_choice": _(
                        "One of the ticks in this group is not one of its answers: please tick the group again."
                    ),
                    "invalid_list": _("Please tick what is true now, or tick “None of these”."),
                },
            )
        self.helper = form_helper(*(QuestionGroup(group.name) for group in safety.GROUPS))

    def clean(self):
        cleaned = super().clean()
        for group in safety.GROUPS:
            ticked = cleaned.get(group.name) or []
            if NONE in ticked and len(ticked) > 1:
                self.add_error(
                    group.name,
                    _("You ticked “None of these” and a sign in the same group: untick one of them."),
                )
        return cleaned

    def group(self, name):
        """(group, bound field, [Box per question], the "none" Box) of one group, for its template."""
        group = next(g for g in safety.GROUPS if g.name == name)
        field = self[name]
        ticked = set(field.value() or [])
        boxes = [Box(q.key, q.text, f"{name}-{q.key}", q.key in ticked) for q in group.questions]
        none = Box(NONE, NONE_OF_THESE, f"{name}-{NONE}", NONE in ticked)
        return group, field, boxes, none

    def open_groups(self):
        """How many groups still need an answer (or a fix)."""
        return sum(1 for group in safety.GROUPS if self[group.name].errors)

    def answers(self):
        """{question_key: bool} for every question."""
        ticked = {key for group in safety.GROUPS for key in self.cleaned_data[group.name]}
        return {key: key in ticked for key in safety.QUESTION_KEYS}


class ClearanceForm(forms.Form):
    """The date a clinician said exercising is fine: not in the future, not before the screen."""

    cleared_on = forms.DateField(
        label=_("The date a clinician said exercising is fine"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": _("Enter the date you were seen."),
            "invalid": _("Enter the date as YYYY-MM-DD, for example 2026-03-01."),
        },
    )
    note = forms.CharField(
        label=_("Who you saw (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example: my doctor, Dr Patel; the physiotherapist at the clinic."),
    )

    def __init__(self, *args, screen, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
        self.screen = screen
        self.today = today
        self.fields["cleared_on"].widget.attrs.update(min=screen.taken_on.isoformat(), max=today.isoformat())

    def clean_cleared_on(self):
        value = self.cleaned_data["cleared_on"]
        if value > self.today:
            raise forms.ValidationError(_("That date is in the future: record it once you have been seen."))
        if value < self.screen.taken_on:
            raise forms.ValidationError(
                _(
                    "That date is before you answered the questions (%(day)s): a clinician needs to have "
                    "seen you since then."
                ),
                params={"day": formats.date_format(self.screen.taken_on, "DATE_FORMAT")},
            )
        return value
