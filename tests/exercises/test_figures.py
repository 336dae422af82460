"""The moving figures: geometry tested as geometry (lengths, floor, contacts), the SVG as markup."""

import math
import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from exercises import catalog, figure_svg, figures
from exercises.figures import (
    SEGMENTS,
    TOLERANCE,
    Band,
    Chair,
    Circle,
    Figure,
    Key,
    Pose,
    Rect,
    Wall,
    clearance,
)
from exercises.library import LIBRARY
from exercises.library_figures import FIGURES
from exercises.models import Exercise

LEVELS = [level["slug"] for family in LIBRARY for level in family["levels"]]
KEYFRAMES = [(slug, index, key) for slug in LEVELS for index, key in enumerate(FIGURES[slug].keys)]
KEY_IDS = [f"{slug}-{index}" for slug, index, _ in KEYFRAMES]


def test_every_level_of_the_library_has_a_figure_and_nothing_else_does():
    assert len(LEVELS) == 27
    assert set(FIGURES) == set(LEVELS)


@pytest.mark.django_db
def test_every_level_in_the_database_has_a_figure():
    assert set(Exercise.objects.values_list("slug", flat=True)) <= set(FIGURES)


@pytest.mark.parametrize("slug", LEVELS)
def test_segment_lengths_never_change(slug):
    bodies = [figures.points(pose) for pose in figures.timeline(FIGURES[slug])[0]]
    for (a, b), length in SEGMENTS.items():
        for body in bodies:
            assert math.dist(body[a], body[b]) == pytest.approx(length, abs=1e-6), (a, b)


@pytest.mark.parametrize("slug", LEVELS)
def test_each_level_has_at_least_two_keyframes_that_differ(slug):
    keys = FIGURES[slug].keys
    assert len(keys) >= 2
    bodies = [figures.points(key.pose) for key in keys]
    moved = max(math.dist(bodies[0][name], body[name]) for body in bodies[1:] for name in figures.POINTS)
    assert moved > 2  # units of about a centimetre: a visible movement
    assert all(key.touching() for key in keys), "every keyframe rests on something"


@pytest.mark.parametrize(("slug", "index", "key"), KEYFRAMES, ids=KEY_IDS)
def test_nothing_goes_below_the_floor(slug, index, key):
    for name, point in figures.points(key.pose).items():
        assert clearance(figures.FLOOR, name, point) >= -TOLERANCE, name


@pytest.mark.parametrize(("slug", "index", "key"), KEYFRAMES, ids=KEY_IDS)
def test_named_contacts_touch_and_no_other_point_does(slug, index, key):
    figure = FIGURES[slug]
    props = figure.all_props()
    body = figures.points(key.pose)
    named = key.touching()
    assert set(named.values()) <= set(props), "a contact names a prop the figure does not have"
    assert set(named) <= set(figures.POINTS)
    for name, point in body.items():
        for prop_name, prop in props.items():
            gap = clearance(prop, name, point, body)
            if named.get(name) == prop_name:
                assert abs(gap) <= TOLERANCE, f"{name} should touch {prop_name}: {gap:.1f}"
            else:
                assert gap > TOLERANCE, f"{name} touches {prop_name} ({gap:.1f}) without being named"


def test_bird_dog_lifts_a_hand_and_a_knee():
    lifted = FIGURES["bird-dog"].keys[1].touching()
    assert "far_hand" not in lifted and "near_knee" not in lifted
    assert {"near_hand", "far_knee"} <= set(lifted)


def test_cat_cow_dead_bug_and_bird_dog_have_more_than_two_phases():
    for slug in ("cat-cow-gentle", "cat-cow-full-range", "dead-bug", "bird-dog"):
        assert len(FIGURES[slug].keys) >= 4


def test_cat_rounds_and_cow_arches_the_back():
    base, cat, _, cow = (figures.points(key.pose) for key in FIGURES["cat-cow-full-range"].keys)
    assert cat["waist"][1] > base["waist"][1] + 3 > cow["waist"][1] + 6


def test_a_rep_takes_about_three_seconds_and_holds_show_as_pauses():
    frames, times, seconds = figures.timeline(FIGURES["glute-bridge"])
    assert seconds == pytest.approx(3 + 3)  # the move up and down, plus the 3 s hold at the top
    assert frames[0] == frames[-1] and times[0] == 0 and times[-1] == 1
    assert times == sorted(times)
    long_hold = figures.timeline(FIGURES["childs-pose-hold"])[2]
    assert long_hold <= FIGURES["childs-pose-hold"].rep_seconds + figures.MAX_SHOWN_HOLD


# The pose model and props on their own.


def test_forward_kinematics_of_standing():
    body = figures.points(Pose())
    assert body["hip"] == (0, 90)
    assert body["shoulder"][1] > body["waist"][1] > body["sacrum"][1] > body["hip"][1]
    assert body["near_heel"][1] == pytest.approx(figures.FOOT_WIDTH / 2)
    assert body["near_toe"][0] > body["near_heel"][0]  # facing right


def test_flexing_the_trunk_bends_it_forward_and_the_hip_raises_the_thigh():
    bent = figures.points(Pose(lumbar=30, thoracic=30))
    assert bent["shoulder"][0] > 0
    raised = figures.points(Pose(near_hip=90))
    assert raised["near_knee"][0] == pytest.approx(figures.THIGH)


def test_reach_puts_a_hand_or_ankle_where_asked():
    pose = figures.reach(Pose(), "near_arm", (30, 110))
    assert figures.points(pose)["near_hand"] == pytest.approx((30, 110))
    assert pose.near_elbow > 0  # the natural bend
    pose = figures.reach(Pose(), "far_leg", (10, 20))
    assert figures.points(pose)["far_ankle"] == pytest.approx((10, 20))
    assert pose.far_knee > 0


def test_every_prop_measures_distance_to_its_surface():
    assert figures.FLOOR.distance((0, 5)) == 5
    box = Rect(x=0, width=10, height=10)
    assert box.distance((5, 12)) == 2 and box.distance((5, 5)) < 0 and box.distance((13, 14)) == 5
    chair = Chair(x=0, width=30)
    assert chair.distance((10, 48)) == 4  # above the seat, whose top is at 44
    ball = figures.ball(0, 30)
    assert ball.distance((0, 65)) == pytest.approx(5)
    assert figures.roller(0).distance((0, 20)) == pytest.approx(5)
    assert figures.tennis_ball(0).distance((0, 10)) == pytest.approx(10 - 6.6)
    assert isinstance(figures.tennis_ball(0), Circle)
    assert Wall(x=50).distance((45, 100)) == 5
    band = Band(anchor=(0, 0), to=("near_ankle",))
    body = {"near_ankle": (0, 20)}
    assert band.distance((3, 10), body) == pytest.approx(3)
    assert clearance(band, "near_ankle", (0, 20), body) == 0


def test_props_draw_as_plain_shapes():
    for prop in (
        figures.FLOOR,
        Rect(0, 10, 10),
        Chair(0, 30),
        figures.ball(0, 30),
        figures.roller(0),
        Wall(5),
    ):
        for tag, attributes in prop.shapes(-10, 10):
            assert tag in {"path", "rect", "circle"} and attributes


# The SVG.


def _render(slug="cat-cow-gentle", title="Move slowly."):
    return str(figure_svg.render(FIGURES[slug], title, "large"))


def test_the_svg_has_its_title_test_hook_and_role_and_no_style_attribute():
    svg = _render()
    assert svg.startswith('<svg class="figure figure-large" data-testid="figure" role="img"')
    assert "<title>Move slowly.</title>" in svg
    assert "style=" not in svg and "<script" not in svg


def test_the_svg_animates_forever_with_smil():
    svg = _render()
    assert 'repeatCount="indefinite"' in svg and 'attributeName="points"' in svg
    times = re.search(r'keyTimes="([^"]+)"', svg).group(1).split(";")
    values = re.search(r'values="([^"]+)"', svg).group(1).split(";")
    assert len(times) == len(values) and times[0] == "0" and times[-1] == "1"


def test_the_reduced_motion_pair_is_there_hidden_until_asked_for():
    svg = _render()
    assert '<g class="fig-moving">' in svg
    still = svg[svg.index('<g class="fig-still" display="none">') :]
    assert still.count("scale(.5)") == 2  # start and end, side by side
    assert "<animate" not in still


def test_coordinates_are_whole_numbers_and_the_figure_is_small():
    svg = _render("bird-dog")
    numbers = re.findall(r'points="([^"]+)"', svg)
    assert all(re.fullmatch(r"[-\d, ]+", value) for value in numbers)
    for slug in LEVELS:
        assert len(_render(slug)) < 9000, slug


def test_near_side_is_darker_than_far_side():
    def lightness(colour):
        return sum(int(colour[i : i + 2], 16) for i in (1, 3, 5))

    assert lightness(figure_svg.NEAR) < lightness(figure_svg.FAR)


def test_the_title_is_escaped():
    svg = _render(title='<script>alert("x")</script> & more')
    assert "<script>" not in svg
    assert "<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more</title>" in svg


def test_a_level_without_keyframes_still_has_its_frame_and_text():
    svg = str(figure_svg.frame("Breathe <slowly>", "small"))
    assert 'data-testid="figure"' in svg and "<title>Breathe &lt;slowly&gt;</title>" in svg


def test_a_one_key_figure_still_loops():
    one = Figure(keys=(Key(Pose(), {"floor": ("near_heel",)}), Key(Pose(x=5), {"floor": ("near_heel",)})))
    frames, times, seconds = figures.timeline(one)
    assert seconds == 3 and len(frames) == len(times) == 3


# The template tag.

TAG = Template('{% load figures %}{% figure exercise "large" %}|{% figure exercise "small" %}')


@pytest.mark.django_db
def test_the_tag_draws_each_size_from_the_first_cue(django_assert_num_queries, library):
    exercise = library.by_slug["bird-dog"]
    with django_assert_num_queries(0):
        large, small = TAG.render(Context({"exercise": exercise})).split("|")
    assert "figure-large" in large and "figure-small" in small
    assert "<title>Push the heel back as if pressing a wall behind you.</title>" in small


@pytest.mark.django_db
def test_the_tag_is_cached_per_library_version(library, monkeypatch):
    exercise = library.by_slug["dead-bug"]
    calls = []
    real = figure_svg.render
    monkeypatch.setattr(figure_svg, "render", lambda *args: calls.append(args) or real(*args))
    first = TAG.render(Context({"exercise": exercise}))
    assert TAG.render(Context({"exercise": exercise})) == first
    assert len(calls) == 2  # once per size, then from the cache
    Exercise.objects.filter(pk=exercise.pk).first().save()  # a library edit: a new version
    fresh = catalog.catalog(refresh=True).by_slug["dead-bug"]
    TAG.render(Context({"exercise": fresh}))
    assert len(calls) == 4


@pytest.mark.django_db
def test_a_cue_with_markup_is_escaped_on_the_page(client):
    exercise = Exercise.objects.get(slug="heel-taps")
    exercise.cues = "<script>alert(1)</script> Back flat\nSecond"
    exercise.save()
    body = client.get(reverse("exercises:detail", kwargs={"slug": "heel-taps"})).content.decode()
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; Back flat</title>" in body
    assert "<script>alert(1)" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("slug", LEVELS)
def test_every_exercise_page_shows_its_large_figure(client, slug):
    body = client.get(reverse("exercises:detail", kwargs={"slug": slug})).content.decode()
    assert body.count('data-testid="figure"') == 1
    assert "figure-large" in body and "css/figures.css" in body


@pytest.mark.django_db
def test_a_today_row_draws_its_small_figure_without_a_query(django_assert_num_queries, library):
    # Today's rows carry exercises from the library snapshot (selectors.active_plan), like this one.
    row = {"exercise": catalog.exercise(library.by_slug["glute-bridge"].pk)}
    template = Template('{% load figures %}{% figure row.exercise "small" %}')
    with django_assert_num_queries(0):
        first = template.render(Context({"row": row}))
        again = template.render(Context({"row": row}))
    assert first == again and 'class="figure figure-small"' in first
