"""The start (/start/): after the safety screen and before the first Today, one question a screen,
each skippable; its answers build the starter plan (journal/starter.py, docs/starter-plan.md)."""

import json
import re

import pytest
from django.urls import reverse

from exercises import catalog
from journal import safety, services, starter
from journal.models import PlanItem, PsfsActivity, PsfsRating, PsfsRound, SafetyScreen, StartAnswers
from reminders.models import Reminder
from tests.conftest import make_user, screen_clear

pytestmark = pytest.mark.django_db

TODAY = reverse("journal:today")
START = reverse("journal:start")
DONE = reverse("journal:start_done")
SIGNUP = {
    "username": "carol",
    "email": "carol@example.com",
    "password1": "a-long-and-quiet-walk",
    "password2": "a-long-and-quiet-walk",
    "time_zone": "Europe/London",
}
ALL_NONE = {group.name: ["none"] for group in safety.GROUPS}


def url(step):
    return reverse("journal:start_step", kwargs={"step": step})


def screened(user, *yes):
    """The user's safety screen with these yes answers, stored as the screen's POST stores it."""
    answers = {key: key in yes for key in safety.QUESTION_KEYS}
    return services.safety_screen_record(user=user, today=user.local_today(), answers=answers)


@pytest.fixture
def carol(db):
    """A new account, signed up since the start exists: its start is open, its screen answered clear."""
    user = make_user("carol")
    services.start_begin(user=user, today=user.local_today())
    screened(user)
    return user


@pytest.fixture
def carol_client(client, carol):
    client.force_login(carol)
    return client


def post(client, step, action="next", **data):
    return client.post(url(step), {"action": action, **data})


def answer_all(client, *, episode, leg, activities, equipment, minutes, sitting, reminder=None):
    post(client, "episode", episode=episode) if episode else post(client, "episode", "skip")
    post(client, "leg", leg=leg) if leg else post(client, "leg", "skip")
    if activities:
        post(client, "activities", **activities)
    else:
        post(client, "activities", "skip")
    if equipment is None:
        post(client, "equipment", "skip")
    else:
        post(client, "equipment", equipment=equipment)
    if minutes:
        post(client, "minutes", minutes=minutes, **({"sitting": "on"} if sitting else {}))
    else:
        post(client, "minutes", "skip")
    if reminder:
        return post(client, "reminder", **reminder)
    return post(client, "reminder", "skip")


def plan_of(user):
    return {
        item.progression.slug: (item.exercise.level, item.dose_step)
        for item in PlanItem.objects.filter(user=user).select_related("progression", "exercise")
    }


def expected(user):
    answers = StartAnswers.objects.get(user=user)
    status = safety.screen_status(SafetyScreen.objects.filter(user=user).first(), user.local_today())
    found = starter.starter_plan(answers, catalog.catalog().exercises.values(), status)
    return {item.family: (item.level.level, item.dose_step) for item in found.items}


# --- the way in ---


def test_sign_up_then_the_safety_screen_then_the_start_before_today(client):
    client.post(reverse("signup"), SIGNUP)
    user = StartAnswers.objects.get().user
    assert StartAnswers.objects.get().finished_on is None
    response = client.post(reverse("journal:safety"), ALL_NONE, follow=True)
    assert [u for u, _ in response.redirect_chain] == [TODAY, START, url("episode")]
    body = response.content.decode()
    assert 'data-testid="start"' in body and "Question 1 of 6" in body
    assert not PlanItem.objects.filter(user=user).exists()  # the start builds it


def test_before_the_safety_screen_the_start_sends_to_the_screen(client):
    user = make_user("dan")
    services.start_begin(user=user, today=user.local_today())
    client.force_login(user)
    assert client.get(url("episode")).url == reverse("journal:safety")


def test_an_account_with_a_plan_is_never_sent_to_the_start(alice_today, screened_alice):
    assert alice_today.get(TODAY).status_code == 200
    assert alice_today.get(START).url == TODAY
    assert alice_today.get(url("episode")).url == TODAY
    assert not StartAnswers.objects.exists()
    assert len(plan_of(screened_alice)) == 7  # the plan it had


def test_the_start_needs_a_login(client):
    assert client.get(url("episode")).url.startswith(reverse("login"))


def test_an_unknown_screen_is_404(carol_client):
    assert carol_client.get(url("nonsense")).status_code == 404


# --- each screen ---


@pytest.mark.parametrize("step", ["episode", "leg", "minutes", "reminder"])
def test_each_question_is_a_fieldset_with_its_legend_and_a_skip(carol_client, carol, step):
    StartAnswers.objects.filter(user=carol).update(reached=5)
    body = carol_client.get(url(step)).content.decode()
    assert 'data-testid="start"' in body and 'data-testid="start-skip"' in body
    assert "<fieldset" in body and "<legend" in body
    assert ('data-testid="start-back"' in body) == (step != "episode")


def test_the_activities_screen_offers_the_suggestions_and_typed_ones(carol_client, carol):
    StartAnswers.objects.filter(user=carol).update(reached=2)
    body = carol_client.get(url("activities")).content.decode()
    for name in ("Sitting at work", "Lifting a child", "Walking 30 minutes", "Driving", "Gardening"):
        assert name in body
    assert body.count('name="typed_') == 4  # two names, two ratings
    assert "What would you like to get back to?" in body


def test_a_screen_not_yet_reached_sends_back_to_the_one_reached(carol_client):
    assert carol_client.get(url("minutes")).url == url("episode")


def test_back_shows_the_answer_given(carol_client):
    post(carol_client, "episode", episode="6_to_12_weeks")
    body = carol_client.get(url("episode")).content.decode()
    assert re.search(r'value="6_to_12_weeks"[^>]*checked', body)
    assert not re.search(r'value="under_6_weeks"[^>]*checked', body)


def test_a_person_who_leaves_midway_is_sent_back_to_where_they_were(carol_client):
    post(carol_client, "episode", episode="under_6_weeks")
    post(carol_client, "leg", "skip")
    response = carol_client.get(TODAY, follow=True)
    assert [u for u, _ in response.redirect_chain] == [START, url("activities")]


# --- the whole way, and the plan it builds ---


def test_answering_everything_builds_the_plan_the_rule_gives(carol_client, carol):
    response = answer_all(
        carol_client,
        episode="over_3_months",
        leg="back_only",
        activities={"suggested_0": "4", "typed_0": "Carrying shopping", "typed_0_rating": "3"},
        equipment=["exercise_ball"],
        minutes=10,
        sitting=True,
        reminder={"at": "08:15", "channel": "email"},
    )
    assert response.url == DONE
    answers = StartAnswers.objects.get(user=carol)
    assert (answers.episode, answers.leg, answers.minutes, answers.sitting) == (
        "over_3_months",
        "back_only",
        10,
        True,
    )
    assert answers.equipment == ["exercise_ball"] and answers.finished_on == carol.local_today()
    assert answers.activities == ["Sitting at work", "Carrying shopping"]
    # The plan: the rule's, level 1 everywhere, the bridge at the top of level 1's range.
    assert plan_of(carol) == expected(carol)
    assert plan_of(carol)["glute-bridge"] == (1, 2)
    assert set(plan_of(carol)) == {
        "belly-breathing", "cat-cow", "rocking", "supine-marching", "sitting-breaks", "walking", "glute-bridge",
    }  # fmt: skip
    # The activities are the first PSFS round.
    round_ = PsfsRound.objects.get(user=carol)
    assert not round_.skipped
    assert sorted(PsfsRating.objects.filter(round=round_).values_list("activity__name", "rating")) == [
        ("Carrying shopping", 3),
        ("Sitting at work", 4),
    ]
    # The reminder, through the reminders app.
    reminder = Reminder.objects.get(user=carol)
    assert reminder.enabled and reminder.email_on and f"{reminder.at:%H:%M}" == "08:15"
    # The closing words.
    body = carol_client.get(DONE).content.decode()
    assert "You have about 10 minutes a day and an exercise ball, so your plan has 5 gentle exercises" in body
    assert "upper end of level 1" in body and "You can change all of this in Settings." in body
    assert 'data-testid="start-today"' in body
    # Today shows the plan; the start is closed.
    today = carol_client.get(TODAY)
    assert today.status_code == 200
    assert today.content.decode().count('data-testid="plan-item"') == 7
    assert carol_client.get(START).url == TODAY


def test_skipping_everything_gives_the_cautious_plan(carol_client, carol):
    response = answer_all(
        carol_client, episode=None, leg=None, activities=None, equipment=None, minutes=None, sitting=None
    )
    assert response.url == DONE
    answers = StartAnswers.objects.get(user=carol)
    assert (answers.episode, answers.leg, answers.activities, answers.equipment, answers.minutes) == (
        "",
        "",
        None,
        None,
        None,
    )
    assert plan_of(carol) == {
        "belly-breathing": (1, 0),
        "cat-cow": (1, 0),
        "supine-marching": (1, 0),
        "walking": (1, 0),
    }
    assert not PsfsRound.objects.filter(user=carol).exists()
    assert not Reminder.objects.filter(user=carol).exists()
    assert "You did not say how much time you have" in carol_client.get(DONE).content.decode()


@pytest.mark.parametrize(
    "given",
    [
        {"episode": "under_6_weeks", "leg": "below_knee", "minutes": 20, "sitting": False, "equipment": []},
        {"episode": "over_3_months", "leg": "below_knee", "minutes": 20, "sitting": True, "equipment": []},
        {
            "episode": "6_to_12_weeks",
            "leg": "buttock_or_thigh",
            "minutes": 5,
            "sitting": True,
            "equipment": None,
        },
    ],
)
def test_the_plan_matches_the_rule(carol_client, carol, given):
    answer_all(carol_client, activities=None, **given)
    assert plan_of(carol) == expected(carol)
    assert {level for level, _ in plan_of(carol).values()} == {1}
    assert {step for _, step in plan_of(carol).values()} == {0}  # below the knee or under 3 months


def test_pregnancy_waits_for_the_ok_then_leaves_back_extension_out(client):
    user = make_user("erin")
    services.start_begin(user=user, today=user.local_today())
    screened(user, "pregnancy")
    client.force_login(user)
    answer_all(
        client,
        episode="under_6_weeks",
        leg="back_only",
        activities=None,
        equipment=[],
        minutes=20,
        sitting=False,
    )
    assert not PlanItem.objects.filter(user=user).exists()  # held until a clinician's OK
    body = client.get(DONE).content.decode()
    assert "wait for a clinician" in body and "Back extension is left out: it is done face down" in body
    client.post(reverse("journal:safety_clear"), {"cleared_on": user.local_today().isoformat()})
    plan = plan_of(user)
    assert "back-extension" not in plan and "bird-dog" in plan and plan == expected(user)


def test_below_the_knee_is_kept_for_the_leg_symptom_watch(carol_client, carol):
    post(carol_client, "episode", episode="under_6_weeks")
    post(carol_client, "leg", leg="below_knee")
    assert StartAnswers.objects.get(user=carol).leg == StartAnswers.Leg.BELOW_KNEE


def test_answering_the_activities_again_replaces_them(carol_client, carol):
    post(carol_client, "episode", "skip")
    post(carol_client, "leg", "skip")
    post(carol_client, "activities", suggested_4="5")
    post(carol_client, "activities", suggested_5="6")
    assert list(PsfsActivity.objects.filter(user=carol).values_list("name", flat=True)) == ["Gardening"]
    post(carol_client, "activities", "skip")
    assert not PsfsActivity.objects.filter(user=carol).exists()
    assert not PsfsRound.objects.filter(user=carol).exists()


# --- bad input: a message, nothing changed ---


def state(user):
    return StartAnswers.objects.filter(user=user).values().get()


@pytest.mark.parametrize(
    "step, reached, data, message",
    [
        ("episode", 0, {}, "Choose one answer, or skip this question."),
        ("episode", 0, {"episode": "forever"}, "Choose one of the answers."),
        ("leg", 1, {"leg": "arm"}, "Choose one of the answers."),
        ("activities", 2, {}, "Rate at least one activity, or skip this question."),
        ("activities", 2, {"suggested_0": "11"}, "Choose a number from 0 to 10."),
        (
            "activities",
            2,
            {"suggested_0": "1", "suggested_1": "2", "suggested_2": "3", "suggested_3": "4"},
            "Choose at most 3 activities",
        ),
        ("activities", 2, {"typed_0": "Climbing stairs"}, "Rate it from 0 to 10, or clear its name."),
        ("activities", 2, {"typed_0": "x" * 81, "typed_0_rating": "3"}, "at most 80 characters"),
        ("equipment", 3, {"equipment": ["rocket"]}, "Choose from the list."),
        ("minutes", 4, {"minutes": "60"}, "Choose one of the answers."),
        ("reminder", 5, {"at": "25:99", "channel": "email"}, "Enter a time as hours and minutes"),
        ("reminder", 5, {"at": "08:00", "channel": "pigeon"}, "Choose one of the answers."),
    ],
)
def test_bad_input_is_a_message_and_changes_nothing(carol_client, carol, step, reached, data, message):
    StartAnswers.objects.filter(user=carol).update(reached=reached)
    before = state(carol)
    response = post(carol_client, step, **data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved yet" in body and message in body
    assert state(carol) == before
    assert not PsfsActivity.objects.exists() and not Reminder.objects.exists()
    assert not PlanItem.objects.filter(user=carol).exists()


def test_a_post_without_next_or_skip_changes_nothing(carol_client, carol):
    before = state(carol)
    response = carol_client.post(url("episode"), {"episode": "under_6_weeks"})
    assert response.status_code == 400 and state(carol) == before


def test_the_start_rejects_other_methods(carol_client):
    assert carol_client.put(url("episode")).status_code == 405


# --- another user ---


def test_another_user_never_sees_or_changes_someone_elses_answers(carol_client, carol, bob):
    post(carol_client, "episode", episode="over_3_months")
    carol_client.force_login(bob)
    screen_clear(bob)  # an account with a plan, no start
    assert carol_client.get(url("episode")).url == TODAY
    response = post(carol_client, "episode", episode="under_6_weeks")
    assert response.url == TODAY
    assert StartAnswers.objects.get(user=carol).episode == "over_3_months"
    assert "over_3_months" not in carol_client.get(reverse("journal:export_json")).content.decode()


# --- export and delete ---


def test_the_json_export_holds_the_answers(carol_client, carol):
    post(carol_client, "episode", episode="over_3_months")
    post(carol_client, "leg", leg="buttock_or_thigh")
    data = json.loads(carol_client.get(reverse("journal:export_json")).content)
    assert data["start"]["episode"] == "over_3_months" and data["start"]["leg"] == "buttock_or_thigh"
    assert data["start"]["finished_on"] is None


def test_an_account_without_a_start_exports_none(alice_today):
    assert json.loads(alice_today.get(reverse("journal:export_json")).content)["start"] is None


def test_deleting_the_account_deletes_the_answers(carol):
    services.account_delete(user=carol)
    assert not StartAnswers.objects.exists()


@pytest.mark.parametrize("channel, field", [("calendar", "calendar_on"), ("push", "push_on")])
def test_a_calendar_or_device_reminder_is_saved_and_points_to_settings(carol_client, carol, channel, field):
    StartAnswers.objects.filter(user=carol).update(reached=5)
    response = carol_client.post(
        url("reminder"), {"action": "next", "at": "07:30", "channel": channel}, follow=True
    )
    reminder = Reminder.objects.get(user=carol)
    assert reminder.enabled and getattr(reminder, field) and not reminder.email_on
    assert (
        "To finish setting up this reminder on your device or calendar, open Settings."
        in response.content.decode()
    )
    assert StartAnswers.objects.get(user=carol).finished_on == carol.local_today()
