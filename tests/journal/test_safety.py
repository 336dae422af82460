from datetime import date, timedelta

import pytest
from django.urls import reverse

from journal import safety
from journal.models import Entry, PlanItem, SafetyAlert, SafetyScreen
from tests.conftest import screen_clear

ALL_NO = {q.key: "no" for q in safety.QUESTIONS}
EMERGENCY_KEYS = [q.key for q in safety.QUESTIONS if q.level == safety.EMERGENCY]
URGENT_KEYS = [q.key for q in safety.QUESTIONS if q.level == safety.URGENT]
TALK_KEYS = [q.key for q in safety.QUESTIONS if q.level == safety.TALK_FIRST]


# --- the rules, without a database ---


def test_the_outcome_is_the_most_serious_yes():
    assert safety.screen_outcome({}) == safety.CLEAR
    assert safety.screen_outcome({"pregnancy": True}) == safety.TALK_FIRST
    assert safety.screen_outcome({"pregnancy": True, "fever": True}) == safety.URGENT
    assert safety.screen_outcome({"fever": True, "bladder": True}) == safety.EMERGENCY


class Row:
    def __init__(self, day, pain=None, leg=None, day_type="normal"):
        self.date, self.pain, self.leg_symptoms, self.day_type = day, pain, leg, day_type


D = date(2026, 6, 10)


def ago(n):
    return D - timedelta(days=n)


def test_three_leg_symptom_days_in_a_row_raise_an_alert():
    rows = [Row(ago(2), leg=True), Row(ago(1), leg=True), Row(D, leg=True)]
    assert safety.leg_symptom_run_start(rows, D) == ago(2)


def test_two_days_or_a_gap_do_not():
    assert safety.leg_symptom_run_start([Row(ago(1), leg=True), Row(D, leg=True)], D) is None
    gap = [Row(ago(3), leg=True), Row(ago(2), leg=True), Row(D, leg=True)]
    assert safety.leg_symptom_run_start(gap, D) is None


def test_a_run_up_to_yesterday_still_counts_before_todays_check_in():
    rows = [Row(ago(3), leg=True), Row(ago(2), leg=True), Row(ago(1), leg=True)]
    assert safety.leg_symptom_run_start(rows, D) == ago(3)


def test_pain_three_above_baseline_raises_an_alert_but_two_does_not():
    usual = [Row(ago(n), pain=3) for n in range(1, 8)]
    assert safety.pain_rise([*usual, Row(D, pain=6)], D) == (6, 3)
    assert safety.pain_rise([*usual, Row(D, pain=5)], D) is None


def test_no_baseline_no_pain_rise_alert():
    assert safety.pain_rise([Row(ago(1), pain=1), Row(D, pain=9)], D) is None


def test_acknowledged_alerts_are_not_shown_again():
    rows = [Row(ago(2), leg=True), Row(ago(1), leg=True), Row(D, leg=True)]
    assert len(safety.active_alerts(rows, D, acknowledged=set())) == 1
    assert safety.active_alerts(rows, D, acknowledged={("leg_symptoms", ago(2))}) == []


def test_a_week_old_screen_asks_for_a_new_one():
    screen = SafetyScreen(taken_on=ago(7), outcome="clear")
    assert safety.screen_status(screen, D).reminder_due
    assert not safety.screen_status(SafetyScreen(taken_on=ago(6), outcome="clear"), D).reminder_due


# --- the pages ---

pytestmark = pytest.mark.django_db


def test_a_journal_page_before_the_screen_redirects_to_it(alice_client):
    for name in ("journal:today", "journal:history"):
        response = alice_client.get(reverse(name))
        assert response.status_code == 302
        assert response.url == reverse("journal:safety")


def test_signup_leads_to_the_screen(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "dana",
            "email": "dana@example.com",
            "password1": "a-long-and-quiet-walk",
            "password2": "a-long-and-quiet-walk",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("journal:safety")
    assert 'data-testid="safety-form"' in response.content.decode()


def test_no_yes_answer_creates_the_starter_plan(alice_client, alice):
    response = alice_client.post(reverse("journal:safety"), ALL_NO)
    assert response.url == reverse("journal:today")
    assert PlanItem.objects.filter(user=alice, active=True).count() == 7
    screen = SafetyScreen.objects.get(user=alice)
    assert screen.outcome == "clear" and screen.answers == dict.fromkeys(ALL_NO, False)


def test_a_missing_answer_is_a_message_and_saves_nothing(alice_client, alice):
    partial = dict(ALL_NO)
    partial.pop("bladder")
    response = alice_client.post(reverse("journal:safety"), partial)
    assert response.status_code == 200
    assert "Please answer every question" in response.content.decode()
    assert not SafetyScreen.objects.exists()


@pytest.mark.parametrize("key", EMERGENCY_KEYS)
def test_each_emergency_sign_leads_to_emergency_advice_and_keeps_the_plan_away(
    alice_client, alice, key, settings
):
    settings.EMERGENCY_NUMBER = "999"
    response = alice_client.post(reverse("journal:safety"), {**ALL_NO, key: "yes"}, follow=True)
    body = response.content.decode()
    assert 'data-testid="emergency-advice"' in body
    assert 'href="tel:999"' in body
    assert "abroad" in body
    assert SafetyScreen.objects.get(user=alice).answers[key] is True
    today = alice_client.get(reverse("journal:today")).content.decode()
    assert 'data-testid="emergency-advice"' in today
    assert 'data-testid="plan-item"' not in today
    # Clearance cannot lift it; only a new screen can.
    alice_client.post(reverse("journal:safety_clear"), {"cleared_on": alice.local_today().isoformat()})
    assert 'data-testid="plan-item"' not in alice_client.get(reverse("journal:today")).content.decode()
    alice_client.post(reverse("journal:safety"), ALL_NO)
    assert 'data-testid="plan-item"' in alice_client.get(reverse("journal:today")).content.decode()


@pytest.mark.parametrize("key", URGENT_KEYS)
def test_each_urgent_sign_leads_to_urgent_advice_lifted_by_a_clearance(alice_client, alice, key):
    response = alice_client.post(reverse("journal:safety"), {**ALL_NO, key: "yes"}, follow=True)
    assert 'data-testid="urgent-advice"' in response.content.decode()
    today = alice_client.get(reverse("journal:today")).content.decode()
    assert 'data-testid="urgent-advice"' in today and 'data-testid="plan-item"' not in today
    day = alice.local_today().isoformat()
    alice_client.post(reverse("journal:safety_clear"), {"cleared_on": day, "note": "Dr Patel"})
    screen = SafetyScreen.objects.get(user=alice)
    assert screen.cleared_on.isoformat() == day and screen.cleared_note == "Dr Patel"
    today = alice_client.get(reverse("journal:today")).content.decode()
    assert today.count('data-testid="plan-item"') == 7


@pytest.mark.parametrize("when", ["2999-01-01", "not-a-date", "2000-01-01"])
def test_a_bad_clearance_date_is_refused(alice_client, alice, when):
    alice_client.post(reverse("journal:safety"), {**ALL_NO, "fever": "yes"})
    response = alice_client.post(reverse("journal:safety_clear"), {"cleared_on": when})
    assert response.status_code == 200
    assert "Not saved" in response.content.decode()
    assert SafetyScreen.objects.get().cleared_on is None


@pytest.mark.parametrize("key", TALK_KEYS)
def test_a_talk_first_condition_gives_the_plan_with_a_note(alice_client, alice, key):
    alice_client.post(reverse("journal:safety"), {**ALL_NO, key: "yes"})
    body = alice_client.get(reverse("journal:today")).content.decode()
    assert body.count('data-testid="plan-item"') == 7
    assert "talk to a doctor or physiotherapist" in body


def test_every_answer_is_kept_with_its_date(alice_client, alice):
    alice_client.post(reverse("journal:safety"), {**ALL_NO, "fever": "yes"})
    alice_client.post(reverse("journal:safety"), ALL_NO)
    assert list(SafetyScreen.objects.filter(user=alice).values_list("outcome", flat=True)) == [
        "clear",
        "urgent",
    ]


def test_the_leg_symptom_banner_after_three_days_pauses_level_up_until_read(alice_client, alice):
    screen_clear(alice)
    today = alice.local_today()
    for n in (2, 1, 0):
        Entry.objects.create(user=alice, date=today - timedelta(days=n), pain=3, leg_symptoms=True)
    body = alice_client.get(reverse("journal:today")).content.decode()
    assert 'data-testid="safety-banner"' in body
    assert "three days in a row" in body
    alice_client.post(
        reverse("journal:safety_acknowledge"),
        {"kind": "leg_symptoms", "first_day": (today - timedelta(days=2)).isoformat()},
    )
    assert SafetyAlert.objects.filter(user=alice).count() == 1
    assert 'data-testid="safety-banner"' not in alice_client.get(reverse("journal:today")).content.decode()


def test_the_pain_rise_banner(alice_client, alice):
    screen_clear(alice)
    today = alice.local_today()
    for n in range(1, 8):
        Entry.objects.create(user=alice, date=today - timedelta(days=n), pain=2)
    Entry.objects.create(user=alice, date=today, pain=5)
    body = alice_client.get(reverse("journal:today")).content.decode()
    assert 'data-testid="safety-banner"' in body
    assert "3 points above your usual 2" in body


def test_the_weekly_reminder(alice_client, alice):
    screen_clear(alice, day=alice.local_today() - timedelta(days=8))
    assert "since your safety check" in alice_client.get(reverse("journal:today")).content.decode()


def test_acknowledge_rejects_get_and_bad_input(alice_client, alice):
    screen_clear(alice)
    assert alice_client.get(reverse("journal:safety_acknowledge")).status_code == 405
    response = alice_client.post(
        reverse("journal:safety_acknowledge"), {"kind": "nope", "first_day": "x"}, follow=True
    )
    assert "could not be found" in response.content.decode()
    assert not SafetyAlert.objects.exists()


@pytest.mark.parametrize(
    "url", ["/", "/accounts/login/", "/accounts/signup/", "/exercises/", "/exercises/heel-taps/"]
)
def test_the_disclaimer_is_on_public_pages(client, url):
    assert "does not replace a doctor" in client.get(url).content.decode()


def test_the_disclaimer_is_on_logged_in_pages(alice_client, alice):
    screen_clear(alice)
    for name in ("journal:today", "journal:history", "journal:report", "journal:safety", "settings"):
        assert "does not replace a doctor" in alice_client.get(reverse(name)).content.decode(), name
