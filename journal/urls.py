from django.urls import path

from journal.views import account, history_page, offline, plan, psfs, safety, session, share, start, today

app_name = "journal"

urlpatterns = [
    # Today and past days.
    path("today/", today.today, name="today"),
    path("today/session/", session.session, name="session"),
    path("day/<str:day>/", today.day_view, name="day"),
    path("day/<str:day>/checkin/", today.checkin, name="checkin"),
    path("day/<str:day>/type/", today.day_type, name="day_type"),
    path("day/<str:day>/tick/<slug:exercise>/", today.tick, name="tick"),
    path("day/<str:day>/untick/<slug:exercise>/", today.untick, name="untick"),
    path("plan/<int:pk>/accept/", today.accept, name="accept"),
    path("plan/<int:pk>/dismiss/", today.dismiss, name="dismiss"),
    path("plan/<int:pk>/resume/", today.pause_resume, name="pause_resume"),
    path("today/offline-token/", offline.offline_token, name="offline_token"),
    path("today/gentle/", today.gentle_accept, name="gentle_accept"),
    path("today/gentle/not-now/", today.gentle_dismiss, name="gentle_dismiss"),
    path("plan/<slug:progression>/set/", plan.plan_set, name="plan_set"),
    path("plan/<slug:progression>/remove/", plan.plan_remove, name="plan_remove"),
    # Safety screen.
    path("safety/", safety.screen, name="safety"),
    path("safety/result/", safety.result, name="safety_result"),
    path("safety/clear/", safety.clear, name="safety_clear"),
    path("safety/acknowledge/", safety.acknowledge, name="safety_acknowledge"),
    path("safety/see-clinician/put-away/", safety.see_clinician_put_away, name="see_clinician_put_away"),
    path("safety/reminder/put-away/", safety.rescreen_put_away, name="rescreen_put_away"),
    # The start: a few questions that shape the starter plan (journal/starter.py).
    path("start/", start.start, name="start"),
    path("start/done/", start.done, name="start_done"),
    path("start/answers/", start.answers_save, name="start_answers_save"),
    path("start/rebuild/", start.plan_rebuild_confirm, name="plan_rebuild_confirm"),
    path("start/rebuild/yes/", start.plan_rebuild, name="plan_rebuild"),
    path("start/<slug:step>/", start.step, name="start_step"),
    # The Patient-Specific Functional Scale (journal/psfs.py).
    path("journal/psfs/", psfs.psfs_page, name="psfs"),
    path("journal/psfs/skip/", psfs.psfs_skip, name="psfs_skip"),
    # History and the report (the export: backcare/export.py, in this namespace too).
    path("history/", history_page.history_page, name="history"),
    path("history/report/", history_page.report, name="report"),
    path("history/report/share/", share.share, name="share"),
    path("history/report/share/<int:pk>/withdraw/", share.share_revoke, name="share_revoke"),
    path("settings/delete/", account.delete_account, name="delete_account"),
    path("journal/old-days/", account.old_days, name="old_days"),
]
