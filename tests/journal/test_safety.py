"""The safety screen, its outcomes, the warning banners and the medical disclaimer, through HTTP."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exercises.models import Exercise
from journal import safety
from journal.models import Entry, PlanItem, SafetyAlert, SafetyScreen
from tests.conftest import make_user, screen_clear

pytestmark = pytest.mark.django_db

ALL_NO = {q.key: "no" for q in safety.QUESTIONS}
EMERGENCY_KEYS = [q.key for q in safety.QUESTIONS if q.level == safety.EMERGENCY]
URGENT_KEYS = [q.key for q in safety.QUESTIONS if q.level == safety.URGENT]
TALK_KEYS = [q.key for q in safety.QUESTIONS if q.level == safety.TALK_FIRST]
STARTERS = 7

SCREEN = reverse("journal:safety")
RESULT = reverse("journal:safety_result")
CLEAR = reverse("journal:safety_clear")
ACK = reverse("journal:safety_acknowledge")
TODAY = reverse("journal:today")


@pytest.fixture(autouse=True)
def starter_library(db):
    """The 7 starter exercises come from the library migration; make sure they are there."""
    assert Exercise.objects.filter(level=1, progression__starter=True).count() == STARTERS


def page(client, url=TODAY):
    return client.get(url).content.decode()


def plan_rows(client):
    return page(client).count('data-testid="plan-item"')


def answer(client, **yes):
    return client.post(SCREEN, {**ALL_NO, **dict.fromkeys(yes, "yes")})


def leg_days(user, *offsets, pain=3):
    today = user.local_today()
    for n in offsets:
        Entry.objects.create(user=user, date=today - timedelta(days=n), pain=pain, leg_symptoms=True)


def safety_state(client):
    """`request.safety` of a Today request, with the user's entries as the Today view sees them."""
    response = client.get(TODAY)
    state = response.wsgi_request.safety
    user = response.wsgi_request.user
    return state, list(Entry.objects.filter(user=user)), user.local_today()


# --- before the screen ---


@pytest.mark.parametrize("name", ["journal:today", "journal:history", "journal:report"])
def test_a_journal_page_before_the_screen_redirects_to_it(alice_client, name):
    response = alice_client.get(reverse(name))
    assert response.status_code == 302
    assert response.url == SCREEN


def test_a_past_day_and_a_write_before_the_screen_redirect_to_it(alice_client, alice):
    yesterday = (alice.local_today() - timedelta(days=1)).isoformat()
    assert alice_client.get(reverse("journal:day", kwargs={"day": yesterday})).url == SCREEN
    response = alice_client.post(reverse("journal:checkin", kwargs={"day": yesterday}), {"pain": "3"})
    assert response.url == SCREEN
    assert not Entry.objects.exists()


def test_export_stays_open_before_the_screen(alice_client):
    assert alice_client.get(reverse("journal:export_csv")).status_code == 200


def test_the_result_page_before_the_screen_sends_to_the_screen(alice_client):
    assert alice_client.get(RESULT).url == SCREEN


def test_another_users_screen_does_not_count(alice_client, bob):
    screen_clear(bob)
    assert alice_client.get(TODAY).url == SCREEN


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
    assert response.redirect_chain[-1][0] == SCREEN
    assert 'data-testid="safety-form"' in response.content.decode()


@pytest.mark.parametrize("url", [SCREEN, RESULT, TODAY, reverse("journal:history")])
def test_login_is_required(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("url", [CLEAR, ACK])
def test_writes_require_login_and_reject_get(client, alice, url):
    assert client.post(url).url.startswith(reverse("login"))
    screen_clear(alice)
    client.force_login(alice)
    assert client.get(url).status_code == 405


# --- the screen page ---


def test_the_screen_asks_every_question_in_three_groups(alice_client):
    body = page(alice_client, SCREEN)
    assert 'data-testid="safety-form"' in body
    assert body.count("<fieldset") == len(safety.QUESTIONS)
    assert body.count("<legend>") == len(safety.QUESTIONS)
    for title in (
        "Signs that need emergency care",
        "Signs to see a doctor today",
        "Things to talk over with a clinician first",
    ):
        assert title in body
    for key in safety.QUESTION_KEYS:
        assert f'name="{key}" id="id_{key}_1" value="yes"' in body


def test_no_yes_answer_creates_the_starter_plan(alice_client, alice):
    response = answer(alice_client)
    assert response.url == TODAY
    assert PlanItem.objects.filter(user=alice, active=True).count() == STARTERS
    screen = SafetyScreen.objects.get(user=alice)
    assert screen.outcome == "clear"
    assert screen.taken_on == alice.local_today()
    assert screen.answers == dict.fromkeys(ALL_NO, False)
    assert plan_rows(alice_client) == STARTERS


@pytest.mark.parametrize(
    "data",
    [
        {k: v for k, v in ALL_NO.items() if k != "bladder"},
        {},
        {**ALL_NO, "fever": "maybe"},
    ],
    ids=["one-missing", "empty", "not-yes-or-no"],
)
def test_an_incomplete_screen_is_a_message_and_saves_nothing(alice_client, data):
    response = alice_client.post(SCREEN, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Please answer every question" in body
    assert "Please answer yes or no." in body
    assert not SafetyScreen.objects.exists()
    assert not PlanItem.objects.exists()


def test_answers_given_are_kept_on_the_page_when_one_is_missing(alice_client):
    data = {k: v for k, v in ALL_NO.items() if k != "fever"} | {"bladder": "yes"}
    body = alice_client.post(SCREEN, data).content.decode()
    assert 'id="id_bladder_1" value="yes" required checked' in body
    assert body.count("Please answer yes or no.") == 1


# --- emergency ---


@pytest.mark.parametrize("key", EMERGENCY_KEYS)
def test_each_emergency_sign_leads_to_emergency_advice_and_keeps_the_plan_away(
    alice_client, alice, key, settings
):
    settings.EMERGENCY_NUMBER = "999"
    response = alice_client.post(SCREEN, {**ALL_NO, key: "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == RESULT
    body = response.content.decode()
    assert 'data-testid="emergency-advice"' in body
    assert "Stop the exercises and get emergency care now" in body
    assert 'href="tel:999"' in body
    assert "If you are abroad, use the local emergency number" in body
    screen = SafetyScreen.objects.get(user=alice)
    assert screen.outcome == "emergency" and screen.answers[key] is True
    assert not PlanItem.objects.filter(user=alice).exists()

    today = page(alice_client)
    assert 'data-testid="emergency-advice"' in today and 'href="tel:999"' in today
    assert 'data-testid="plan-item"' not in today

    # A clearance cannot lift it; only a new screen can.
    response = alice_client.post(CLEAR, {"cleared_on": alice.local_today().isoformat()}, follow=True)
    assert "lifted only by answering the questions again" in response.content.decode()
    assert SafetyScreen.objects.get(user=alice).cleared_on is None
    assert plan_rows(alice_client) == 0

    answer(alice_client)
    assert plan_rows(alice_client) == STARTERS


def test_an_emergency_hides_a_plan_the_user_already_had(alice_client, alice):
    screen_clear(alice)
    assert plan_rows(alice_client) == STARTERS
    answer(alice_client, both_legs=True)
    assert plan_rows(alice_client) == 0
    assert PlanItem.objects.filter(user=alice, active=True).count() == STARTERS  # kept, only hidden


def test_an_emergency_number_with_spaces_still_dials(alice_client, settings):
    settings.EMERGENCY_NUMBER = "0800 123 456"
    answer(alice_client, bowel=True)
    body = page(alice_client, RESULT)
    assert 'href="tel:0800123456"' in body and "Call 0800 123 456" in body


# --- urgent ---


@pytest.mark.parametrize("key", URGENT_KEYS)
def test_each_urgent_sign_leads_to_urgent_advice_lifted_by_a_clearance(alice_client, alice, key):
    response = alice_client.post(SCREEN, {**ALL_NO, key: "yes"}, follow=True)
    body = response.content.decode()
    assert 'data-testid="urgent-advice"' in body and "see a doctor today" in body
    assert 'data-testid="clearance-form"' in body
    today = page(alice_client)
    assert 'data-testid="urgent-advice"' in today and 'data-testid="plan-item"' not in today

    day = alice.local_today().isoformat()
    response = alice_client.post(CLEAR, {"cleared_on": day, "note": "Dr Patel"})
    assert response.url == TODAY
    screen = SafetyScreen.objects.get(user=alice)
    assert screen.cleared_on.isoformat() == day and screen.cleared_note == "Dr Patel"
    today = page(alice_client)
    assert today.count('data-testid="plan-item"') == STARTERS
    assert 'data-testid="urgent-advice"' not in today
    assert "Dr Patel" in page(alice_client, RESULT)


def test_a_clearance_is_recorded_once(alice_client, alice):
    answer(alice_client, fever=True)
    day = alice.local_today()
    alice_client.post(CLEAR, {"cleared_on": day.isoformat()})
    response = alice_client.post(CLEAR, {"cleared_on": day.isoformat(), "note": "again"}, follow=True)
    assert "already noted" in response.content.decode()
    assert SafetyScreen.objects.get().cleared_note == ""


def test_a_clearance_on_the_day_of_the_screen_or_later_is_accepted(alice_client, alice):
    answer(alice_client, fever=True)
    SafetyScreen.objects.update(taken_on=alice.local_today() - timedelta(days=3))
    yesterday = alice.local_today() - timedelta(days=1)
    alice_client.post(CLEAR, {"cleared_on": yesterday.isoformat()})
    assert SafetyScreen.objects.get().cleared_on == yesterday


@pytest.mark.parametrize(
    "when, message",
    [
        ("2999-01-01", "in the future"),
        ("tomorrow", "Enter the date as YYYY-MM-DD"),
        ("2026-02-30", "Enter the date as YYYY-MM-DD"),
        ("2000-01-01", "before you answered the questions"),
        ("", "Enter the date you were seen"),
    ],
)
def test_a_bad_clearance_date_is_refused(alice_client, when, message):
    answer(alice_client, fever=True)
    response = alice_client.post(CLEAR, {"cleared_on": when, "note": "Dr Patel"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Not saved" in body and message in body
    screen = SafetyScreen.objects.get()
    assert screen.cleared_on is None and screen.cleared_note == ""
    assert not PlanItem.objects.exists()


def test_a_too_long_note_is_refused(alice_client, alice):
    answer(alice_client, fever=True)
    response = alice_client.post(CLEAR, {"cleared_on": alice.local_today().isoformat(), "note": "x" * 201})
    assert "Not saved" in response.content.decode()
    assert SafetyScreen.objects.get().cleared_on is None


def test_clear_answers_have_nothing_to_clear(alice_client, alice):
    screen_clear(alice)
    response = alice_client.post(CLEAR, {"cleared_on": alice.local_today().isoformat()}, follow=True)
    assert "nothing to record" in response.content.decode()
    assert SafetyScreen.objects.get().cleared_on is None


# --- talk first ---


@pytest.mark.parametrize("key", TALK_KEYS)
def test_a_talk_first_condition_gives_the_plan_with_a_note(alice_client, alice, key):
    response = alice_client.post(SCREEN, {**ALL_NO, key: "yes"})
    assert response.url == RESULT
    assert "Talk to a clinician before you move up" in page(alice_client, RESULT)
    body = page(alice_client)
    assert body.count('data-testid="plan-item"') == STARTERS
    assert 'data-testid="talk-first-note"' in body
    assert "talk to a doctor or physiotherapist" in body


def test_talk_first_pauses_level_up_until_a_clearance(alice_client, alice):
    answer(alice_client, back_surgery=True)
    state, entries, today = safety_state(alice_client)
    assert state.pauses_level_up(entries, today)
    alice_client.post(CLEAR, {"cleared_on": today.isoformat()})
    state, entries, today = safety_state(alice_client)
    assert not state.pauses_level_up(entries, today)
    assert 'data-testid="talk-first-note"' not in page(alice_client)


# --- the record ---


def test_every_screen_is_a_new_row_with_its_date(alice_client, alice):
    answer(alice_client, fever=True)
    first = SafetyScreen.objects.get()
    SafetyScreen.objects.update(taken_on=alice.local_today() - timedelta(days=9))
    answer(alice_client)
    screens = list(SafetyScreen.objects.filter(user=alice))
    assert [(s.outcome, s.taken_on) for s in screens] == [
        ("clear", alice.local_today()),
        ("urgent", alice.local_today() - timedelta(days=9)),
    ]
    assert screens[1].pk == first.pk and screens[1].answers["fever"] is True


def test_the_screen_again_from_settings(alice_client, alice):
    screen_clear(alice)
    assert f'href="{SCREEN}"' in page(alice_client, reverse("settings"))
    assert "You last answered on" in page(alice_client, SCREEN)


def test_the_weekly_reminder(alice_client, alice):
    screen_clear(alice, day=alice.local_today() - timedelta(days=7))
    assert 'data-testid="safety-reminder"' in page(alice_client)
    answer(alice_client)
    assert 'data-testid="safety-reminder"' not in page(alice_client)


# --- warning banners ---


def test_the_leg_symptom_banner_after_three_days_pauses_level_up_until_read(alice_client, alice):
    screen_clear(alice)
    leg_days(alice, 2, 1, 0)
    body = page(alice_client)
    assert body.count('data-testid="safety-banner"') == 1
    assert "three days in a row" in body
    assert f'href="{SCREEN}"' in body
    state, entries, today = safety_state(alice_client)
    assert state.pauses_level_up(entries, today)

    first_day = (alice.local_today() - timedelta(days=2)).isoformat()
    response = alice_client.post(ACK, {"kind": "leg_symptoms", "first_day": first_day})
    assert response.url == TODAY
    alert = SafetyAlert.objects.get(user=alice)
    assert (alert.kind, alert.first_day.isoformat()) == ("leg_symptoms", first_day)
    assert 'data-testid="safety-banner"' not in page(alice_client)
    state, entries, today = safety_state(alice_client)
    assert not state.pauses_level_up(entries, today)


@pytest.mark.parametrize("offsets", [(1, 0), (3, 2, 0)], ids=["two-days", "with-a-gap"])
def test_no_leg_symptom_banner_for_two_days_or_with_a_gap(alice_client, alice, offsets):
    screen_clear(alice)
    leg_days(alice, *offsets)
    assert 'data-testid="safety-banner"' not in page(alice_client)


def pain_days(user, today_pain, usual=2):
    today = user.local_today()
    for n in range(1, 8):
        Entry.objects.create(user=user, date=today - timedelta(days=n), pain=usual)
    Entry.objects.create(user=user, date=today, pain=today_pain)


def test_the_pain_rise_banner_at_three_points_above_the_usual(alice_client, alice):
    screen_clear(alice)
    pain_days(alice, 5)
    body = page(alice_client)
    assert 'data-testid="safety-banner"' in body
    assert "3 points above your usual 2" in body


def test_no_pain_rise_banner_at_two_points(alice_client, alice):
    screen_clear(alice)
    pain_days(alice, 4)
    assert 'data-testid="safety-banner"' not in page(alice_client)


def test_without_a_usual_pain_only_seven_or_more_raises_the_banner(alice_client, alice):
    screen_clear(alice)
    today = alice.local_today()
    Entry.objects.create(user=alice, date=today - timedelta(days=1), pain=1)
    entry = Entry.objects.create(user=alice, date=today, pain=6)
    assert 'data-testid="safety-banner"' not in page(alice_client)
    entry.pain = 7
    entry.save()
    assert 'data-testid="safety-banner"' in page(alice_client)


def test_an_acknowledgement_is_the_users_own(alice_client, alice, bob):
    for user in (alice, bob):
        screen_clear(user)
        leg_days(user, 2, 1, 0)
    first_day = (alice.local_today() - timedelta(days=2)).isoformat()
    alice_client.post(ACK, {"kind": "leg_symptoms", "first_day": first_day})
    alice_client.force_login(bob)
    assert 'data-testid="safety-banner"' in page(alice_client)


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "nope", "first_day": "x"},
        {"kind": "leg_symptoms", "first_day": "2000-01-01"},
        {"kind": "pain_rise", "first_day": "2999-01-01"},
        {},
    ],
)
def test_acknowledging_a_warning_that_is_not_showing_saves_nothing(alice_client, alice, data):
    screen_clear(alice)
    leg_days(alice, 2, 1, 0)
    response = alice_client.post(ACK, data, follow=True)
    assert "not showing any more" in response.content.decode()
    assert not SafetyAlert.objects.exists()


def test_no_banner_over_emergency_advice(alice_client, alice):
    leg_days(alice, 2, 1, 0)
    answer(alice_client, bladder=True)
    body = page(alice_client)
    assert 'data-testid="emergency-advice"' in body and 'data-testid="safety-banner"' not in body


# --- cost ---


def test_today_with_banners_stays_within_eight_queries(client, library):
    user = make_user("carol")
    screen_clear(user)
    leg_days(user, 2, 1, 0)
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        body = page(client)
    assert 'data-testid="safety-banner"' in body
    # session, user, latest screen (middleware), the Today view's reads, acknowledgements (only
    # because a warning sign is present).
    assert len(ctx.captured_queries) <= 8
    assert sum("journal_safetyscreen" in q["sql"] for q in ctx.captured_queries) == 1
    assert sum("journal_safetyalert" in q["sql"] for q in ctx.captured_queries) == 1


def test_no_acknowledgement_query_without_a_warning_sign(alice_client, alice):
    screen_clear(alice)
    with CaptureQueriesContext(connection) as ctx:
        page(alice_client)
    assert not any("journal_safetyalert" in q["sql"] for q in ctx.captured_queries)


# --- the disclaimer ---

DISCLAIMER = "does not replace a doctor"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password_reset/",
        "/exercises/",
        "/exercises/heel-taps/",
        "/no-such-page/",
    ],
)
def test_the_disclaimer_is_on_public_pages(client, url):
    assert DISCLAIMER in client.get(url).content.decode()


def test_the_disclaimer_is_on_logged_in_pages(alice_client, alice):
    screen_clear(alice)
    yesterday = (alice.local_today() - timedelta(days=1)).isoformat()
    urls = [
        SCREEN,
        RESULT,
        TODAY,
        reverse("journal:day", kwargs={"day": yesterday}),
        reverse("journal:history"),
        reverse("journal:report"),
        reverse("settings"),
        reverse("password_change"),
        "/exercises/",
    ]
    for url in urls:
        assert DISCLAIMER in page(alice_client, url), url


@pytest.mark.parametrize("key", ["bladder", "fever", "pregnancy"])
def test_the_disclaimer_is_on_every_outcome_page(alice_client, key):
    answer(alice_client, **{key: True})
    assert DISCLAIMER in page(alice_client, RESULT)
    assert DISCLAIMER in page(alice_client)


def test_the_disclaimer_is_on_the_screen_before_it_is_answered(alice_client):
    assert DISCLAIMER in page(alice_client, SCREEN)
