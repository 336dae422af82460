import pytest
from django.urls import reverse

from journal.models import Entry, LevelChange, PlanItem

pytestmark = pytest.mark.django_db


def test_settings_lists_every_family_with_the_users_level(alice_today, screened_alice):
    body = alice_today.get(reverse("settings")).content.decode()
    assert body.count('data-testid="plan-setting"') == 12
    assert "In plan · level 1" in body
    assert 'data-testid="delete-account"' in body


def test_adding_a_family_at_a_level(alice_today, screened_alice):
    response = alice_today.post(
        reverse("journal:plan_set", kwargs={"progression": "glute-bridge"}), {"level": "2", "confirm": "yes"}
    )
    assert response.status_code == 302
    item = PlanItem.objects.get(user=screened_alice, progression__slug="glute-bridge")
    assert item.active and item.exercise.slug == "bridge-march"
    assert 'data-exercise="bridge-march"' in alice_today.get(reverse("journal:today")).content.decode()


def test_setting_a_level_records_a_manual_change(alice_today, screened_alice):
    alice_today.post(reverse("journal:plan_set", kwargs={"progression": "cat-cow"}), {"level": "2"})
    change = LevelChange.objects.get(user=screened_alice)
    assert change.direction == "manual" and change.to_exercise.slug == "cat-cow-full-range"


def test_removing_a_family_and_todays_planned_count_follows(alice_today, screened_alice):
    day = screened_alice.local_today().isoformat()
    alice_today.post(reverse("journal:checkin", kwargs={"day": day}), {"pain": "3"})
    assert Entry.objects.get().planned == 7
    alice_today.post(reverse("journal:plan_remove", kwargs={"progression": "walking"}))
    assert not PlanItem.objects.get(user=screened_alice, progression__slug="walking").active
    assert Entry.objects.get().planned == 6
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert body.count('data-testid="plan-item"') == 6


@pytest.mark.parametrize("level", ["0", "9", "two", ""])
def test_a_level_that_does_not_exist_changes_nothing(alice_today, screened_alice, level):
    response = alice_today.post(
        reverse("journal:plan_set", kwargs={"progression": "cat-cow"}), {"level": level}, follow=True
    )
    assert "nothing changed" in response.content.decode()
    assert PlanItem.objects.get(user=screened_alice, progression__slug="cat-cow").exercise.level == 1


def test_the_exercise_page_says_whether_it_is_in_the_plan(alice_today, screened_alice):
    body = alice_today.get(reverse("exercises:detail", kwargs={"slug": "cat-cow-gentle"})).content.decode()
    assert "This is in your plan: you are on level 1." in body
    body = alice_today.get(
        reverse("exercises:detail", kwargs={"slug": "cat-cow-full-range"})
    ).content.decode()
    assert "Switch to this level" in body
    body = alice_today.get(reverse("exercises:detail", kwargs={"slug": "bird-dog"})).content.decode()
    assert "Add to my plan at this level" in body


def test_adding_from_the_exercise_page_returns_there(alice_today, screened_alice):
    url = reverse("exercises:detail", kwargs={"slug": "bird-dog"})
    response = alice_today.post(
        reverse("journal:plan_set", kwargs={"progression": "bird-dog"}),
        {"level": "3", "next": url, "confirm": "yes"},
    )
    assert response.url == url
    assert PlanItem.objects.get(user=screened_alice, progression__slug="bird-dog").exercise.level == 3


def test_an_outside_next_url_is_ignored(alice_today, screened_alice):
    response = alice_today.post(
        reverse("journal:plan_set", kwargs={"progression": "bird-dog"}),
        {"level": "1", "next": "https://evil.example/"},
    )
    assert response.url == reverse("settings")


def test_anonymous_visitors_see_no_plan_box(client):
    body = client.get(reverse("exercises:detail", kwargs={"slug": "bird-dog"})).content.decode()
    assert 'data-testid="plan-status"' not in body


@pytest.mark.parametrize("target", ["11", "settings", "//evil.example/", "javascript:alert(1)"])
def test_a_strange_next_falls_back_to_settings(alice_today, screened_alice, target):
    response = alice_today.post(
        reverse("journal:plan_set", kwargs={"progression": "bird-dog"}), {"level": "1", "next": target}
    )
    assert response.status_code == 302
    assert response.url == reverse("settings")


def test_a_jump_of_more_than_one_level_asks_to_confirm(alice_today, screened_alice):
    url = reverse("journal:plan_set", kwargs={"progression": "supine-marching"})
    response = alice_today.post(url, {"level": "3"})
    body = response.content.decode()
    assert response.status_code == 200 and 'data-testid="confirm-jump"' in body
    assert "Move 2 levels at once?" in body
    item = PlanItem.objects.get(user=screened_alice, progression__slug="supine-marching")
    assert item.exercise.level == 1 and not LevelChange.objects.exists()
    alice_today.post(url, {"level": "3", "confirm": "yes"})
    item.refresh_from_db()
    assert item.exercise.level == 3
    assert LevelChange.objects.get().rule == LevelChange.Rule.MANUAL


def test_a_jump_back_down_is_not_talked_out_of(alice_today, screened_alice):
    # Stepping back several levels still asks to confirm, but without the words of a jump up.
    url = reverse("journal:plan_set", kwargs={"progression": "supine-marching"})
    up = alice_today.post(url, {"level": "3"}).content.decode()
    assert "one at a time" in up and 'data-testid="step-down-words"' not in up
    alice_today.post(url, {"level": "3", "confirm": "yes"})
    down = alice_today.post(url, {"level": "1"}).content.decode()
    assert "Move 2 levels at once?" in down and 'data-testid="step-down-words"' in down
    assert "one at a time" not in down


def test_one_level_at_a_time_needs_no_confirming(alice_today, screened_alice):
    url = reverse("journal:plan_set", kwargs={"progression": "supine-marching"})
    alice_today.post(url, {"level": "2"})
    assert PlanItem.objects.get(user=screened_alice, progression__slug="supine-marching").exercise.level == 2


def test_a_level_beyond_the_top_is_refused_even_confirmed(alice_today, screened_alice):
    url = reverse("journal:plan_set", kwargs={"progression": "supine-marching"})
    response = alice_today.post(url, {"level": "9", "confirm": "yes"}, follow=True)
    assert "has no level “9”; nothing changed" in response.content.decode()
    assert PlanItem.objects.get(user=screened_alice, progression__slug="supine-marching").exercise.level == 1


# --- a new family above level 1 (version 3) -----------------------------------------------------


def test_adding_a_new_family_above_level_one_asks_to_confirm_and_saves_nothing(alice_today, screened_alice):
    url = reverse("journal:plan_set", kwargs={"progression": "bird-dog"})
    response = alice_today.post(url, {"level": "2"})
    body = response.content.decode()
    assert response.status_code == 200 and 'data-testid="confirm-jump"' in body
    assert "Start at level 2?" in body
    assert "is not in your plan yet. You chose to start it at level 2" in body
    assert 'data-testid="start-at-one"' in body
    assert not PlanItem.objects.filter(user=screened_alice, progression__slug="bird-dog").exists()
    assert not LevelChange.objects.exists()


def test_confirming_adds_the_new_family_at_that_level(alice_today, screened_alice):
    url = reverse("journal:plan_set", kwargs={"progression": "bird-dog"})
    response = alice_today.post(url, {"level": "2", "confirm": "yes"})
    assert response.status_code == 302
    item = PlanItem.objects.get(user=screened_alice, progression__slug="bird-dog")
    assert item.active and item.exercise.level == 2
    assert (
        f'data-exercise="{item.exercise.slug}"' in alice_today.get(reverse("journal:today")).content.decode()
    )


def test_a_new_family_at_level_one_needs_no_confirming(alice_today, screened_alice):
    url = reverse("journal:plan_set", kwargs={"progression": "bird-dog"})
    response = alice_today.post(url, {"level": "1"})
    assert response.status_code == 302
    assert PlanItem.objects.get(user=screened_alice, progression__slug="bird-dog").exercise.level == 1


def test_a_removed_family_added_back_above_level_one_asks_too(alice_today, screened_alice):
    url = reverse("journal:plan_set", kwargs={"progression": "cat-cow"})
    alice_today.post(reverse("journal:plan_remove", kwargs={"progression": "cat-cow"}))
    response = alice_today.post(url, {"level": "2"})
    assert 'data-testid="confirm-jump"' in response.content.decode()
    item = PlanItem.objects.get(user=screened_alice, progression__slug="cat-cow")
    assert not item.active and item.exercise.level == 1
    alice_today.post(url, {"level": "2", "confirm": "yes"})
    item.refresh_from_db()
    assert item.active and item.exercise.level == 2
