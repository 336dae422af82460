from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import PasswordResetConfirmView
from django.urls import include, path

from backcare import export, pwa, views
from backcare.forms import ResetPasswordForm
from journal import urls as journal_urls
from journal.views.share import shared_report

urlpatterns = [
    path("", views.landing, name="landing"),
    path("healthz", views.healthz, name="healthz"),
    # The home-screen app (backcare/pwa.py, docs/offline.md): the worker must live at the root.
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("offline/", pwa.offline, name="offline"),
    # The scripts' words in one language (?lang=es), the same for everyone (docs/translations.md).
    path("jsi18n/", views.js_catalogue, name="jsi18n"),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/login/", views.Login.as_view(), name="login"),
    path("accounts/logout/", views.Logout.as_view(), name="logout"),
    path("accounts/password_change/", views.PasswordChange.as_view(), name="password_change"),
    path("accounts/password_reset/", views.password_reset, name="password_reset"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(form_class=ResetPasswordForm),
        name="password_reset_confirm",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("settings/", views.user_settings, name="settings"),
    path("exercises/", include("exercises.urls")),
    # A report shared by its owner, opened without an account: outside the journal's namespace, so
    # the safety middleware never sends a signed-in visitor to their own screen (journal/views/share.py).
    path("shared/<str:share_token>/", shared_report, name="shared_report"),
    path("lessons/", include("learn.urls")),
    path("", include("reminders.urls")),
    # The journal's pages, and the export (backcare/export.py: it reads the journal, the lessons and
    # the reminders, so it lives above them) under the journal's names: journal:export_csv, _json.
    path("", include((journal_urls.urlpatterns + export.urlpatterns, journal_urls.app_name))),
]
if settings.ADMIN_URL:
    urlpatterns.append(path(f"{settings.ADMIN_URL}/", admin.site.urls))
