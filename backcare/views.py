from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordChangeView, PasswordResetView
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from backcare.care import TIMEZONE_COUNTRIES
from backcare.forms import SettingsForm, SignupForm, ThrottledPasswordChangeForm
from backcare.ratelimit import limit_posts
from exercises.catalog import catalog
from journal.selectors import plan_overview


def landing(request):
    if request.user.is_authenticated:
        return redirect("journal:today")
    return render(request, "backcare/landing.html")


@require_GET
@never_cache
def healthz(request):
    """Liveness for load balancers: no session, no database."""
    return HttpResponse("ok", content_type="text/plain")


DUPLICATE_NAME = "A user with that username already exists."


@limit_posts("signup")
def signup(request):
    if request.user.is_authenticated:
        return redirect("journal:today")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = form.save()
        except IntegrityError:
            # The same name taken by a request that passed validation at the same moment: the
            # database's unique constraint decides, and this one gets the form's own message.
            form.add_error("username", DUPLICATE_NAME)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome, {user.username}. Your account is ready.")
            return redirect("journal:today")
    return render(
        request, "registration/signup.html", {"form": form, "timezone_countries": TIMEZONE_COUNTRIES}
    )


@login_required
def user_settings(request):
    form = SettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Settings saved.")
            return redirect("settings")
        messages.error(request, "Nothing was saved: please correct the marked fields.")
    # Read before the plan, so a level select cached under this version never shows an older
    # library; as text once, not formatted again by each family's {% cache %}.
    library_version = str(catalog().version)
    context = {"form": form, "plan": plan_overview(user=request.user), "library_version": library_version}
    return render(request, "backcare/settings.html", context)


class PasswordChange(PasswordChangeView):
    """Django's password change; the old password counts toward the log-in lock."""

    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


password_reset = limit_posts("password_reset")(PasswordResetView.as_view())
