import pytest

from exercises.models import Exercise

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "slug,expected",
    [
        ("supine-marching", "2 × 6 each side, daily"),
        ("childs-pose-hold", "3 × 20–30 s, daily"),
        ("glute-bridge", "3 × 12–15, 3 s hold, daily"),
        ("single-leg-bridge", "2–4 × 5–10 each side, 3–5 s hold, every other day"),
        ("bird-dog", "5–10 × 8–10 s each side, daily"),
        ("daily-walk", "10 min, 4+ days a week"),
        ("lying-face-down", "1–2 min, daily"),
        ("piriformis-ball-release", "hold 30–60 s each side, daily"),
        ("belly-breathing-feet-up", "10 slow breaths, daily"),
        ("standing-backbend", "5 gentle backbends, every 30–60 min of sitting"),
        ("reverse-hyper-ball", "2–3 × 8–20, daily, as a warm-up"),
    ],
)
def test_dose_reads_like_a_person_would_say_it(slug, expected):
    assert Exercise.objects.get(slug=slug).dose_display() == expected


def test_hold_seconds_for_the_timer():
    assert Exercise.objects.get(slug="childs-pose-hold").hold_seconds == 30
    assert Exercise.objects.get(slug="glute-bridge").hold_seconds == 3
    assert Exercise.objects.get(slug="supine-marching").hold_seconds is None
    assert Exercise.objects.get(slug="daily-walk").hold_seconds is None
