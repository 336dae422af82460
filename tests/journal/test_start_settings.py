"""The start's answers in Settings: seen, changed without touching the plan, and "Rebuild my plan
from these answers" after a confirm (docs/starter-plan.md, "Rebuilding")."""

import re

import pytest
from django.urls import reverse

from exercises import catalog
from exercises.models import Exercise
from journal import safety, services, starter
from journal.models import LevelChange, PlanItem, PlanPeriod, StartAnswers
from tests.conftest import make_user
from tests.journal.test_start import answer_all, plan_of, screened

pytestmark = pytest.mark.django_db

SETTINGS = reverse("settings")
SAVE = reverse("journal:start_answers_save")
CONFIRM = reverse("journal:plan_rebuild_confirm")
REBUILD = reverse("journal:plan_rebuild")


@pytest.fixture
def finished(client):
    """Carol, a new account, through the start: 5 minutes, no equipment, back only, under 6 weeks."""
    carol = make_user("carol")
    services.start_begin(user=carol, today=carol.local_today())
    screened(carol)
    client.force_login(carol)
    carol_client = client
    answer_all(
        carol_client,
        episode="under_6_weeks",
        leg="back_only",
        activities=None,
        equipment=[],
        minutes="5",
        sitting=False,
    )
    assert StartAnswers.objects.get(user=carol).finished_on is not None
    return carol_client, carol


def answers_post(**changed):
    data = {"episode": "under_6_weeks", "leg": "back_only", "minutes": "5"}
    data.update(changed)
    return data


def test_settings_shows_the_answers_and_says_the_plan_stays(finished):
    client, _ = finished
    body = client.get(SETTINGS).content.decode()
    section = body.split('data-testid="start-answers"', 1)[1].split("</section>", 1)[0]
    assert "does not rebuild your current plan" in section
    chosen = re.findall(r'name="(\w+)"\s+value="(\w+)"[^>]*checked', section)
    assert (
        ("episode", "under_6_weeks") in chosen
        and ("leg", "back_only") in chosen
        and ("minutes", "5") in chosen
    )
    assert "Rebuild my plan from these answers" in section


def test_an_account_without_answers_has_no_section(alice_client, alice):
    from tests.conftest import screen_clear

    screen_clear(alice)
    assert 'data-testid="start-answers"' not in alice_client.get(SETTINGS).content.decode()
    assert alice_client.post(SAVE, answers_post()).status_code == 404
    assert alice_client.get(CONFIRM).status_code == 404


def test_changing_the_answers_keeps_the_plan(finished):
    client, carol = finished
    before = plan_of(carol)
    response = client.post(SAVE, answers_post(minutes="20", equipment=["exercise_ball"]), follow=True)
    assert "Your plan is as it was" in response.content.decode()
    answers = StartAnswers.objects.get(user=carol)
    assert (answers.minutes, answers.equipment) == (20, ["exercise_ball"])
    assert plan_of(carol) == before


def test_a_bad_answer_changes_nothing_and_says_so(finished):
    client, carol = finished
    response = client.post(SAVE, answers_post(minutes="7", episode="forever"))
    assert response.status_code == 400
    assert "were not saved" in response.content.decode()
    assert StartAnswers.objects.get(user=carol).minutes == 5


def test_the_writes_answer_only_post(finished):
    client, _ = finished
    assert client.get(SAVE).status_code == 405
    assert client.get(REBUILD).status_code == 405


def test_rebuild_asks_first_then_replaces_the_plan(finished):
    client, carol = finished
    client.post(SAVE, answers_post(minutes="10"))
    confirm = client.get(CONFIRM)
    assert confirm.status_code == 200
    assert "Glute bridge" in confirm.content.decode() or "glute" in confirm.content.decode().lower()
    # Without the confirm nothing moves.
    client.post(REBUILD)
    assert set(plan_of(carol)) == {"belly-breathing", "walking", "cat-cow", "supine-marching"}
    response = client.post(REBUILD, {"confirm": "yes"}, follow=True)
    assert "Your plan is rebuilt from your answers." in response.content.decode()
    plan = plan_of(carol)
    assert {"rocking", "glute-bridge"} <= set(plan)
    # A new family starts at level 1, with its plan period from today.
    assert plan["glute-bridge"][0] == 1
    item = PlanItem.objects.get(user=carol, progression__slug="glute-bridge")
    assert PlanPeriod.objects.filter(plan_item=item, end=None, start=carol.local_today()).count() == 1


def test_rebuild_keeps_a_level_reached_and_removes_what_the_answers_leave_out(finished):
    client, carol = finished
    for slug, level in (("supine-marching", "2"), ("rocking", "1")):
        client.post(
            reverse("journal:plan_set", kwargs={"progression": slug}), {"level": level, "confirm": "yes"}
        )
    assert plan_of(carol)["supine-marching"][0] == 2 and "rocking" in plan_of(carol)
    client.post(REBUILD, {"confirm": "yes"})
    marching = PlanItem.objects.get(user=carol, progression__slug="supine-marching")
    assert marching.exercise.level == 2 and marching.active
    # Five minutes a day asks for no rocking: it leaves the plan, no period of it open (the one
    # begun today held no day, so it goes: journal/plan_periods.py).
    rocking = PlanItem.objects.get(user=carol, progression__slug="rocking")
    assert not rocking.active
    assert not PlanPeriod.objects.filter(plan_item=rocking, end=None).exists()


def test_a_kept_level_the_safety_answers_rule_out_starts_again_at_the_rules_level(finished):
    """The pure rule: back extension at level 2 after a narrowing of the canal (no extension above
    level 1) goes back to level 1; with no such answer it is kept (the breaking case)."""
    _, carol = finished
    answers = StartAnswers.objects.get(user=carol)
    answers.minutes = 20
    level_two = Exercise.objects.get(progression__slug="back-extension", level=2)
    levels = catalog.catalog().exercises.values()
    narrowing = safety.ScreenStatus(needs_screen=False, outcome="clear", cleared=True, no_extension_above=1)
    clear = safety.ScreenStatus(needs_screen=False, outcome="clear", cleared=True)
    by_family = {
        p.family: p
        for p in starter.rebuilt_plan(answers, levels, narrowing, {"back-extension": level_two}).items
    }
    assert by_family["back-extension"].level.level == 1
    by_family = {
        p.family: p for p in starter.rebuilt_plan(answers, levels, clear, {"back-extension": level_two}).items
    }
    assert (
        by_family["back-extension"].level.pk == level_two.pk and by_family["back-extension"].dose_step is None
    )


def test_a_held_plan_is_never_rebuilt(finished):
    client, carol = finished
    screened(carol, "pregnancy")  # talk-first: the plan is held
    before = plan_of(carol)
    client.post(REBUILD, {"confirm": "yes"})
    assert plan_of(carol) == before
    assert not LevelChange.objects.filter(plan_item__user=carol).exists()
    assert client.get(CONFIRM).status_code == 302
