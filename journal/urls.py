from django.urls import path

from journal.views import history, safety, today

app_name = "journal"

urlpatterns = [
    # Today and past days.
    path("today/", today.today, name="today"),
    path("day/<str:day>/", today.day_view, name="day"),
    path("day/<str:day>/checkin/", today.checkin, name="checkin"),
    path("day/<str:day>/type/", today.day_type, name="day_type"),
    path("day/<str:day>/tick/<slug:exercise>/", today.tick, name="tick"),
    path("day/<str:day>/untick/<slug:exercise>/", today.untick, name="untick"),
    path("plan/<int:pk>/accept/", today.accept, name="accept"),
    path("plan/<int:pk>/dismiss/", today.dismiss, name="dismiss"),
    # Safety screen.
    path("safety/", safety.screen, name="safety"),
    path("safety/result/", safety.result, name="safety_result"),
    path("safety/clear/", safety.clear, name="safety_clear"),
    path("safety/acknowledge/", safety.acknowledge, name="safety_acknowledge"),
    # History, report, export.
    path("history/", history.history, name="history"),
]
