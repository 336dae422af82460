from django.urls import path

from reminders import views

app_name = "reminders"
urlpatterns = [
    # Calendar (docs/reminders.md, "Calendar feed"): the private feed is reached by its token alone.
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("calendar.ics", views.calendar_download, name="calendar_download"),
    path("calendar/new/", views.calendar_new, name="calendar_new"),
    path("calendar/stop/", views.calendar_stop, name="calendar_stop"),
    # Push (docs/reminders.md, "Push"): JSON endpoints for static/js/push.js, and a plain form.
    path("push/subscribe/", views.push_subscribe, name="push_subscribe"),
    path("push/unsubscribe/", views.push_unsubscribe, name="push_unsubscribe"),
    path("push/off/", views.push_off, name="push_off"),
]
