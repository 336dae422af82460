from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.conf import settings
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    UserCreationForm,
)
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from backcare import diary_version, language_cache
from backcare.languages import active_or_default, language_choices
from backcare.models import User
from backcare.reauth import password_confirmed
from backcare.timezones import canonical, timezone_choices, validate_timezone
from backcare.urgent_care import country_choices_for, country_for_timezone


class Helper(FormHelper):
    """crispy's FormHelper, without the failed reverse() its `form_action` tries on every
    {% crispy %} when there is no action (all of this project's: each page writes its <form>)."""

    @property
    def form_action(self):
        return super().form_action if self._form_action else ""

    @form_action.setter
    def form_action(self, action):
        self._form_action = action


def form_helper(*layout):
    """crispy's FormHelper for a form whose <form> tag, CSRF field and buttons its template writes
    (`{% crispy form %}` prints the fields, the form's own errors and Bootstrap 5's markup); with
    `layout`, the fields in that Layout, else each field in order."""
    helper = Helper()
    helper.form_tag = False
    helper.disable_csrf = True  # the template's <form> has it (rendered once a page on settings)
    # No widget of the project's forms has media (each page loads its own scripts and styles):
    # {% crispy %} would gather every widget's empty Media to print nothing.
    helper.include_media = False
    if layout:
        helper.layout = Layout(*layout)
    return helper


COUNTRY_ERRORS = {"invalid_choice": _("Pick your country from the list, or “Another country”.")}


class SignupForm(UserCreationForm):
    # Filled from the browser by static/js/backcare.js; empty falls back to the default zone.
    time_zone = forms.CharField(required=False, widget=forms.HiddenInput(attrs={"data-browser-timezone": ""}))

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "email", "country"]
        error_messages = {"country": COUNTRY_ERRORS}

    field_order = ["username", "email", "password1", "password2", "country"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
        self.fields["email"].required = True
        self.fields["email"].help_text = _("Used only to reset your password.")
        if not self.is_bound:
            # static/js/backcare.js preselects the country from the browser's time zone.
            self.fields["country"].widget.attrs["data-country-guess"] = ""

    def clean_time_zone(self):
        value = self.cleaned_data["time_zone"].strip()
        if not value:
            return settings.TIME_ZONE
        validate_timezone(value)
        return canonical(value)  # an alias the browser reports (Asia/Calcutta) is stored as its zone

    def save(self, commit=True):
        user = super().save(commit=False)
        user.time_zone = self.cleaned_data["time_zone"]
        # The language the sign-up page was read in (the browser's, or one chosen on the landing
        # page): reminders, the calendar file and the report use it when no request is there.
        user.language = active_or_default()
        if commit:
            user.save()
        return user


# The choice widgets' markup kept in this process, in a plain dict: (list, language, name, chosen,
# attributes) -> HTML. The "local" cache pickled each one and checked its key, some 20 µs a widget
# and ten widgets a settings page (exercises/catalog.py keeps its fragments in plain dicts for the
# same reason). Nothing per user: only lists that are the same for everyone. Forgotten with the
# other words kept per language when the catalogues change (a country's name is in them). Bounded
# by size, not count: the time-zone select is some 21 kB for each zone chosen, so ~600 zones in three
# languages could keep ~38 MB a worker; past WIDGETS_MAX_CHARS the store starts again from empty.
WIDGETS_MAX_CHARS = 4_000_000
_widgets = {}
language_cache.forget_with(_widgets.clear)


class CachedChoices:
    """A choice widget's output kept in this process, per chosen value(s) and attributes.

    For lists that are the same for everyone (the time zones, the countries, the languages, the
    reminders' days): Django renders each option through the widget's templates, ~0.15 ms apiece,
    90 ms for the ~600 zones, most of the settings page's time. The markup is Django's own (or the
    widget's own template's); `cache_key` names the choices, which must not change while the
    process runs. A value that is not one of the choices (a tampered POST) is rendered afresh and
    not kept, so the store holds at most one entry per choice (per set of choices, for a list of
    boxes). Put before the widget class: `class CachedSelect(CachedChoices, forms.Select)`.
    """

    # The valid values of each named list, gathered on first use: the lists do not change.
    _values_by_key = {}

    def _values(self):
        values = self._values_by_key.get(self.cache_key)
        if values is None:
            values = set()
            for option, label in self.choices:
                if isinstance(label, list | tuple):  # a group: (region, [(value, label), ...])
                    values.update(str(inner) for inner, _ in label)
                else:
                    values.add(str(option))
            values = self._values_by_key[self.cache_key] = frozenset(values)
        return values

    def chosen(self, value):
        """What of `value` the output varies on, or None when it is not made of the choices."""
        raise NotImplementedError

    def render(self, name, value, attrs=None, renderer=None):
        chosen = self.chosen(value)
        if chosen is None:
            return super().render(name, value, attrs, renderer)
        final_attrs = tuple(
            sorted((attr, str(text)) for attr, text in self.build_attrs(self.attrs, attrs).items())
        )
        # The labels are in the active language (a country's name), so the language is in the key.
        key = (self.cache_key, get_language(), name, chosen, final_attrs)
        found = _widgets.get(key)
        if found is None:
            found = super().render(name, value, attrs, renderer)
            if language_cache.keeps_rendered():
                # Summed only here, on a miss (once a chosen value a process): no count to keep.
                if sum(map(len, _widgets.values())) + len(found) > WIDGETS_MAX_CHARS:
                    _widgets.clear()
                _widgets[key] = found
        return found


class CachedSelect(CachedChoices, forms.Select):
    """forms.Select, cached per chosen value (CachedChoices)."""

    def __init__(self, attrs=None, choices=(), *, cache_key):
        super().__init__(attrs, choices)
        self.cache_key = cache_key

    def chosen(self, value):
        chosen = "" if value is None else str(value)
        return chosen if chosen in self._values() else None


class CheckboxInput(CachedChoices, forms.CheckboxInput):
    """forms.CheckboxInput, cached per ticked or not (CachedChoices): a box's markup is the same for
    everyone (0.06 ms a box through the widget's three templates, four on the settings page). Named
    as Django's own: crispy writes the widget's class name into its class attribute
    ("checkboxinput"), so the page's HTML stays what it was."""

    cache_key = "checkbox"

    def chosen(self, value):
        # Django writes no value= for these (format_value): only ticked or not varies.
        if value is True or value is False or value is None or value == "":
            return self.check_test(value)
        return None


class PasswordInput(CachedChoices, forms.PasswordInput):
    """forms.PasswordInput, cached (CachedChoices): without render_value it never shows a value, so
    its markup depends on its attributes alone. Named as Django's own, as CheckboxInput."""

    cache_key = "password"

    def chosen(self, value):
        return None if self.render_value else ""


class LanguageSelect(CachedSelect):
    """The language choice: each language named in itself ("Deutsch"), marked with its own `lang`
    (a screen reader says it in that language) and translate="no". Cached as the time zones are
    (0.5 ms a settings page through the widget's templates), under a name that holds the languages
    (settings.LANGUAGES, the choices), so another list is another entry."""

    def __init__(self, attrs=None, choices=()):
        forms.Select.__init__(self, attrs, choices)  # no fixed cache_key: the property below

    @property
    def cache_key(self):
        return "languages:" + ",".join(code for code, _name in settings.LANGUAGES)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value:
            option["attrs"].update({"lang": value, "translate": "no"})
        return option


def language_field_choices():
    return [("", _("The browser's language")), *language_choices()]


class TimezoneChoices(BaseChoiceIterator):
    """The zones as (name, name) pairs, built once a process: as a list they would be copied for
    each form, and a callable's would be normalized again on every pass over them."""

    def __iter__(self):
        return iter(timezone_choices())


class ReadyChoices(BaseChoiceIterator):
    """Choices from a function that gives them in Django's normal form, (value, label) pairs, read
    afresh on each pass (they follow the active language) and never normalized again: a callable's
    choices are normalized on every pass, and a Select passes over them several times a render
    (0.2 ms a settings page for the countries and the languages)."""

    def __init__(self, function):
        self.function = function

    def __iter__(self):
        return iter(self.function())


def _countries():
    # The country table's choices, sorted once a language (backcare/urgent_care.py).
    return country_choices_for(get_language())


class TimezoneField(forms.ChoiceField):
    """A zone from the grouped list; an alias a browser reports (Asia/Calcutta) becomes its zone."""

    def to_python(self, value):
        value = super().to_python(value)
        return canonical(value) or value


class SettingsForm(forms.ModelForm):
    time_zone = TimezoneField(
        choices=TimezoneChoices(),
        # The cities are the tz database's English names, which BackCare has no translation of:
        # the select is translate="no" (its regions and "UTC (no daylight saving)" are translated).
        widget=CachedSelect(cache_key="time-zones", attrs={"data-zone-filter": "", "translate": "no"}),
        label=_("Time zone"),
        help_text=_("Your day starts at midnight in this zone: it decides what “today” is."),
    )
    language = forms.ChoiceField(
        choices=ReadyChoices(language_field_choices),
        required=False,
        widget=LanguageSelect,
        label=_("Language"),
        help_text=_("The language BackCare speaks to you: its pages, reminders and calendar file."),
    )

    class Meta:
        model = User
        fields = ["email", "time_zone", "country", "language"]
        widgets = {"country": CachedSelect(cache_key="countries")}
        error_messages = {"country": COUNTRY_ERRORS}

    helper = form_helper()  # the same for every form: built once, with the class

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        if not self.is_bound:
            # A zone saved before the list was canonical (an alias) shows as its zone.
            self.initial["time_zone"] = canonical(self.instance.time_zone) or self.instance.time_zone
        if not self.is_bound and not self.instance.country:
            # A user without a country (all who signed up before it was asked) sees the guess
            # from their time zone, and keeps it by saving.
            self.initial["country"] = country_for_timezone(self.instance.time_zone)

    @transaction.atomic
    def save(self, commit=True):
        if commit:  # the zone moves the user's "today"; the country, the care words a page shows
            diary_version.changed(self.instance)
        return super().save(commit)


# The model field's choices (urgent_care.country_choices, "another country" first, so no blank is
# added), without their normalization on every pass.
SettingsForm.base_fields["country"].choices = ReadyChoices(_countries)


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """Django's password change, with the old password checked like a log-in (backcare/reauth.py)."""

    def __init__(self, user, *args, request, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.helper = form_helper()
        self.request = request

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        if not password_confirmed(self.request, old_password):
            raise ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return old_password


class LoginForm(AuthenticationForm):
    """Django's log-in form with its username's length enforced: Django sets the field's max_length
    after building it, so only the widget knew the limit, and an overlong name reached the log-in
    throttle's 255-character column (a database error on PostgreSQL)."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.helper = form_helper()
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class ResetRequestForm(PasswordResetForm):
    """Django's password-reset request form, rendered like the others."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class ResetPasswordForm(SetPasswordForm):
    """Django's new-password form (from a reset link), rendered like the others."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
