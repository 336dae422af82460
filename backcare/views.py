from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView, PasswordChangeView, PasswordResetView
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.i18n import JavaScriptCatalog

from backcare import languages
from backcare.browser import clear_site_data, drop_messages
from backcare.forms import LoginForm, ResetRequestForm, SettingsForm, SignupForm, ThrottledPasswordChangeForm
from backcare.ratelimit import limit_posts
from backcare.settings_page import settings_page
from backcare.urgent_care import TIMEZONE_COUNTRIES
from journal import services as journal_services

JS_CATALOGUE_MAX_AGE = 24 * 60 * 60


@require_GET
def js_catalogue(request):
    """The scripts' words (the djangojs catalogue, Django's JavaScriptCatalog) in the language its URL
    names (`?lang=`, base.html writes the page's): the same for everyone who reads that language,
    so browsers and shared caches keep it for a day, and a change of language is a new URL. A code
    BackCare is not written in gets the default language."""
    code = request.GET.get("lang", "")
    if not languages.is_known(code):
        code = settings.LANGUAGE_CODE
    with translation.override(code):
        response = JavaScriptCatalog.as_view()(request)
    response["Content-Language"] = code
    patch_cache_control(response, public=True, max_age=JS_CATALOGUE_MAX_AGE)
    return response


def landing(request):
    if request.user.is_authenticated:
        return redirect("journal:today")
    return render(request, "backcare/landing.html")


@require_GET
@never_cache
def healthz(request):
    """Liveness for load balancers: no session, no database."""
    return HttpResponse("ok", content_type="text/plain")


DUPLICATE_NAME = gettext_lazy("A user with that username already exists.")


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
            messages.success(
                request, _("Welcome, %(name)s. Your account is ready.") % {"name": user.username}
            )
            return redirect("journal:today")
    return render(
        request, "registration/signup.html", {"form": form, "timezone_countries": TIMEZONE_COUNTRIES}
    )


@login_required
def user_settings(request):
    if request.method != "POST":
        return settings_page(request)  # its account section builds the form it shows
    form = SettingsForm(request.POST or None, instance=request.user)
    if form.is_valid():
        form.save()
        # Said in the language just chosen (the next page's), not the one this form was read in.
        chosen = request.user.language or translation.get_language_from_request(request)
        with translation.override(chosen):
            messages.success(request, _("Settings saved."))
        return redirect("settings")
    messages.error(request, _("Nothing was saved: please correct the marked fields."))
    return settings_page(request, account_form=form)


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
