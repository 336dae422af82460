import pytest
from django.urls import reverse

from exercises.models import Exercise, Progression

pytestmark = pytest.mark.django_db


def test_the_library_is_public_and_shows_every_family(client):
    response = client.get(reverse("exercises:list"))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('data-testid="progression"') == 12
    for exercise in Exercise.objects.all():
        assert exercise.get_absolute_url() in body
    assert "2 × 6 each side" in body
    assert "A tennis ball or foam roller" in body


def test_the_library_groups_by_category(client):
    body = client.get(reverse("exercises:list")).content.decode()
    assert body.index("Breathing") < body.index("Belly breathing with feet up")
    assert body.index(">Release<") < body.index("Ball or roller under the buttock")


def test_an_exercise_page_shows_steps_cues_cautions_and_neighbours(client):
    response = client.get(reverse("exercises:detail", kwargs={"slug": "prone-on-elbows"}))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="exercise"' in body
    assert "Forearms under shoulders, hips stay down." in body
    assert "spinal stenosis" in body
    assert "5 × 10 s, daily" in body
    assert reverse("exercises:detail", kwargs={"slug": "lying-face-down"}) in body
    assert reverse("exercises:detail", kwargs={"slug": "prone-press-up"}) in body


def test_first_level_has_no_previous_and_last_no_next(client):
    body = client.get(
        reverse("exercises:detail", kwargs={"slug": "belly-breathing-feet-up"})
    ).content.decode()
    assert 'rel="prev"' not in body and 'rel="next"' not in body


def test_an_unknown_slug_is_a_styled_404(client):
    response = client.get("/exercises/no-such-exercise/")
    assert response.status_code == 404
    assert "We couldn't find that page" in response.content.decode()


def double_the_library():
    for progression in list(Progression.objects.prefetch_related("levels")):
        copy = Progression.objects.create(
            name=progression.name + " copy",
            slug=progression.slug + "-copy",
            category=progression.category,
            summary=progression.summary,
            order=progression.order + 100,
        )
        for level in progression.levels.all():
            level.pk = None
            level.progression = copy
            level.slug += "-copy"
            level.save()


@pytest.mark.parametrize("doubled", [False, True], ids=["library", "twice-the-library"])
def test_the_library_page_costs_five_queries_logged_in_then_one(
    alice_client, django_assert_num_queries, doubled
):
    if doubled:
        double_the_library()
    # the session with its user (one join, backcare/sessions.py); the library once per process: its
    # version (2), progressions, their levels
    with django_assert_num_queries(5):
        response = alice_client.get(reverse("exercises:list"))
    assert response.content.decode().count('data-testid="progression"') == (24 if doubled else 12)
    # Once read, the library costs nothing: the session with its user only.
    with django_assert_num_queries(1):
        again = alice_client.get(reverse("exercises:list"))
    assert again.content.decode().count('data-testid="progression"') == (24 if doubled else 12)


def test_detail_page_query_count(alice_client, django_assert_num_queries):
    url = reverse("exercises:detail", kwargs={"slug": "heel-taps"})
    # the session with its user, the user's plan item for it; the library once per process (4)
    with django_assert_num_queries(6):
        response = alice_client.get(url)
    assert response.status_code == 200
    with django_assert_num_queries(2):
        again = alice_client.get(url)
    assert again.status_code == 200
    assert "Heel taps" in again.content.decode()
