from django.urls import path

from reminders import views

app_name = "reminders"
urlpatterns = [
    path("settings/reminders/", views.reminder_settings, name="settings"),
    path("settings/reminders/confirmation/", views.resend_confirmation, name="resend"),
    # Links in mail: no log-in, the signed token names the user and the address.
    path("reminders/confirm/<str:token>/", views.confirm, name="confirm"),
    path("reminders/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    # Calendar (docs/reminders.md, "Calendar feed"): the private feed is reached by its token alone.
    path("reminders/calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("reminders/calendar.ics", views.calendar_download, name="calendar_download"),
    path("settings/reminders/calendar/new/", views.calendar_new, name="calendar_new"),
    path("settings/reminders/calendar/stop/", views.calendar_stop, name="calendar_stop"),
    # Push (docs/reminders.md, "Push"): JSON endpoints for static/js/push.js, and a plain form.
    path("settings/reminders/push/subscribe/", views.push_subscribe, name="push_subscribe"),
    path("settings/reminders/push/unsubscribe/", views.push_unsubscribe, name="push_unsubscribe"),
    path("settings/reminders/push/off/", views.push_off, name="push_off"),
]
