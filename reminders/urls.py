from django.urls import path

from reminders import views

app_name = "reminders"
urlpatterns = [
    path("settings/reminders/", views.reminder_settings, name="settings"),
    path("settings/reminders/confirmation/", views.resend_confirmation, name="resend"),
    # Links in mail: no log-in, the signed token names the user and the address.
    path("reminders/confirm/<str:token>/", views.confirm, name="confirm"),
    path("reminders/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
