"""The project's form renderer (backcare/forms.py: FormRenderer) prints an <input> in Python, byte for
byte what Django's templates print; a Django upgrade that changes those templates fails here."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from backcare.forms import INPUT_TEMPLATES, OPTION_TEMPLATES, FormRenderer

# django/forms/widgets/input.html and attrs.html as input_html mirrors them.
INPUT_SOURCE = (
    '<input type="{{ widget.type }}" name="{{ widget.name }}"{% if widget.value != None %} '
    "value=\"{{ widget.value|stringformat:'s' }}\"{% endif %}"
    '{% include "django/forms/widgets/attrs.html" %}>'
)
ATTRS_SOURCE = (
    "{% for name, value in widget.attrs.items %}{% if value is not False %} {{ name }}"
    "{% if value is not True %}=\"{{ value|stringformat:'s' }}\"{% endif %}{% endif %}{% endfor %}"
)

OPTION_SOURCE = (
    '{% if widget.wrap_label %}<label{% if widget.attrs.id %} for="{{ widget.attrs.id }}"{% endif %}>'
    '{% endif %}{% include "django/forms/widgets/input.html" %}'
    "{% if widget.wrap_label %} {{ widget.label }}</label>{% endif %}"
)


def source(name):
    return DjangoTemplates().get_template(name).template.source.strip()


def test_djangos_input_templates_are_the_ones_mirrored():
    assert source("django/forms/widgets/input.html") == INPUT_SOURCE
    assert source("django/forms/widgets/attrs.html") == ATTRS_SOURCE
    for name in INPUT_TEMPLATES - {"django/forms/widgets/input.html"}:
        assert source(name) == '{% include "django/forms/widgets/input.html" %}', name
    assert source("django/forms/widgets/input_option.html") == OPTION_SOURCE
    for name in OPTION_TEMPLATES - {"django/forms/widgets/input_option.html"}:
        assert source(name) == '{% include "django/forms/widgets/input_option.html" %}', name


def test_the_project_renders_forms_with_it():
    assert isinstance(get_default_renderer(), FormRenderer)


WIDGETS = {
    "text": (forms.TextInput(), "plain"),
    "text, escaped": (forms.TextInput(attrs={"placeholder": 'a "b" <c> & d'}), "<x> & \"y\" 'z'"),
    "text, no value": (forms.TextInput(attrs={"maxlength": 150, "autofocus": True}), None),
    "text, empty": (forms.TextInput(attrs={"disabled": False, "required": True}), ""),
    "text, safe attribute": (forms.TextInput(attrs={"data-x": mark_safe("<b>")}), "v"),
    "email": (forms.EmailInput(attrs={"autocomplete": "email", "class": "form-control"}), "a@b.example"),
    "password": (forms.PasswordInput(attrs={"autocomplete": "current-password"}), "secret"),
    "password, shown": (forms.PasswordInput(render_value=True), "secret"),
    "time": (forms.TimeInput(format="%H:%M", attrs={"type": "time", "step": 60}), datetime.time(19, 5)),
    "date": (forms.DateInput(), datetime.date(2026, 3, 1)),
    "datetime": (forms.DateTimeInput(), datetime.datetime(2026, 3, 1, 7, 30, tzinfo=datetime.UTC)),
    "number": (forms.NumberInput(attrs={"min": 0, "max": 10, "step": 0.5}), 7),
    "hidden": (forms.HiddenInput(attrs={"data-browser-timezone": ""}), "Europe/Berlin"),
    "checkbox, ticked": (forms.CheckboxInput(attrs={"role": "checkbox"}), True),
    "checkbox, not": (forms.CheckboxInput(), False),
    "checkbox, a value": (forms.CheckboxInput(), "yes"),
    "url": (forms.URLInput(), "https://example.com/?a=1&b=2"),
    "search": (forms.SearchInput(), "q"),
    "tel": (forms.TelInput(), "+49 30"),
    "color": (forms.ColorInput(), "#ff0000"),
    "file": (forms.FileInput(attrs={"accept": "image/*"}), None),
}


@pytest.mark.parametrize("kind", WIDGETS)
def test_each_kind_of_input_prints_as_djangos_templates_print_it(kind):
    widget, value = WIDGETS[kind]
    attrs = {"id": "id_field", "aria-describedby": "id_field_helptext"}
    ours = widget.render("field", value, attrs=attrs, renderer=FormRenderer())
    djangos = widget.render("field", value, attrs=attrs, renderer=DjangoTemplates())
    assert ours == djangos
    assert ours.startswith("<input ")


def test_other_widgets_go_through_djangos_templates():
    widget = forms.Select(choices=[("a", "A & B")])
    assert widget.render("f", "a", renderer=FormRenderer()) == widget.render(
        "f", "a", renderer=DjangoTemplates()
    )


CHOICES = [("0", "Mon"), ("1", '<Tue> & "Wed"'), (2, gettext_lazy("Thu")), (3, 3)]
LISTS = {
    "boxes": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    "radios": forms.RadioSelect(),
    "boxes, no ids": forms.CheckboxSelectMultiple(),
}


@pytest.mark.parametrize("kind", LISTS)
def test_each_box_of_a_list_prints_as_djangos_templates_print_it(kind):
    # reminders/_weekdays_field.html prints {{ box.tag }}; {{ box }} is the box in its <label>.
    class Form(forms.Form):
        days = forms.MultipleChoiceField(choices=CHOICES, widget=LISTS[kind], required=False)

    def boxes(renderer):
        form = Form({"days": ["1", "2"]}, renderer=renderer, auto_id=False if "no ids" in kind else "id_%s")
        return [(box.tag(), str(box)) for box in form["days"]]

    assert boxes(FormRenderer()) == boxes(DjangoTemplates())
    assert boxes(FormRenderer())[1][1].startswith("<label")
