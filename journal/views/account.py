from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from backcare.reauth import locked_out, password_confirmed
from journal.services import account_delete


class DeleteAccountForm(forms.Form):
    password = forms.CharField(widget=forms.PasswordInput, label="Your password, to confirm")

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not password_confirmed(self.request, password):
            raise forms.ValidationError("That password is not right, so nothing was deleted.")
        return password


@login_required
@require_POST
def delete_account(request):
    form = DeleteAccountForm(request.POST, request=request)
    if not form.is_valid():
        # Locked out: AxesMiddleware answers with the log-in's lock page instead of this redirect.
        if not locked_out(request):
            messages.error(request, "That password is not right, so nothing was deleted.")
        return redirect("settings")
    user = request.user
    logout(request)
    account_delete(user=user)
    messages.success(request, "Your account and everything in it have been deleted.")
    return redirect("landing")
