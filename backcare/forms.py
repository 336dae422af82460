from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordChangeForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

from backcare.care import country_for_timezone
from backcare.models import User
from backcare.reauth import password_confirmed
from backcare.timezones import timezone_names, validate_timezone

COUNTRY_ERRORS = {"invalid_choice": "Pick your country from the list, or “Another country”."}


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
        self.fields["email"].required = True
        self.fields["email"].help_text = "Used only to reset your password."
        if not self.is_bound:
            # static/js/backcare.js preselects the country from the browser's time zone.
            self.fields["country"].widget.attrs["data-country-guess"] = ""

    def clean_time_zone(self):
        value = self.cleaned_data["time_zone"].strip()
        if not value:
            return settings.TIME_ZONE
        validate_timezone(value)
        return value

    def save(self, commit=True):
        user = super().save(commit=False)
        user.time_zone = self.cleaned_data["time_zone"]
        if commit:
            user.save()
        return user


class ZoneSelect(forms.Select):
    """A select of the ~600 time zones, its options written in one pass.

    Django renders each option through its own widget template, ~0.15 ms apiece: 90 ms for this
    list, most of the settings page's time. The markup is the same as forms.Select's.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "\n",
            '<option value="{}"{}>{}</option>',
            ((option, " selected" if str(option) == chosen else "", label) for option, label in self.choices),
        )
        return format_html(
            "<select{}>\n{}\n</select>",
            flatatt(self.build_attrs(self.attrs, {**(attrs or {}), "name": name})),
            options,
        )


class SettingsForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        choices=[],
        widget=ZoneSelect,
        help_text="Your day starts at midnight in this zone: it decides what “today” is.",
    )

    class Meta:
        model = User
        fields = ["email", "time_zone", "country"]
        error_messages = {"country": COUNTRY_ERRORS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["time_zone"].choices = [(name, name) for name in timezone_names()]
        if not self.is_bound and not self.instance.country:
            # A user without a country (all who signed up before it was asked) sees the guess
            # from their time zone, and keeps it by saving.
            self.initial["country"] = country_for_timezone(self.instance.time_zone)


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """Django's password change, with the old password checked like a log-in (backcare/reauth.py)."""

    def __init__(self, user, *args, request, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        if not password_confirmed(self.request, old_password):
            raise ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return old_password
