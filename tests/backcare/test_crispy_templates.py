"""The project's copies of crispy-bootstrap5's templates (templates/bootstrap5/field.html,
layout/switch.html and whole_uni_form.html: the pack's includes written in place, for speed) print the same HTML as crispy's
own, whitespace aside, for every settings form in every state and for each kind of field.

Each form is rendered twice, once with the project's templates and once with crispy's stock copies of
the same files in front of them; a crispy upgrade that changes its markup fails here."""

import datetime
import re
import shutil
from pathlib import Path

import crispy_bootstrap5
import pytest
from crispy_bootstrap5.bootstrap5 import Switch
from crispy_forms import utils as crispy_utils
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from crispy_forms.templatetags import crispy_forms_tags
from django import forms
from django.conf import settings
from django.template import Context, Template
from django.test import override_settings

from backcare.forms import SettingsForm, form_helper
from journal.forms_account import DeleteAccountForm
from reminders.forms import ReminderForm
from reminders.models import Reminder

pytestmark = pytest.mark.django_db

# The pack's files the project writes its own copies of, for speed (errors.html differs on purpose:
# its role="alert", and none of these forms has a form-wide error).
OVERRIDDEN = ["bootstrap5/field.html", "bootstrap5/layout/switch.html", "bootstrap5/whole_uni_form.html"]
PROJECT_TEMPLATES = Path(settings.BASE_DIR) / "templates"
STOCK_TEMPLATES = Path(crispy_bootstrap5.__file__).parent / "templates"


def _clear_crispys_template_caches():
    # crispy keeps the templates it loads once a process (functools.lru_cache), from whichever
    # engine was there first.
    crispy_utils.default_field_template.cache_clear()
    crispy_forms_tags.whole_uni_form_template.cache_clear()
    crispy_forms_tags.uni_form_template.cache_clear()


@pytest.fixture
def stock_dir(tmp_path):
    for name in OVERRIDDEN:
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(STOCK_TEMPLATES / name, target)
    return tmp_path


def normalised(html):
    html = re.sub(r"\s+", " ", html)
    return re.sub(r" ?([<>]) ?", r"\1", html).strip()


def crispy(form):
    _clear_crispys_template_caches()
    try:
        return Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))
    finally:
        _clear_crispys_template_caches()


def render_both(make_form, stock_dir):
    """(the project's HTML, crispy's stock HTML) of a fresh form from `make_form` each: crispy writes
    its classes into the widgets' attributes as it renders."""
    ours = crispy(make_form())
    engine = {**settings.TEMPLATES[0], "DIRS": [stock_dir, *settings.TEMPLATES[0]["DIRS"]]}
    with override_settings(TEMPLATES=[engine]):
        stock = crispy(make_form())
    return ours, stock


def assert_same(make_form, stock_dir):
    ours, stock = render_both(make_form, stock_dir)
    assert normalised(ours) == normalised(stock)
    return ours


def test_each_overridden_template_is_one_of_crispys():
    for name in OVERRIDDEN:
        assert (STOCK_TEMPLATES / name).is_file(), name
        assert (PROJECT_TEMPLATES / name).is_file(), name
    overridden = {
        str(path.relative_to(PROJECT_TEMPLATES))
        for path in (PROJECT_TEMPLATES / "bootstrap5").rglob("*.html")
    }
    assert overridden == {*OVERRIDDEN, "bootstrap5/errors.html"}


def test_the_comparison_sees_a_changed_template(stock_dir):
    # The smallest breaking change: a class crispy's copy has and ours would lack.
    stock_field = stock_dir / "bootstrap5/field.html"
    stock_field.write_text(stock_field.read_text().replace("form-control", "form-control changed"))
    ours, stock = render_both(lambda: SettingsForm(data={"email": "x"}), stock_dir)
    assert normalised(ours) != normalised(stock)
    assert "form-control changed" in stock


ACCOUNT_STATES = {
    "unbound": None,
    "saved values": {"email": "a@example.com", "time_zone": "Europe/Berlin", "country": "DE"},
    "every field refused": {"email": "not-an-address", "time_zone": "Not/AZone", "country": "XX"},
    "empty": {"email": "", "time_zone": "", "country": ""},
}


@pytest.mark.parametrize("state", ACCOUNT_STATES)
def test_the_account_form(alice, stock_dir, state):
    data = ACCOUNT_STATES[state]

    def make():
        form = SettingsForm(data, instance=alice)
        if data is not None:
            form.is_valid()
        return form

    html = assert_same(make, stock_dir)
    assert 'id="div_id_time_zone"' in html
    assert ("is-invalid" in html) == (state in {"every field refused", "empty"})


REMINDER_STATES = {
    "unbound, none saved": None,
    "unbound, one saved": "saved",
    "valid": {"enabled": "on", "at": "19:00", "weekdays": ["0", "3"], "calendar_on": "on"},
    "on without a way": {"enabled": "on", "at": "19:00", "weekdays": ["1"]},
    "every field refused": {
        "enabled": "on",
        "at": "25:99",
        "weekdays": ["9"],
        "email_on": "on",
        "email": "not-an-address",
    },
    "no days, no address": {"enabled": "on", "at": "07:30", "email_on": "on", "email": ""},
}


@pytest.mark.parametrize("state", REMINDER_STATES)
def test_the_reminder_form(alice, stock_dir, state):
    data = REMINDER_STATES[state]
    if data == "saved":
        Reminder.objects.create(
            user=alice, enabled=True, at=datetime.time(8, 15), email_on=True, email="alice@example.com"
        )
        data = None
    reminder = Reminder.objects.filter(user=alice).first() or Reminder(user=alice)

    def make():
        form = ReminderForm(data, instance=reminder, zone_name=alice.time_zone)
        if data is not None:
            form.is_valid()
        return form

    html = assert_same(make, stock_dir)
    assert "form-switch" in html
    assert ("invalid-feedback" in html) == (
        state in {"on without a way", "every field refused", "no days, no address"}
    )


@pytest.mark.parametrize("data", [None, {"password": ""}], ids=["unbound", "refused"])
def test_the_delete_form(stock_dir, data):
    def make():
        form = DeleteAccountForm(data, request=None)
        if data is not None:
            form.is_valid()
        return form

    html = assert_same(make, stock_dir)
    assert 'type="password"' in html


class EveryKind(forms.Form):
    """One field of each kind the pack's field.html tells apart."""

    text = forms.CharField(help_text="Some <em>help</em>.")
    optional = forms.CharField(required=False, widget=forms.Textarea)
    at = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}), help_text="Hours and minutes.")
    box = forms.BooleanField(help_text="Tick it.")
    optional_box = forms.BooleanField(required=False)
    pick = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], help_text="One of two.")
    radio = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    many = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple, required=False
    )
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    upload = forms.FileField(required=False)
    switch = forms.BooleanField(required=False, help_text="Flip it.")

    def clean(self):
        if self.cleaned_data.get("text") == "whole":
            raise forms.ValidationError("A form-wide error.")
        return self.cleaned_data


def every_kind_helper(**options):
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*(name for name in EveryKind.base_fields if name != "switch"), Switch("switch"))
    helper.field_template = None
    for name, value in options.items():
        if name == "submit":
            helper.add_input(Submit("save", "Save"))
        else:
            setattr(helper, name, value)
    return helper


HELPERS = {
    "default": {},
    "help inline": {"help_text_inline": True},
    "errors inline": {"error_text_inline": True},
    "no labels": {"form_show_labels": False},
    "horizontal": {"form_class": "form-horizontal", "label_class": "col-3", "field_class": "col-9"},
    "no errors shown": {"form_show_errors": False},
    "a form tag and a button": {"form_tag": True, "submit": True, "form_id": "f"},
}


@pytest.mark.parametrize("helper", HELPERS)
@pytest.mark.parametrize(
    "data",
    [None, {}, {"text": "x", "at": "nope", "pick": "z", "radio": "z"}, {"text": "whole", "box": "on"}],
)
def test_every_kind_of_field(stock_dir, helper, data):
    def make():
        form = EveryKind(data, files={} if data is not None else None)
        form.helper = every_kind_helper(**HELPERS[helper])
        if data is not None:
            form.is_valid()
        return form

    assert_same(make, stock_dir)


@pytest.mark.parametrize("data", [None, {}, {"text": "whole", "box": "on"}])
def test_a_form_without_a_layout(stock_dir, data):
    # uni_form.html: each field through bootstrap5/field.html, as every other form of the project.
    def make():
        form = EveryKind(data)
        form.helper = form_helper()
        if data is not None:
            form.is_valid()
        return form

    html = assert_same(make, stock_dir)
    assert ('role="alert"' in html) == bool(data and data["text"] == "whole")


# What {% crispy %} puts in the context by default (form_class "" when the helper has none).
DEFAULTS = {
    "form_class": "",
    "form_show_labels": True,
    "form_show_errors": True,
    "error_text_inline": True,
    "help_text_inline": False,
}
TEMPLATE_TEST = (
    "not tag and not wrapper_class and not label_class and not field_class and form_show_labels and "
    "form_show_errors and error_text_inline and not help_text_inline and 'form-horizontal' not in form_class"
)
CONTEXTS = {
    "crispy's defaults": {**DEFAULTS},
    "a form class": {**DEFAULTS, "form_class": "settings-form"},
    "nothing set": {},
    "a wrapper tag": {**DEFAULTS, "tag": "td"},
    "a wrapper class": {**DEFAULTS, "wrapper_class": "ms-4"},
    "a label class": {**DEFAULTS, "label_class": "col-3"},
    "a field class": {**DEFAULTS, "field_class": "col-9"},
    "no labels": {**DEFAULTS, "form_show_labels": False},
    "no errors": {**DEFAULTS, "form_show_errors": False},
    "help inline": {**DEFAULTS, "help_text_inline": True, "error_text_inline": False},
    "horizontal": {**DEFAULTS, "form_class": "form-horizontal"},
    "a form class of None": {**DEFAULTS, "form_class": None},
}


@pytest.mark.parametrize("name", CONTEXTS)
def test_the_short_branchs_tag_answers_as_the_template_test_would(name):
    context = CONTEXTS[name]
    tag = Template("{% load crispy_defaults %}{% crispy_defaults as short %}{% if short %}short{% endif %}")
    test = Template("{% if " + TEMPLATE_TEST + " %}short{% endif %}")
    assert tag.render(Context(context)) == test.render(Context(context))
    assert (tag.render(Context(context)) == "short") == (name in {"crispy's defaults", "a form class"})


def test_a_helper_without_an_action_reverses_nothing(monkeypatch):
    from crispy_forms import helper as crispy_helper

    def reverse(name):
        raise AssertionError(f"reverse({name!r})")

    monkeypatch.setattr(crispy_helper, "reverse", reverse)
    helper = form_helper()
    assert helper.form_action == ""
    assert helper.get_attributes()["attrs"] == {}
    monkeypatch.undo()
    helper.form_action = "settings"  # a URL name is still reversed, a path kept
    assert helper.form_action == "/settings/"
    helper.form_action = "/somewhere/"
    assert helper.form_action == "/somewhere/"


def test_no_settings_form_has_media_so_crispy_prints_none(alice):
    """form_helper sets include_media False (backcare/forms.py): a widget that gains media (a script,
    a style sheet) fails here, so its page loads it itself or the helper prints it again."""
    from journal.forms_start import StartAnswersForm

    forms_on_the_page = [
        SettingsForm(instance=alice),
        ReminderForm(instance=Reminder(user=alice), zone_name=alice.time_zone),
        DeleteAccountForm(request=None),
        StartAnswersForm(),
    ]
    for form in forms_on_the_page:
        assert str(form.media) == "", type(form).__name__
        assert form.helper.include_media is False
