from django.urls import path

from journal.views import history, today

app_name = "journal"

urlpatterns = [
    # Today and past days (issue 4).
    path("today/", today.today, name="today"),
    # History, report, export (issue 5).
    path("history/", history.history, name="history"),
]
