from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from exercises import catalog
from journal.models import Dismissal, Entry, Tick

PAIN_CHOICES = [(n, str(n)) for n in range(11)]
YES_NO = [
    ("", _("Not answered")),
    ("no", pgettext_lazy("answer", "No")),
    ("yes", pgettext_lazy("answer", "Yes")),
]
LEG_CHOICES = [("no", pgettext_lazy("answer", "No")), ("yes", pgettext_lazy("answer", "Yes"))]


class ButtonRadioSelect(forms.RadioSelect):
    """Radio buttons shown as toggle buttons (input.btn-check + label.btn), each id the field's
    `id_prefix` and the value (pain-4, leg-yes): the hooks the page's CSS, script and tests use.

    `label_class` may use {value}.
    """

    template_name = "journal/widgets/button_radios.html"
    option_template_name = "journal/widgets/button_radio.html"

    def __init__(self, *, id_prefix, label_class, attrs=None):
        super().__init__(attrs)
        self.id_prefix = id_prefix
        self.label_class = label_class

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"]["id"] = f"{self.id_prefix}-{value}"
        option["label_class"] = self.label_class.format(value=value)
        return option


class NoteTextarea(forms.Textarea):
    """A textarea whose text starts right after the tag (Django's own template puts a newline
    first); its size comes from `rows` and the page's CSS."""

    template_name = "journal/widgets/note.html"


class CheckinForm(forms.Form):
    """The day's check-in, as Today shows it: its labels, limits and widgets are the page's."""

    # The widgets' templates live with the project's (templates/journal/widgets/).
    default_renderer = TemplatesSetting
    # The page checks the answers on the server (the form is novalidate): no `required` attributes.
    use_required_attribute = False

    pain = forms.TypedChoiceField(
        choices=PAIN_CHOICES,
        coerce=int,
        # A note (or the leg answer) may be saved alone: an empty pain stays empty, a gap on the
        # chart and in every average, never a 0 (clean() asks for at least one answer).
        required=False,
        empty_value=None,
        # The eleven buttons are rendered once per answer shown and cached (plan_tags.pain_scale).
        widget=ButtonRadioSelect(
            id_prefix="pain", label_class="btn pain-btn pain-{value}", attrs={"autocomplete": "off"}
        ),
        label=_("Average pain over the last 24 hours"),
        error_messages={
            "invalid_choice": _("Pain is a whole number from 0 (no pain) to 10 (worst imaginable)."),
        },
    )
    notes = forms.CharField(
        required=False,
        max_length=2000,
        # translate="no": the person's own words, never run through a browser's page translation.
        widget=NoteTextarea(attrs={"rows": 2, "class": "form-control", "translate": "no"}),
        label=_("Note (optional)"),
        error_messages={"max_length": _("Keep the note under %(limit_value)d characters.")},
    )
    leg_symptoms = forms.TypedChoiceField(
        choices=LEG_CHOICES,
        coerce=lambda value: value == "yes",
        required=False,
        empty_value=None,
        widget=ButtonRadioSelect(id_prefix="leg", label_class="btn btn-outline-secondary yes-no"),
        # Translators: CLINICAL: the daily check-in's leg-symptom question.
        label=_("Numbness or tingling below the knee today?"),
    )

    NOTHING = _("Choose a number from 0 to 10, or write a note.")

    def clean(self):
        data = super().clean()
        if (
            not self.errors
            and data.get("pain") is None
            and not data.get("notes")
            and data.get("leg_symptoms") is None
        ):
            self.add_error("pain", self.NOTHING)
        return data

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


# The check-in as Today prints it (journal/today.html): its labels and its three widgets' HTML.
# A refused answer's form is built (its fields show what was sent, and its errors); for the day's
# saved answers, on every load, the form is not (building it copies its three fields, some 70 µs):
# the pain scale and the leg buttons are the same for everyone who saved that answer, drawn once a
# process and language by a form built then (catalog.render_cached, as the pain scale was kept
# before), and the note box is drawn by the note field's own widget with the saved note (an empty
# box kept as the buttons are: nothing of a user's in it). The same HTML as the form's
# (tests/journal/test_checkin_parts.py).
CHECKIN_RENDERER = TemplatesSetting()


def _chosen(field, value):
    """The answer a button group shows checked ("" for none), as the form's field gives it."""
    choices = {str(choice) for choice, _label in CheckinForm.base_fields[field].choices}
    return str(value) if value is not None and str(value) in choices else ""


def _buttons(field, chosen, initial):
    return catalog.render_cached(
        f"journal:checkin:{field}:{chosen}",
        lambda: CheckinForm(initial=initial)[field].as_widget(),
    )


def checkin_parts(entry, form=None):
    """{pain_label, leg_label, notes_label, notes_id, pain_scale, leg_buttons, notes}: what Today
    prints of its check-in. `form`: a refused answer's bound form, its fields drawn from what was
    sent; otherwise the day's saved answers (`entry`, None before the first check-in)."""
    fields = CheckinForm.base_fields
    parts = {
        "pain_label": fields["pain"].label,
        "leg_label": fields["leg_symptoms"].label,
        "notes_label": fields["notes"].label,
        "notes_id": "id_notes",
    }
    if form is not None:
        pain, leg, notes = form["pain"], form["leg_symptoms"], form["notes"]
        parts["notes_id"] = notes.id_for_label
        return {
            **parts,
            "pain_scale": _buttons("pain", _chosen("pain", pain.value()), {"pain": pain.value()}),
            "leg_buttons": _buttons(
                "leg_symptoms", _chosen("leg_symptoms", leg.value()), {"leg_symptoms": leg.value()}
            ),
            "notes": notes.as_widget(),
        }
    saved = CheckinForm.saved_answers(entry)
    pain, leg, note = _chosen("pain", saved.get("pain")), saved.get("leg_symptoms", ""), saved.get("notes")
    if note:
        notes = fields["notes"].widget.render(
            "notes", note, attrs={"id": "id_notes"}, renderer=CHECKIN_RENDERER
        )
    else:
        notes = catalog.render_cached(
            "journal:checkin:notes:", lambda: CheckinForm(initial={})["notes"].as_widget()
        )
    return {
        **parts,
        "pain_scale": _buttons("pain", pain, {"pain": pain}),
        "leg_buttons": _buttons("leg_symptoms", leg, {"leg_symptoms": leg}),
        "notes": notes,
    }


class TickForm(forms.Form):
    pain_during = forms.TypedChoiceField(
        choices=[("", "—")] + PAIN_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        label=_("Pain during (0–10)"),
        error_messages={"invalid_choice": _("Pain during is a whole number from 0 to 10.")},
    )
    effort = forms.ChoiceField(
        choices=[("", "—")] + list(Tick.Effort.choices),
        required=False,
        label=_("How hard it felt"),
        error_messages={"invalid_choice": _("Choose easy, about right or hard.")},
    )
    partial = forms.BooleanField(required=False, label=_("I did less than the full dose"))
    spread = forms.TypedChoiceField(
        choices=LEG_CHOICES,
        coerce=lambda value: value == "yes",
        required=False,
        empty_value=None,
        # Translators: CLINICAL: asked after an exercise; a yes raises a warning and a step back.
        label=_("Did symptoms spread down your leg during it?"),
        error_messages={"invalid_choice": _("Answer yes or no about symptoms spreading, or leave it open.")},
    )
    # A times-a-day level's tap: one more time today (its "how did it feel" form leaves it out).
    add = forms.BooleanField(required=False)


class DayTypeForm(forms.Form):
    day_type = forms.ChoiceField(choices=Entry.DayType.choices)


class SuggestionForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[(Dismissal.Kind.UP, "up"), (Dismissal.Kind.DOSE, "dose"), (Dismissal.Kind.DOWN, "down")]
    )
