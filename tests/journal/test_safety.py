"""The safety screen, its outcomes, the warning banners and the medical disclaimer, through HTTP."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exercises.models import Exercise
from journal import safety, suggestions
from journal.models import Entry, PlanItem, SafetyAlert, SafetyScreen
from tests.conftest import make_user, screen_clear, screens_edited

pytestmark = pytest.mark.django_db

EMERGENCY_KEYS = [q.key for q in safety.QUESTIONS if q.level == safety.EMERGENCY]
URGENT_KEYS = [q.key for q in safety.QUESTIONS if q.level == safety.URGENT]
TALK_KEYS = [q.key for q in safety.QUESTIONS if q.level == safety.TALK_FIRST]
SEE_SOON_KEYS = [q.key for q in safety.QUESTIONS if q.level == safety.SEE_SOON]
ALL_NONE = {group.name: ["none"] for group in safety.GROUPS}
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


def ticks(*yes):
    """The screen's POST data: each group's ticked keys, or "none"."""
    data = {}
    for group in safety.GROUPS:
        keys = [q.key for q in group.questions if q.key in yes]
        data[group.name] = keys or ["none"]
    return data


def answer(client, *yes, follow=False):
    return client.post(SCREEN, ticks(*yes), follow=follow)


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


def level_ups_held(state, entries, today, *, spread_days=frozenset()):
    """What journal/suggestions.py checks of safety before any level-up: a cleared screen, a quiet week."""
    return not state.status.cleared or not suggestions.quiet_week(entries, spread_days, today)


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
    assert body.count("<fieldset") == 3
    for title in ("Emergency now", "Urgent, today", "Before you start"):
        assert f'<legend class="h5">{title}</legend>' in body
    for group in safety.GROUPS:
        for q in group.questions:
            assert f'name="{group.name}" value="{q.key}" id="{group.name}-{q.key}"' in body
            assert q.text in body
        assert (
            f'name="{group.name}" value="none" id="{group.name}-none" data-testid="none-{group.name}"' in body
        )
    assert body.count('type="checkbox"') == len(safety.QUESTIONS) + 3
    assert "You last answered" not in body


def test_none_in_every_group_creates_the_starter_plan(alice_client, alice):
    response = answer(alice_client)
    assert response.url == TODAY
    assert PlanItem.objects.filter(user=alice, active=True).count() == STARTERS
    screen = SafetyScreen.objects.get(user=alice)
    assert screen.outcome == "clear"
    assert screen.taken_on == alice.local_today()
    assert screen.answers == dict.fromkeys(safety.QUESTION_KEYS, False)
    assert plan_rows(alice_client) == STARTERS


def test_the_answers_keep_every_question_as_yes_or_no(alice_client, alice):
    answer(alice_client, "fever", "weight_loss", "morning_stiffness")
    answers = SafetyScreen.objects.get(user=alice).answers
    assert set(answers) == set(safety.QUESTION_KEYS)
    assert {k for k, v in answers.items() if v} == {"fever", "weight_loss", "morning_stiffness"}


EMPTY = "Please tick what is true now, or tick “None of these”."
BOTH = "You ticked “None of these” and a sign in the same group: untick one of them."
TAMPERED = "One of the ticks in this group is not one of its answers"


@pytest.mark.parametrize(
    "data, errors",
    [
        ({"emergency": ["none"], "urgent": ["none"]}, {"before": EMPTY}),
        ({}, {"emergency": EMPTY, "urgent": EMPTY, "before": EMPTY}),
        ({**ALL_NONE, "urgent": ["none", "fever"]}, {"urgent": BOTH}),
        ({**ALL_NONE, "emergency": ["bowel", "maybe"]}, {"emergency": TAMPERED}),
        ({**ALL_NONE, "before": ["fever"]}, {"before": TAMPERED}),  # a key of another group
        ({**ALL_NONE, "urgent": [""]}, {"urgent": TAMPERED}),
    ],
    ids=["one-group-empty", "all-empty", "none-and-an-item", "unknown-value", "other-groups-key", "blank"],
)
def test_a_group_without_a_clear_answer_is_a_message_and_saves_nothing(alice_client, data, errors):
    response = alice_client.post(SCREEN, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert f"Nothing was saved yet: please answer every group ({len(errors)} still open" in body
    assert body.count('class="question-error"') == len(errors)
    for group, message in errors.items():
        assert f'<p class="question-error" id="error-{group}">{message}' in body
    assert not SafetyScreen.objects.exists()
    assert not PlanItem.objects.exists()


def test_ticks_given_stay_on_the_page_when_a_group_is_open(alice_client):
    body = alice_client.post(SCREEN, {"urgent": ["fever"], "before": ["none"]}).content.decode()
    assert 'value="fever" id="urgent-fever" checked' in body
    assert 'value="none" id="before-none" data-testid="none-before" data-none checked' in body
    assert 'id="emergency-none" data-testid="none-emergency" data-none>' in body


# --- emergency ---


@pytest.mark.parametrize("key", EMERGENCY_KEYS)
def test_each_emergency_sign_leads_to_emergency_advice_and_keeps_the_plan_away(
    alice_client, alice, key, settings
):
    settings.EMERGENCY_NUMBER = "999"
    response = answer(alice_client, key, follow=True)
    assert response.redirect_chain[-1][0] == RESULT
    body = response.content.decode()
    assert 'data-testid="emergency-advice"' in body
    assert "Stop the exercises and get emergency care now" in body
    assert 'href="tel:999"' in body
    assert safety.BY_KEY[key].text in body
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
    answer(alice_client, "both_legs")
    assert plan_rows(alice_client) == 0
    assert PlanItem.objects.filter(user=alice, active=True).count() == STARTERS  # still active, only hidden


def test_an_emergency_number_with_spaces_still_dials(alice_client, settings):
    settings.EMERGENCY_NUMBER = "0800 123 456"
    answer(alice_client, "bowel")
    body = page(alice_client, RESULT)
    assert 'href="tel:0800123456"' in body and "Call 0800 123 456" in body


# --- urgent ---


@pytest.mark.parametrize("key", URGENT_KEYS)
def test_each_urgent_sign_leads_to_urgent_advice_lifted_by_a_clearance(alice_client, alice, key):
    body = answer(alice_client, key, follow=True).content.decode()
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
    answer(alice_client, "fever")
    day = alice.local_today()
    alice_client.post(CLEAR, {"cleared_on": day.isoformat()})
    response = alice_client.post(CLEAR, {"cleared_on": day.isoformat(), "note": "again"}, follow=True)
    assert "already noted" in response.content.decode()
    assert SafetyScreen.objects.get().cleared_note == ""


def test_a_clearance_on_the_day_of_the_screen_or_later_is_accepted(alice_client, alice):
    answer(alice_client, "fever")
    SafetyScreen.objects.update(taken_on=alice.local_today() - timedelta(days=3))
    screens_edited()
    yesterday = alice.local_today() - timedelta(days=1)
    alice_client.post(CLEAR, {"cleared_on": yesterday.isoformat()})
    assert SafetyScreen.objects.get().cleared_on == yesterday


@pytest.mark.parametrize("key", ["fever", "pregnancy", "morning_stiffness"])
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
def test_a_bad_clearance_date_is_refused(alice_client, alice, key, when, message):
    answer(alice_client, key)
    plan_before = PlanItem.objects.filter(user=alice).count()
    response = alice_client.post(CLEAR, {"cleared_on": when, "note": "Dr Patel"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Not saved" in body and message in body
    screen = SafetyScreen.objects.get()
    assert screen.cleared_on is None and screen.cleared_note == ""
    assert PlanItem.objects.filter(user=alice).count() == plan_before


def test_tomorrow_is_in_the_future_and_the_day_before_the_screen_is_too_early(alice_client, alice):
    answer(alice_client, "back_surgery")
    today = alice.local_today()
    for when, message in (
        (today + timedelta(days=1), "in the future"),
        (today - timedelta(days=1), "before"),
    ):
        body = alice_client.post(CLEAR, {"cleared_on": when.isoformat()}).content.decode()
        assert message in body
    assert SafetyScreen.objects.get().cleared_on is None


def test_a_too_long_note_is_refused(alice_client, alice):
    answer(alice_client, "fever")
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
def test_a_talk_first_answer_holds_the_whole_plan_until_a_clinicians_ok(alice_client, alice, key):
    response = answer(alice_client, key)
    assert response.url == RESULT
    body = page(alice_client, RESULT)
    assert 'data-testid="talk-first-advice"' in body
    assert "Talk to a clinician before you start the exercises" in body
    assert safety.BY_KEY[key].text in body  # why
    assert "even the gentle first levels" in body
    assert "Which of the" in body and "are fine for me now" in body  # what to ask
    assert "Is there any movement or position I should avoid" in body
    assert "when should I come back to see you?" in body
    assert 'data-testid="clearance-form"' in body
    assert not PlanItem.objects.filter(user=alice).exists()

    today = page(alice_client)
    assert 'data-testid="talk-first-advice"' in today
    assert "exercises stay paused until you note their OK" in today
    assert 'data-testid="plan-item"' not in today

    alice_client.post(CLEAR, {"cleared_on": alice.local_today().isoformat()})
    today = page(alice_client)
    face_down = 1 if key == "pregnancy" else 0  # never planned for someone pregnant, even after an OK
    assert today.count('data-testid="plan-item"') == STARTERS - face_down
    assert 'data-testid="talk-first-advice"' not in today


def test_pregnancy_asks_about_lying_face_down_and_never_plans_it(alice_client, alice):
    answer(alice_client, "pregnancy")
    body = page(alice_client, RESULT)
    assert "such as lying face down?" in body
    assert "never includes exercises lying face down" in body
    alice_client.post(CLEAR, {"cleared_on": alice.local_today().isoformat()})
    state, _, _ = safety_state(alice_client)
    assert state.status.no_prone and state.status.cleared


def test_talk_first_pauses_level_up_until_a_clearance(alice_client, alice):
    answer(alice_client, "back_surgery")
    state, entries, today = safety_state(alice_client)
    assert level_ups_held(state, entries, today)
    alice_client.post(CLEAR, {"cleared_on": today.isoformat()})
    state, entries, today = safety_state(alice_client)
    assert not level_ups_held(state, entries, today)


def test_an_old_talk_first_screen_without_an_ok_now_shows_the_talk_first_page(alice_client, alice):
    screen_clear(alice, day=alice.local_today() - timedelta(days=3))
    SafetyScreen.objects.update(outcome="talk_first", answers={"pregnancy": True, "known_condition": True})
    screens_edited()
    today = page(alice_client)
    assert 'data-testid="talk-first-advice"' in today and 'data-testid="plan-item"' not in today
    body = page(alice_client, RESULT)
    assert "Have you been told you have a fracture, tumour or infection in the spine" in body
    assert 'data-testid="clearance-form"' in body


# --- see a doctor soon ---


@pytest.mark.parametrize("key", SEE_SOON_KEYS)
def test_a_see_soon_answer_gives_the_gentle_set_until_a_clinicians_ok(alice_client, alice, key):
    response = answer(alice_client, key)
    assert response.url == RESULT
    body = page(alice_client, RESULT)
    assert 'data-testid="see-soon-advice"' in body
    assert "See a doctor in the next 1–2 weeks" in body
    assert safety.BY_KEY[key].text in body
    assert "only the gentle set" in body
    assert 'data-testid="clearance-form"' in body
    # The starter plan is made; the pages show only its gentle set until the OK.
    assert PlanItem.objects.filter(user=alice).count() == STARTERS
    assert 'data-testid="see-soon-advice"' in page(alice_client)
    state, _, _ = safety_state(alice_client)
    assert state.status.gentle_only and not state.status.cleared

    alice_client.post(CLEAR, {"cleared_on": alice.local_today().isoformat()})
    assert 'data-testid="see-soon-advice"' not in page(alice_client)
    state, _, _ = safety_state(alice_client)
    assert state.status.plan == safety.PlanAccess.FULL


def test_a_narrow_spinal_canal_leaves_out_extension_levels_2_and_3(alice_client, alice):
    answer(alice_client, "canal_narrowing")
    assert "never plans or suggests the harder back-extension levels" in page(alice_client, RESULT)
    state, _, _ = safety_state(alice_client)
    assert state.status.no_extension_above == 1


# --- the record, and re-screens ---


def test_every_screen_is_a_new_row_with_its_date(alice_client, alice):
    answer(alice_client, "fever")
    first = SafetyScreen.objects.get()
    SafetyScreen.objects.update(taken_on=alice.local_today() - timedelta(days=9))
    screens_edited()
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
    assert "You last answered" in page(alice_client, SCREEN)


def test_a_re_screen_shows_the_previous_answers_ticked(alice_client, alice):
    answer(alice_client, "back_surgery", "morning_stiffness")
    SafetyScreen.objects.update(taken_on=alice.local_today() - timedelta(days=42))
    screens_edited()
    body = page(alice_client, SCREEN)
    assert "You last answered 6 weeks ago" in body
    assert 'value="back_surgery" id="before-back_surgery" checked' in body
    assert 'value="morning_stiffness" id="before-morning_stiffness" checked' in body
    assert 'data-testid="none-emergency" data-none checked' in body
    assert 'data-testid="none-urgent" data-none checked' in body
    assert 'data-testid="none-before" data-none>' in body


def test_an_unchanged_cleared_answer_stays_cleared(alice_client, alice):
    answer(alice_client, "back_surgery")
    seen = alice.local_today() - timedelta(days=30)
    SafetyScreen.objects.update(taken_on=seen)
    screens_edited()
    alice_client.post(CLEAR, {"cleared_on": seen.isoformat(), "note": "Dr Patel"})
    response = answer(alice_client, "back_surgery", follow=True)
    assert response.redirect_chain[-1][0] == TODAY
    body = response.content.decode()
    assert f"already covered by a clinician&#x27;s OK on {seen:%-d %B %Y}" in body
    assert body.count('data-testid="plan-item"') == STARTERS
    latest = SafetyScreen.objects.filter(user=alice).first()
    assert (latest.taken_on, latest.cleared_on, latest.cleared_note) == (
        alice.local_today(),
        seen,
        "Dr Patel",
    )
    assert "your answers have not changed since, so it still stands" in page(alice_client, RESULT)


def test_a_new_answer_needs_a_new_ok(alice_client, alice):
    answer(alice_client, "back_surgery")
    alice_client.post(CLEAR, {"cleared_on": alice.local_today().isoformat()})
    response = answer(alice_client, "back_surgery", "fragile_bones")
    assert response.url == RESULT
    assert SafetyScreen.objects.filter(user=alice).first().cleared_on is None
    assert 'data-testid="talk-first-advice"' in page(alice_client)


def test_an_urgent_answer_needs_a_new_ok_every_time(alice_client, alice):
    answer(alice_client, "fever")
    alice_client.post(CLEAR, {"cleared_on": alice.local_today().isoformat()})
    answer(alice_client, "fever")
    assert SafetyScreen.objects.filter(user=alice).first().cleared_on is None
    assert 'data-testid="urgent-advice"' in page(alice_client)


def test_the_re_screen_reminder_after_four_weeks_says_how_long_it_has_been(alice_client, alice):
    screen_clear(alice, day=alice.local_today() - timedelta(days=27))
    assert 'data-testid="safety-reminder"' not in page(alice_client)
    SafetyScreen.objects.update(taken_on=alice.local_today() - timedelta(days=28))
    screens_edited()
    assert "It has been 4 weeks since your last safety check." in page(alice_client)
    answer(alice_client)
    assert 'data-testid="safety-reminder"' not in page(alice_client)


def test_a_six_month_gap_reads_six_months(alice_client, alice):
    today = alice.local_today()
    year, month = divmod(today.year * 12 + today.month - 1 - 6, 12)
    months_ago = date(year, month + 1, min(today.day, 28))
    screen_clear(alice, day=months_ago)
    body = page(alice_client)
    assert "It has been 6 months since your last safety check." in body
    assert "It has been a week" not in body
    assert "You last answered 6 months ago" in page(alice_client, SCREEN)


# --- warning banners ---


def test_the_leg_symptom_banner_after_three_days_can_be_read_and_level_ups_stay_paused(alice_client, alice):
    screen_clear(alice)
    leg_days(alice, 2, 1, 0)
    body = page(alice_client)
    assert body.count('data-testid="safety-banner"') == 1
    assert "three days in a row" in body
    assert "Harder levels are not suggested for 7 days after a sign like this." in body
    assert f'href="{SCREEN}"' in body
    state, entries, today = safety_state(alice_client)
    assert level_ups_held(state, entries, today)

    first_day = (alice.local_today() - timedelta(days=2)).isoformat()
    response = alice_client.post(ACK, {"kind": "leg_symptoms", "first_day": first_day})
    assert response.url == TODAY
    alert = SafetyAlert.objects.get(user=alice)
    assert (alert.kind, alert.first_day.isoformat()) == ("leg_symptoms", first_day)
    assert 'data-testid="safety-banner"' not in page(alice_client)
    # Reading the banner does not bring level-ups back: no level-ups for 7 days after leg symptoms.
    state, entries, today = safety_state(alice_client)
    assert level_ups_held(state, entries, today)


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
    assert "walk a little and often, and stop any exercise that makes it worse" in body
    assert "easier levels" not in body  # the words fit a held plan too


def test_the_pain_rise_banner_names_no_levels_while_the_plan_is_held(alice_client, alice):
    screen_clear(alice)
    SafetyScreen.objects.update(outcome="talk_first", answers={"back_surgery": True})
    screens_edited()
    pain_days(alice, 5)
    body = page(alice_client)
    assert 'data-testid="talk-first-advice"' in body
    assert 'data-kind="pain_rise"' in body
    assert "levels" not in body.split('data-kind="pain_rise"')[1].split("</section>")[0]


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
    answer(alice_client, "bladder")
    body = page(alice_client)
    assert 'data-testid="emergency-advice"' in body and 'data-testid="safety-banner"' not in body


def test_every_banner_asks_for_a_re_screen(alice_client, alice):
    screen_clear(alice, day=alice.local_today() - timedelta(days=10))
    leg_days(alice, 2, 1, 0)
    body = page(alice_client)
    assert "Please answer the safety questions again" in body
    assert "Your last safety check was 10 days ago." in body
    assert f'<a class="btn btn-primary" href="{SCREEN}">Answer the safety questions again</a>' in body


def test_the_spreading_banner_has_its_own_kind_and_can_be_read(alice_client, alice):
    screen_clear(alice)
    state, entries, today = safety_state(alice_client)
    alerts = state.alerts(entries, today, spread_days={today})
    assert [(a.kind, a.first_day) for a in alerts] == [(SafetyAlert.Kind.SPREADING, today)]
    assert level_ups_held(state, entries, today, spread_days={today})
    response = alice_client.get(TODAY)
    warning = safety.warnings_in_order(status=state.status, alerts=alerts)[0]
    body = render_to_string(
        "journal/_warning.html", {"warning": warning, "csrf_input": ""}, request=response.wsgi_request
    )
    assert 'data-kind="spreading"' in body
    assert "Symptoms spread down the leg" in body
    assert f"On {today:%A %-d %B} you said symptoms spread further down the leg" in body
    SafetyAlert.objects.create(user=alice, kind=SafetyAlert.Kind.SPREADING, first_day=today)
    state, entries, today = safety_state(alice_client)
    assert state.alerts(entries, today, spread_days={today}) == []


def test_banners_still_show_while_waiting_for_a_talk_first_ok(alice_client, alice):
    leg_days(alice, 2, 1, 0)
    answer(alice_client, "pregnancy")
    body = page(alice_client)
    assert 'data-testid="talk-first-advice"' in body and 'data-testid="safety-banner"' in body


# The "time to see a clinician" note: tests/journal/test_see_clinician.py.


# --- cost ---


def test_today_with_banners_costs_five_queries(client, library):
    user = make_user("carol")
    screen_clear(user)
    leg_days(user, 2, 1, 0)
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        body = page(client)
    assert 'data-testid="safety-banner"' in body
    # the session with its user (one join), latest screen (middleware), recent days with their
    # ticks and the active plan (one query), lessons read, acknowledgements (only because a
    # warning sign is present).
    assert len(ctx.captured_queries) == 5
    assert sum("journal_safetyscreen" in q["sql"] for q in ctx.captured_queries) == 1
    assert sum("journal_safetyalert" in q["sql"] for q in ctx.captured_queries) == 1


def test_no_acknowledgement_query_without_a_warning_sign(alice_client, alice):
    screen_clear(alice)
    with CaptureQueriesContext(connection) as ctx:
        page(alice_client)
    assert not any("journal_safetyalert" in q["sql"] for q in ctx.captured_queries)


def test_the_latest_screen_is_one_query_with_its_answers(alice, django_assert_num_queries):
    from journal import selectors

    screen_clear(alice)
    SafetyScreen.objects.update(answers={"pregnancy": True, "fever": False})
    screens_edited()
    with django_assert_num_queries(1):  # the latest journal_safetyscreen row
        latest = selectors.latest_screen(user=alice)
    assert latest.answers == {"pregnancy": True, "fever": False}
    assert latest.outcome == "clear" and latest.cleared_on is None


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
    answer(alice_client, key)
    assert DISCLAIMER in page(alice_client, RESULT)
    assert DISCLAIMER in page(alice_client)


def test_the_disclaimer_is_on_the_screen_before_it_is_answered(alice_client):
    assert DISCLAIMER in page(alice_client, SCREEN)
