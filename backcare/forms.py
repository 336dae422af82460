from django import forms
from django.conf import settings
from django.contrib.auth.forms import UserCreationForm

from backcare.models import User
from backcare.timezones import timezone_names, validate_timezone


class SignupForm(UserCreationForm):
    # Filled from the browser by static/js/backcare.js; empty falls back to the default zone.
    time_zone = forms.CharField(required=False, widget=forms.HiddenInput(attrs={"data-browser-timezone": ""}))

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = "Used only to reset your password."

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


class SettingsForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        choices=[],
        help_text="Your day starts at midnight in this zone: it decides what “today” is.",
    )

    class Meta:
        model = User
        fields = ["email", "time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["time_zone"].choices = [(name, name) for name in timezone_names()]
