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


# ---- The list: a still figure per family, compact, filtered by position and equipment -----------


def families(body):
    return body.count('data-testid="progression"')


def test_each_family_shows_one_small_still_figure(client):
    body = client.get(reverse("exercises:list")).content.decode()
    assert families(body) == 12
    assert body.count('data-testid="figure-still"') == 12
    # A still: no animation in the list, and decorative beside the family's name.
    assert "<animate" not in body and 'fig-moving"' not in body
    assert body.count('aria-hidden="true" focusable="false"') >= 12
    # Collapsed: one <details> per family, the levels inside it.
    assert (
        body.count('<details class="family') == 12
        and '<details class="family card mb-2" data-testid="progression" id="cat-cow" open' not in body
    )


def test_filtering_by_position_keeps_the_families_and_levels_done_that_way(client):
    body = client.get(reverse("exercises:list"), {"position": "prone"}).content.decode()
    prone = [e for e in Exercise.objects.all() if "prone" in e.positions]
    others = [e for e in Exercise.objects.all() if "prone" not in e.positions]
    assert prone
    assert families(body) == len({e.progression_id for e in prone})
    for exercise in prone:
        assert exercise.get_absolute_url() in body
    for exercise in others:
        assert f'href="{exercise.get_absolute_url()}"' not in body
    assert 'value="prone" id="position-prone" checked' in body
    assert f"{families(body)} of 12 families" in body


def test_filtering_by_what_you_have_leaves_out_levels_that_need_more(client):
    body = client.get(reverse("exercises:list"), {"have": ["mat"]}).content.decode()
    for exercise in Exercise.objects.all():
        fits = set(exercise.equipment_tags) <= {"mat", "none"}
        assert (f'href="{exercise.get_absolute_url()}"' in body) == fits, exercise.slug
    # The reverse hyperextension needs a ball on a box: it is left out without them.
    assert "reverse-hyper-ball" not in body
    with_ball = client.get(reverse("exercises:list"), {"have": ["exercise_ball", "box_or_bench"]})
    assert reverse("exercises:detail", kwargs={"slug": "reverse-hyper-ball"}) in with_ball.content.decode()


def test_both_filters_together_and_nothing_left(client):
    body = client.get(reverse("exercises:list"), {"position": "standing", "have": "none"}).content.decode()
    assert reverse("exercises:detail", kwargs={"slug": "daily-walk"}) in body
    assert reverse("exercises:detail", kwargs={"slug": "heel-taps"}) not in body
    empty = client.get(reverse("exercises:list"), {"position": "prone_over_ball", "have": "none"})
    assert empty.status_code == 200
    assert 'data-testid="filter-empty"' in empty.content.decode() and families(empty.content.decode()) == 0


@pytest.mark.parametrize(
    "query",
    [
        {"position": "upside-down"},
        {"have": "<script>"},
        {"position": "x" * 5000},
    ],
)
def test_a_bad_filter_value_is_ignored_with_a_message_never_a_500(client, query):
    response = client.get(reverse("exercises:list"), query)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="filter-problem"' in body
    assert "<script>" not in body.split('data-testid="filter-problem"')[1][:200]
    assert len(body) < 200_000
    assert families(body) == 12  # nothing known left to filter by: every family


def test_a_bad_value_beside_a_good_one_leaves_the_good_filter_and_an_empty_one_is_no_filter(client):
    body = client.get(reverse("exercises:list"), {"position": ["prone", "nope"]}).content.decode()
    assert 'data-testid="filter-problem"' in body and 0 < families(body) < 12
    body = client.get(reverse("exercises:list"), {"position": "", "have": ""}).content.decode()
    assert 'data-testid="filter-problem"' not in body and families(body) == 12


def test_a_filtered_list_costs_no_query_beyond_the_plain_one(alice_client, django_assert_num_queries):
    alice_client.get(reverse("exercises:list"))
    # the session with its user (one join): the filter reads the library snapshot already in memory.
    with django_assert_num_queries(1):
        response = alice_client.get(reverse("exercises:list"), {"position": "supine", "have": "mat"})
    assert 0 < families(response.content.decode()) < 12
