"""What a browser keeps after the person in it changes or goes (issue 24, items 2 and 3).

- Log-out, account deletion and a password change answer with `Clear-Site-Data`, so the browser
  deletes the kept Today and the offline queue (backcare/browser.py, docs/offline.md).
- A JSON answer (the offline queue's and the taps' `fetch`) leaves no message for the next page;
  logging in or out drops the messages waiting, so a health message never greets whoever opens the
  browser next on the log-in or landing page.
"""

import uuid

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from backcare.browser import CLEAR_SITE_DATA
from journal import client_ops
from journal.models import Entry
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

JSON = {"HTTP_X_REQUESTED_WITH": "fetch"}
LEG = "worth having checked"  # the leg-symptom advice


def checkin_url(user):
    return reverse("journal:checkin", kwargs={"day": user.local_today().isoformat()})


def tick_url(user, slug="daily-walk", day=None):
    return reverse("journal:tick", kwargs={"day": day or user.local_today().isoformat(), "exercise": slug})


def queued():
    """A write as the offline queue sends it: an operation id and the base it changed (none yet)."""
    return {"client_op": str(uuid.uuid4()), "base": client_ops.checkin_base(None)}


def waiting(response):
    """The messages the response left for the next page."""
    return [str(m) for m in get_messages(response.wsgi_request)]


# ---- Clear-Site-Data ----------------------------------------------------------------------------


def test_logging_out_tells_the_browser_to_delete_the_sites_storage(alice_client):
    response = alice_client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == CLEAR_SITE_DATA == '"cache", "storage"'


def test_deleting_the_account_tells_the_browser_to_delete_the_sites_storage(alice_today, screened_alice):
    response = alice_today.post(reverse("journal:delete_account"), {"password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("landing")
    assert response["Clear-Site-Data"] == CLEAR_SITE_DATA


def test_a_refused_deletion_keeps_the_sites_storage(alice_today):
    response = alice_today.post(reverse("journal:delete_account"), {"password": "not it"})
    assert response.status_code == 302
    assert "Clear-Site-Data" not in response


def test_a_changed_password_tells_the_browser_to_delete_the_sites_storage(alice_client, alice):
    new = "another-long-walk"
    data = {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    response = alice_client.post(reverse("password_change"), data)
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == CLEAR_SITE_DATA
    alice.refresh_from_db()
    assert alice.check_password(new)


def test_a_refused_password_change_keeps_the_sites_storage(alice_client):
    data = {"old_password": "not it", "new_password1": "x-long-walk-1", "new_password2": "x-long-walk-1"}
    response = alice_client.post(reverse("password_change"), data)
    assert response.status_code == 200
    assert "Clear-Site-Data" not in response


def test_pages_and_log_in_carry_no_clear_site_data(client, alice_today):
    assert "Clear-Site-Data" not in alice_today.get(reverse("journal:today"))
    client.logout()
    assert "Clear-Site-Data" not in client.get(reverse("login"))


# ---- Messages: JSON answers add none; log-in and log-out drop what waits -------------------------


def test_a_json_check_in_leaves_no_message_for_the_log_in_page(client, alice_today, screened_alice):
    response = alice_today.post(
        checkin_url(screened_alice),
        {"pain": "7", "leg_symptoms": "yes", "notes": "stiff", **queued()},
        **JSON,
    )
    assert response.status_code == 200
    assert Entry.objects.get().pain == 7
    assert waiting(response) == []
    # The words travel in the answer, for the page that sent it (static/js/offline-queue.js).
    said = response.json()["messages"]
    assert said[0]["level"] == "success" and said[0]["text"].startswith("Pain 7 saved")
    assert said[1]["level"] == "warning" and LEG in said[1]["text"]

    alice_today.logout()  # the session ends otherwise (expired, ended elsewhere)
    page = client.get(reverse("login")).content.decode()
    assert "Pain 7" not in page and LEG not in page


def test_the_same_check_in_by_the_form_still_says_so_on_the_day(alice_today, screened_alice):
    response = alice_today.post(
        checkin_url(screened_alice), {"pain": "7", "leg_symptoms": "yes"}, follow=True
    )
    page = response.content.decode()
    assert "Pain 7 saved" in page and LEG in page


def test_a_json_replay_and_a_json_conflict_leave_no_message(alice_today, screened_alice):
    write = {"pain": "3", **queued()}
    alice_today.post(checkin_url(screened_alice), write, **JSON)
    replay = alice_today.post(checkin_url(screened_alice), write, **JSON)
    assert replay.status_code == 200 and waiting(replay) == []
    assert replay.json()["messages"][0]["text"].startswith("Check-in already saved")
    stale = {"pain": "4", **queued()}  # made before the check-in above reached the server
    conflict = alice_today.post(checkin_url(screened_alice), stale, **JSON)
    assert conflict.status_code == 409 and waiting(conflict) == []
    assert Entry.objects.get().pain == 3


def test_a_json_tick_and_a_refused_json_tick_leave_no_message(alice_today, screened_alice):
    done = alice_today.post(tick_url(screened_alice), **JSON)
    assert done.status_code == 200 and waiting(done) == []
    refused = alice_today.post(tick_url(screened_alice, day="1999-01-01"), **JSON)
    assert refused.status_code == 400 and waiting(refused) == []
    assert refused.json()["message"]


def test_logging_out_drops_a_health_message_waiting(alice_today, screened_alice):
    alice_today.post(checkin_url(screened_alice), {"pain": "6", "leg_symptoms": "yes"})  # not followed
    response = alice_today.post(reverse("logout"), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("landing")
    assert "Pain 6" not in page and LEG not in page


def test_logging_in_drops_messages_left_by_someone_else(client, alice_today, screened_alice, bob):
    alice_today.post(checkin_url(screened_alice), {"pain": "6", "leg_symptoms": "yes"})  # not followed
    response = client.post(reverse("login"), {"username": bob.username, "password": PASSWORD}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Pain 6" not in page and LEG not in page


def test_deleting_the_account_says_so_and_nothing_else(alice_today, screened_alice):
    alice_today.post(checkin_url(screened_alice), {"pain": "6"})  # not followed
    response = alice_today.post(reverse("journal:delete_account"), {"password": PASSWORD}, follow=True)
    page = response.content.decode()
    assert "Your account and everything in it have been deleted." in page
    assert "Pain 6" not in page
