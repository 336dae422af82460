"""Deleting the account: the password again, checked like a log-in (backcare/reauth.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from backcare.forms import PasswordInput, form_helper
from backcare.reauth import password_confirmed


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password, to confirm"),
        # Never shows a value: its markup is the same for everyone, cached (backcare/forms.py).
        widget=PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    helper = form_helper()  # the same for every form: built once, with the class

    def __init__(self, *args, request, **kwargs):
        # Its input is "delete-password" (the browser tests' hook, tests/browser/test_pwa.py).
        kwargs.setdefault("auto_id", "delete-%s")
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not password_confirmed(self.request, password):
            raise forms.ValidationError(_("That password is not right, so nothing was deleted."))
        return password
