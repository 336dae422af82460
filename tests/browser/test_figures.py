"""Every exercise's figure in a real browser: visible, sized, moving, and still when motion is reduced.

Screenshots of each figure (phone and desktop) go to artifacts/screenshots/figures/.
"""

import pytest

from exercises.library import LIBRARY
from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LEVELS = [level["slug"] for family in LIBRARY for level in family["levels"]]
FIGURES_DIR = SCREENSHOTS / "figures"


def test_every_figure_is_visible_and_sized(page, live_server, size):
    FIGURES_DIR.mkdir(parents=True, exist_ok=True)
    for slug in LEVELS:
        page.goto(f"{live_server.url}/exercises/{slug}/")
        figure = page.get_by_test_id("figure")
        assert figure.count() == 1
        assert figure.is_visible(), slug
        box = figure.bounding_box()
        assert box["width"] > 100 and box["height"] > 50, (slug, box)
        assert box["width"] <= page.viewport_size["width"], slug  # never wider than a phone
        figure.screenshot(path=str(FIGURES_DIR / f"{slug}-{size}.png"))


def _points_at(page, seconds):
    return page.evaluate(
        """(t) => { const svg = document.querySelector('[data-testid=figure]');
        svg.pauseAnimations(); svg.setCurrentTime(t);
        return [...svg.querySelectorAll('.fig-moving polyline')].map(p => p.animatedPoints.numberOfItems
            && [...Array(p.animatedPoints.numberOfItems).keys()].map(i => {
                const q = p.animatedPoints.getItem(i); return [Math.round(q.x), Math.round(q.y)]; })); }""",
        seconds,
    )


@pytest.mark.parametrize("size", ["phone"], indirect=True)
def test_the_figure_moves(page, live_server):
    page.goto(f"{live_server.url}/exercises/bird-dog/")
    assert _points_at(page, 0) != _points_at(page, 1.5)


@pytest.mark.parametrize("size", ["phone"], indirect=True)
def test_reduced_motion_shows_start_and_end_side_by_side(page, live_server, check_a11y):
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"{live_server.url}/exercises/cat-cow-full-range/")
    figure = page.get_by_test_id("figure")
    assert figure.locator(".fig-still").is_visible()
    assert not figure.locator(".fig-moving").is_visible()
    FIGURES_DIR.mkdir(parents=True, exist_ok=True)
    figure.screenshot(path=str(FIGURES_DIR / "cat-cow-full-range-reduced-motion.png"))
    check_a11y(page)
    page.emulate_media(reduced_motion="no-preference")
    assert figure.locator(".fig-moving").is_visible()
    assert not figure.locator(".fig-still").is_visible()
