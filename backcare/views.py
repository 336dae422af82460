from typing import NamedTuple

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordChangeView, PasswordResetView
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.backends.utils import csrf_input
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from backcare.care import TIMEZONE_COUNTRIES
from backcare.forms import ResetRequestForm, SettingsForm, SignupForm, ThrottledPasswordChangeForm
from backcare.ratelimit import limit_posts
from exercises.catalog import catalog
from exercises.models import Progression
from journal.selectors import plan_overview
from journal.urls_format import OPEN, url_format


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


class PlanSetting(NamedTuple):
    """One family on the settings page: its level in the plan (None when not in it) and its forms."""

    family: Progression
    level: int | None
    exercise_id: int | None  # the level chosen, kept after removal so re-adding starts from it
    set_url: str
    remove_url: str


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
    # Each family's two forms: URLs reversed once for the page, the CSRF field rendered once.
    set_url = url_format("journal:plan_set", progression=OPEN)
    remove_url = url_format("journal:plan_remove", progression=OPEN)
    plan = [
        PlanSetting(
            family=family,
            level=item.exercise.level if item and item.active else None,
            exercise_id=item.exercise_id if item else None,
            set_url=set_url.format(family.slug),
            remove_url=remove_url.format(family.slug),
        )
        for family, item in plan_overview(user=request.user)
    ]
    context = {
        "form": form,
        "plan": plan,
        "library_version": library_version,
        "csrf_input": csrf_input(request),
    }
    return render(request, "backcare/settings.html", context)


class PasswordChange(PasswordChangeView):
    """Django's password change; the old password counts toward the log-in lock."""

    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


password_reset = limit_posts("password_reset")(PasswordResetView.as_view(form_class=ResetRequestForm))
