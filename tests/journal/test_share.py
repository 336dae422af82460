"""Sharing the report with a clinician: making, listing and withdrawing links, and the read-only
report a link opens without an account (journal/views/share.py, journal/sharing.py)."""

import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from backcare import ratelimit
from journal import sharing
from journal.models import Entry, LevelChange, PlanItem, SafetyScreen, ShareLink, ShareView
from journal.services import account_delete, share_link_create
from tests.conftest import make_history, make_level_changes, make_user, screen_clear

pytestmark = pytest.mark.django_db


def make_link(user, **extra):
    values = {"display_name": "Alice B.", "days": 7, "show_notes": False, "show_safety": False}
    values.update(extra)
    return share_link_create(user=user, now=timezone.now(), **values)


def shared_url(token):
    return reverse("shared_report", kwargs={"share_token": token})


@pytest.fixture
def alice_with_history(alice_with_history):
    """The shared one (tests/conftest.py), with a private note and leg symptoms on every day."""
    Entry.objects.filter(user=alice_with_history).update(notes="alice-private-note", leg_symptoms=True)
    return alice_with_history


# --- making links --------------------------------------------------------------------------------


def test_the_share_page_needs_a_login(client):
    response = client.get(reverse("journal:share"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_new_link_is_shown_once_and_stored_as_a_fingerprint(alice_today, screened_alice):
    response = alice_today.post(reverse("journal:share"), {"display_name": "  Alice   B. ", "days": "7"})
    assert response.status_code == 200
    body = response.content.decode()
    url = re.search(r'value="([^"]+)" data-testid="share-url"', body)
    assert url and url.group(1)
    token = url.group(1).rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 43
    link = ShareLink.objects.get(user=screened_alice)
    assert link.token_hash == sharing.fingerprint(token) and token not in link.token_hash
    assert link.display_name == "Alice B."
    assert not link.show_notes and not link.show_safety  # off unless ticked
    assert timedelta(days=7) - timedelta(minutes=1) < link.expires_at - link.created_at <= timedelta(days=7)
    # The list shows the link, never its address again.
    page = alice_today.get(reverse("journal:share")).content.decode()
    assert 'data-testid="share-link"' in page and token not in page


def test_the_user_chooses_up_to_30_days_and_what_the_link_shows(alice_today, screened_alice):
    alice_today.post(
        reverse("journal:share"),
        {"display_name": "A", "days": "30", "show_notes": "on", "show_safety": "on"},
    )
    link = ShareLink.objects.get(user=screened_alice)
    assert link.show_notes and link.show_safety
    assert link.expires_at - link.created_at > timedelta(days=29, hours=23)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"display_name": "A", "days": "0"}, "A link works for 1 to 30 days."),
        ({"display_name": "A", "days": "31"}, "A link works for 1 to 30 days."),
        ({"display_name": "A", "days": "a week"}, "Type a whole number of days: 1 to 30."),
        ({"display_name": "A", "days": ""}, "Choose how many days the link works: 1 to 30."),
        ({"display_name": "x" * 200, "days": "7"}, "Keep the name to 80 characters or fewer."),
        ({"display_name": "   ", "days": "7"}, "Type the name the report should show."),
        ({"display_name": "\x07\x08", "days": "7"}, "Type the name the report should show."),
    ],
)
def test_bad_input_gets_a_clear_message_and_makes_no_link(alice_today, screened_alice, data, message):
    response = alice_today.post(reverse("journal:share"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "No link was made" in body
    assert not ShareLink.objects.exists()


def test_the_share_page_refuses_other_methods(alice_today):
    assert alice_today.put(reverse("journal:share")).status_code == 405


# --- withdrawing ---------------------------------------------------------------------------------


def test_withdraw_in_one_tap(alice_today, screened_alice):
    link, token = make_link(screened_alice)
    response = alice_today.post(reverse("journal:share_revoke", kwargs={"pk": link.pk}))
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    page = alice_today.get(reverse("journal:share")).content.decode()
    assert 'data-state="withdrawn"' in page and 'data-testid="share-revoke"' not in page
    assert Client().get(shared_url(token)).status_code == 410


def test_withdraw_rejects_get(alice_today, screened_alice):
    link, _ = make_link(screened_alice)
    assert alice_today.get(reverse("journal:share_revoke", kwargs={"pk": link.pk})).status_code == 405
    link.refresh_from_db()
    assert link.revoked_at is None


def test_another_users_link_is_a_404(client, screened_alice, bob):
    link, token = make_link(screened_alice)
    screen_clear(bob)
    client.force_login(bob)
    assert client.post(reverse("journal:share_revoke", kwargs={"pk": link.pk})).status_code == 404
    assert client.post(reverse("journal:share_revoke", kwargs={"pk": 999999})).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None
    assert "Alice B." not in client.get(reverse("journal:share")).content.decode()


# --- the shared report -----------------------------------------------------------------------------


def test_a_link_opens_the_report_without_an_account(alice_with_history):
    _, token = make_link(alice_with_history)
    response = Client().get(shared_url(token))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-testid="report"' in body and "Alice B." in body
    assert response["X-Robots-Tag"].startswith("noindex")
    assert '<meta name="robots" content="noindex' in body
    assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}
    assert "alice@example.com" not in body and ">alice<" not in body  # the typed name only


def test_notes_and_safety_answers_are_hidden_unless_ticked(alice_with_history):
    _, closed = make_link(alice_with_history)
    _, notes = make_link(alice_with_history, show_notes=True)
    _, both = make_link(alice_with_history, show_notes=True, show_safety=True)
    client = Client()
    body = client.get(shared_url(closed)).content.decode()
    assert "alice-private-note" not in body
    assert 'data-testid="report-safety"' not in body and "Safety screens" not in body
    assert "numbness or tingling" not in body
    assert "without their diary notes or their safety answers" in body
    body = client.get(shared_url(notes)).content.decode()
    assert "alice-private-note" in body and "Safety screens" not in body
    body = client.get(shared_url(both)).content.decode()
    assert "alice-private-note" in body and "Safety screens" in body and "numbness or tingling" in body


def test_the_shared_page_has_no_way_into_an_account(alice_with_history, bob):
    _, token = make_link(alice_with_history)
    for client in (Client(), Client()):
        body = client.get(shared_url(token)).content.decode()
        for path in ("/today/", "/history/", "/settings/", "/accounts/login/", "/accounts/logout/", "share/"):
            assert f'href="{path}' not in body, path
        assert 'data-testid="share-report"' not in body
        assert "Log out" not in body and "Log in" not in body
    # A visitor signed in to an account of their own, who never answered the safety questions,
    # still gets the report (no redirect to their screen) and none of their navigation.
    viewer = make_user("clinician")
    client = Client()
    client.force_login(viewer)
    response = client.get(shared_url(token))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Alice B." in body and 'href="/today/"' not in body and "clinician" not in body


def test_each_view_is_logged_and_listed_with_date_and_time(alice_today, alice_with_history):
    link, token = make_link(alice_with_history)
    for _ in range(3):
        Client().get(shared_url(token))
    Client().head(shared_url(token))  # a HEAD is not a reading
    assert ShareView.objects.filter(link=link).count() == 3
    page = alice_today.get(reverse("journal:share")).content.decode()
    assert "Opened 3 times" in page
    local = timezone.localtime(ShareView.objects.first().viewed_at, alice_with_history.tzinfo)
    assert local.strftime("%H:%M") in page


def test_an_expired_withdrawn_or_made_up_link_is_refused(alice_with_history):
    expired, expired_token = make_link(alice_with_history)
    ShareLink.objects.filter(pk=expired.pk).update(
        created_at=timezone.now() - timedelta(days=8), expires_at=timezone.now() - timedelta(days=1)
    )
    withdrawn, withdrawn_token = make_link(alice_with_history)
    ShareLink.objects.filter(pk=withdrawn.pk).update(revoked_at=timezone.now())
    client = Client()
    for token, status, words in (
        (expired_token, 410, "This link has expired."),
        (withdrawn_token, 410, "This link was withdrawn"),
        ("made-up-token", 404, "This link has expired, was withdrawn, or was not copied whole."),
        (expired_token[:-1], 404, "not copied whole"),
        ("x" * 300, 404, "not copied whole"),
    ):
        response = client.get(shared_url(token))
        assert response.status_code == status, token
        body = response.content.decode()
        assert words in body and 'data-testid="report"' not in body
        assert response["X-Robots-Tag"].startswith("noindex")
        assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}
    assert not ShareView.objects.exists()


def test_guessing_is_limited_per_address(alice_with_history):
    _, token = make_link(alice_with_history)
    allowed, _ = ratelimit.LIMITS["share_token"]
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(allowed):
        assert guesser.get(shared_url(f"guess-{n}")).status_code == 404
    # Past the limit every token from that address is refused, a real one too.
    response = guesser.get(shared_url("guess-again"))
    assert response.status_code == 429 and "Too many links" in response.content.decode()
    assert guesser.get(shared_url(token)).status_code == 429
    # Another address is not affected; a real link's openings never count.
    clinician = Client(REMOTE_ADDR="198.51.100.7")
    for _ in range(allowed + 2):
        assert clinician.get(shared_url(token)).status_code == 200


def test_the_shared_report_keeps_the_owners_dates(alice_with_history):
    """Times read in the owner's zone, whoever opens the link."""
    alice_with_history.time_zone = "Pacific/Auckland"
    alice_with_history.save()
    _, token = make_link(alice_with_history)
    body = Client().get(shared_url(token)).content.decode()
    assert f"– {alice_with_history.local_today():%-d %b %Y}" in body


# --- the report a clinician keeps --------------------------------------------------------------------


def test_the_report_reads_as_a_clinicians(alice_today, screened_alice):
    make_history(screened_alice, 40)
    item = PlanItem.objects.filter(user=screened_alice).first()
    LevelChange.objects.create(
        user=screened_alice,
        plan_item=item,
        from_exercise=item.exercise,
        to_exercise=item.exercise,
        direction="down",
        rule="pain_during",
        values={"date": "2026-11-03", "pain_during": 6},
        reason="Pain during the exercise was 6 on 3 Nov: above 5 is more than your back wants right now.",
    )
    body = alice_today.get(reverse("journal:report")).content.decode()
    assert "Stepped back: pain during the exercise 6/10 on 3 Nov (the rule: above 5/10)" in body
    assert "your back" not in body and "your usual" not in body
    assert "(newest" not in body
    assert 'data-testid="print-report"' in body and "js/report.js" in body
    assert 'data-testid="share-report"' in body
    # Dated ticks along the chart's foot.
    assert len(re.findall(r'class="axis date"', body)) >= 2
    assert '<dl class="report-facts">' in body


def test_a_report_names_when_it_shows_only_the_newest_changes(alice_today, screened_alice):
    make_history(screened_alice, 5)
    make_level_changes(
        screened_alice,
        9,
        direction="manual",
        rule="manual",
        values={"level": 1},
        reason="You set the level to 1.",
    )
    body = alice_today.get(reverse("journal:report")).content.decode()
    assert body.count("Set by hand: level 1 chosen by the patient") == 8
    assert "The newest 8 are shown" in body


# --- export and deletion -----------------------------------------------------------------------------


def test_the_json_export_has_the_links_and_their_views_but_no_tokens(alice_today, alice_with_history):
    link, token = make_link(alice_with_history, show_notes=True)
    Client().get(shared_url(token))
    data = json.loads(alice_today.get(reverse("journal:export_json")).content)
    [exported] = data["share_links"]
    assert exported["display_name"] == "Alice B." and exported["show_notes"] is True
    assert len(exported["views"]) == 1
    text = json.dumps(data)
    assert token not in text and link.token_hash not in text and "token" not in text


def test_links_and_views_go_with_the_account(alice_with_history, bob):
    link, token = make_link(alice_with_history)
    Client().get(shared_url(token))
    screen_clear(bob)
    make_link(bob)
    account_delete(user=alice_with_history)
    assert not ShareLink.objects.filter(pk=link.pk).exists()
    assert not ShareView.objects.filter(link_id=link.pk).exists()
    assert ShareLink.objects.filter(user=bob).count() == 1
    assert Client().get(shared_url(token)).status_code == 404
    assert not SafetyScreen.objects.filter(user_id=alice_with_history.pk).exists()
