from typing import NamedTuple

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView, PasswordChangeView, PasswordResetView
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.backends.utils import csrf_input
from django.template.loader import get_template, render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from backcare.browser import clear_site_data, drop_messages
from backcare.care import TIMEZONE_COUNTRIES
from backcare.forms import LoginForm, ResetRequestForm, SettingsForm, SignupForm, ThrottledPasswordChangeForm
from backcare.ratelimit import limit_posts
from exercises.catalog import catalog
from exercises.models import Progression
from journal import services as journal_services
from journal.forms_account import DeleteAccountForm
from journal.selectors import plan_overview
from journal.urls_format import OPEN, url_format
from reminders import push
from reminders import selectors as reminder_selectors
from reminders.forms import ReminderForm
from reminders.selectors import reminder_for


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
                # The start's questions come after the safety screen (journal/views/start.py).
                journal_services.start_begin(user=user, today=user.local_today())
        except IntegrityError:
            # The same name taken by a request that passed validation at the same moment: the
            # database's unique constraint decides, and this one gets the form's own message.
            form.add_error("username", DUPLICATE_NAME)
        else:
            drop_messages(request)  # nothing left for someone else on this browser (backcare/browser.py)
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
    select: str  # its level <select>, the level chosen (kept after a removal) selected
    set_url: str
    remove_url: str


def level_selects(library):
    """{(family slug, chosen exercise pk or None): that family's level <select>} for every family.

    The same for everyone: rendered once a library version into the "local" cache and read with
    one lookup a page, instead of one {% cache %} lookup a family.
    """
    key = make_template_fragment_key("settings.level-selects", [library.version])

    def render():
        template = get_template("backcare/_level_select.html")
        return {
            (family.slug, chosen): template.render({"family": family, "chosen": chosen})
            for family in library.progressions
            for chosen in [None, *(level.pk for level in family.levels.all())]
        }

    return caches["local"].get_or_set(key, render, timeout=None)


def level_select(selects, family, chosen):
    """The family's select from `selects`; rendered here if the library changed since they were."""
    found = selects.get((family.slug, chosen))
    if found is None:
        found = get_template("backcare/_level_select.html").render({"family": family, "chosen": chosen})
    return found


def _settings_body(request, form, reminder_form):
    """The settings page's content, rendered (backcare/_settings_body.html)."""
    # The library is read before the plan, so the selects never show an older library than it.
    selects = level_selects(catalog())
    # Each family's two forms: URLs reversed once for the page, the CSRF field rendered once.
    set_url = url_format("journal:plan_set", progression=OPEN)
    remove_url = url_format("journal:plan_remove", progression=OPEN)
    plan = [
        PlanSetting(
            family=family,
            level=exercise.level if active else None,
            select=level_select(selects, family, exercise.pk if exercise else None),
            set_url=set_url.format(family.slug),
            remove_url=remove_url.format(family.slug),
        )
        for family, exercise, active in plan_overview(user=request.user)
    ]
    context = {
        "form": form,
        "reminder_form": reminder_form,
        "delete_form": DeleteAccountForm(request=request),  # posts to journal:delete_account
        "plan": plan,
        "csrf_input": csrf_input(request),
        # The calendar and push channels (templates/reminders/_calendar_push.html).
        "channels": reminder_selectors.channel_devices(user=request.user),
        "push_public_key": push.public_key(),
    }
    return render_to_string("backcare/_settings_body.html", context, request=request)


@login_required
def user_settings(request):
    form = SettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Settings saved.")
            return redirect("settings")
        messages.error(request, "Nothing was saved: please correct the marked fields.")
        return settings_page(request, form=form)
    return settings_page(request)


def settings_page(request, *, form=None, reminder_form=None):
    """The settings page, rendered afresh on every load (nothing of it is kept: `private, no-store`);
    with a refused form, bound, with its errors."""
    user = request.user
    body = _settings_body(
        request,
        form or SettingsForm(instance=user),
        reminder_form or ReminderForm(instance=reminder_for(user), zone_name=user.time_zone),
    )
    return render(request, "backcare/settings.html", {"body": body})


class Login(LoginView):
    """Django's log-in; messages left in the browser by someone else are dropped (backcare/browser.py)."""

    authentication_form = LoginForm

    def form_valid(self, form):
        drop_messages(self.request)
        return super().form_valid(form)


class Logout(LogoutView):
    """Django's log-out (POST only); the waiting messages go, and the browser is told to delete what
    the site keeps in it: the kept Today, the offline queue (backcare/browser.py, docs/offline.md)."""

    def post(self, request, *args, **kwargs):
        drop_messages(request)
        return clear_site_data(super().post(request, *args, **kwargs))


class PasswordChange(PasswordChangeView):
    """Django's password change; the old password counts toward the log-in lock. Once changed, the
    browser deletes what the site keeps in it (other devices are signed out by the new password)."""

    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        return clear_site_data(super().form_valid(form))


password_reset = limit_posts("password_reset")(PasswordResetView.as_view(form_class=ResetRequestForm))
