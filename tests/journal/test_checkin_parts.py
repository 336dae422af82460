"""Today's check-in drawn without building its form for the saved answers
(journal/forms.py: checkin_parts): the same HTML as the form's own fields, in every language."""

import pytest
from django.test import override_settings
from django.utils import translation

from exercises import catalog
from journal.forms import CheckinForm, checkin_parts
from journal.models import Entry

ANSWERS = [
    None,  # no check-in yet
    {"pain": 0},
    {"pain": 7, "leg_symptoms": True},
    {"pain": None, "notes": 'Stiff <b>morning</b> & "tired"\nsecond line', "leg_symptoms": False},
    {"pain": 10, "notes": "  spaces kept  "},
]


def from_the_form(form):
    return {
        "pain_label": str(form["pain"].label),
        "leg_label": str(form["leg_symptoms"].label),
        "notes_label": str(form["notes"].label),
        "notes_id": form["notes"].id_for_label,
        "pain_scale": form["pain"].as_widget(),
        "leg_buttons": form["leg_symptoms"].as_widget(),
        "notes": str(form["notes"]),
    }


def as_text(parts):
    return {key: str(value) for key, value in parts.items()}


@pytest.mark.parametrize("language", ["en", "es", "de"])
@pytest.mark.parametrize("answers", ANSWERS)
@pytest.mark.parametrize("kept", [False, True])
def test_saved_answers_drawn_as_the_form_draws_them(alice, answers, language, kept):
    entry = None if answers is None else Entry.objects.create(user=alice, date=alice.local_today(), **answers)
    with translation.override(language):
        expected = from_the_form(CheckinForm.for_entry(entry))
        if kept:  # the buttons and the empty note box as a process keeps them, drawn twice
            with override_settings(
                CACHES={"local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
            ):
                catalog._widgets.clear()
                checkin_parts(entry)
                assert catalog._widgets
                assert as_text(checkin_parts(entry)) == expected
            catalog._widgets.clear()
        else:
            assert as_text(checkin_parts(entry)) == expected


@pytest.mark.parametrize(
    "data",
    [
        {"pain": "11", "notes": "x" * 2001},
        {"pain": "", "notes": "", "leg_symptoms": ""},
        {"pain": "3", "leg_symptoms": "maybe", "notes": "<i>mine</i>"},
    ],
)
def test_a_refused_answer_shows_what_was_sent(data):
    form = CheckinForm(data)
    assert not form.is_valid()
    assert as_text(checkin_parts(None, form)) == from_the_form(CheckinForm(data))
