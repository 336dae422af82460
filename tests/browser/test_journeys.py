"""The daily loop in a real browser, at phone and desktop size, with and without JavaScript."""

import csv
import io
import re
from datetime import timedelta
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

from journal.models import Entry, LevelChange, PlanItem, Tick
from tests.conftest import make_history, make_level_changes, make_ready_for_level_up, make_user, screen_clear

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page, live_server, user):
    """A session made on the server side, as the login form would (the form itself is tested below)."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )


def saves_settled(page):
    """Wait until no plan row is waiting for the server (a tap shows at once, before it is saved)."""
    page.locator("[data-plan] [data-pending]").first.wait_for(state="detached")


def main_frame_navigations(page):
    count = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and count.append(frame.url))
    return count


def test_sign_up_safety_screen_check_in_tick_undo(page, live_server, check_a11y, screenshot):
    page.goto(live_server.url + "/")
    check_a11y(page)
    page.get_by_role("link", name="Sign up free").click()
    check_a11y(page)
    page.fill("#id_username", "newcomer")
    page.fill("#id_email", "newcomer@example.com")
    page.fill("#id_password1", "a-long-and-quiet-walk")
    page.fill("#id_password2", "a-long-and-quiet-walk")
    page.get_by_role("button", name="Sign up").click()
    page.get_by_test_id("safety-form").wait_for()
    check_a11y(page)
    for group in ("emergency", "urgent", "before"):
        page.get_by_test_id(f"none-{group}").check()
    page.get_by_role("button", name="Finish the check").click()
    # The start (journal/views/start.py): the quick way through, skipping all but the time budget.
    page.wait_for_url("**/start/episode/")
    check_a11y(page)
    for step in ("episode", "leg", "activities", "equipment"):
        page.locator(f"[data-testid=start][data-step={step}]").get_by_test_id("start-skip").click()
    page.locator("[data-testid=start][data-step=minutes]").wait_for()
    page.get_by_label("About 10 minutes").check()
    page.get_by_label("Most of my day is sitting").check()
    page.get_by_test_id("start-next").click()
    page.locator("[data-testid=start][data-step=reminder]").get_by_test_id("start-skip").click()
    page.get_by_test_id("start-summary").wait_for()
    check_a11y(page)
    assert "so your plan has 5 gentle exercises" in page.get_by_test_id("start-summary").inner_text()
    page.get_by_test_id("start-today").click()
    page.wait_for_url("**/today/")
    assert page.get_by_test_id("plan-item").count() == 7

    page.locator("label[for=pain-3]").click()
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_text("Pain 3 saved").wait_for()
    check_a11y(page)

    navigations = main_frame_navigations(page)
    for slug in ("cat-cow-gentle", "daily-walk"):
        row = page.locator(f"[data-testid=plan-item][data-exercise={slug}]")
        row.get_by_test_id("tick").click()
        page.locator(f"[data-testid=plan-item][data-exercise={slug}][data-done=true]").wait_for()
    assert navigations == [], "ticking with JavaScript must not reload the page"
    assert page.get_by_test_id("progress").inner_text() == "2 of 7 done"
    screenshot(page, "today")

    page.locator("[data-testid=plan-item][data-exercise=daily-walk]").get_by_test_id("undo").click()
    page.locator("[data-testid=plan-item][data-exercise=daily-walk][data-done=false]").wait_for()
    assert navigations == []
    saves_settled(page)  # a tap shows before the server has saved it
    page.reload()
    assert page.locator("[data-testid=plan-item][data-done=true]").count() == 1
    entry = Entry.objects.get(user__username="newcomer")
    assert entry.pain == 3
    assert list(Tick.objects.filter(entry=entry).values_list("exercise__slug", flat=True)) == [
        "cat-cow-gentle"
    ]


def test_ticking_without_javascript_uses_plain_forms(nojs_page, live_server):
    user = make_user("plain")
    screen_clear(user)
    page = nojs_page
    log_in(page, live_server, user)
    page.goto(live_server.url + "/today/")
    for slug in ("rocking-all-fours", "supine-marching"):
        with page.expect_navigation():  # the form's POST, its redirect and the page loaded again
            page.locator(f"[data-testid=plan-item][data-exercise={slug}]").get_by_test_id("tick").click()
    assert page.locator("[data-testid=plan-item][data-done=true]").count() == 2
    with page.expect_navigation():
        page.locator("[data-testid=plan-item][data-exercise=supine-marching]").get_by_test_id("undo").click()
    assert page.locator("[data-testid=plan-item][data-done=true]").count() == 1
    assert Tick.objects.filter(entry__user=user).count() == 1


def test_accepting_a_level_suggestion(page, live_server, check_a11y):
    user = make_user("climber")
    screen_clear(user)
    make_ready_for_level_up(user)
    log_in(page, live_server, user)
    page.goto(live_server.url + "/today/")
    card = page.get_by_test_id("suggestion")
    assert "your usual 4" in card.inner_text()
    check_a11y(page)
    card.get_by_test_id("accept").click()
    page.locator("[data-testid=plan-item][data-exercise=heel-taps]").wait_for()
    assert LevelChange.objects.get(user=user).to_exercise.slug == "heel-taps"


def test_a_rough_day(page, live_server):
    user = make_user("rough")
    screen_clear(user)
    log_in(page, live_server, user)
    page.goto(live_server.url + "/today/")
    page.get_by_test_id("rough-day").click()
    page.get_by_text("just the gentle set").wait_for()
    slugs = page.locator("[data-testid=plan-item]").evaluate_all("rows => rows.map(r => r.dataset.exercise)")
    assert slugs == ["belly-breathing-feet-up", "lying-face-down", "supine-marching"]


@pytest.fixture
def with_history(live_server):
    user = make_user("historian")
    screen_clear(user)
    make_history(user, 60, pain=lambda n: 6 - n // 15)
    # A full report: notes on many days and more level changes than it shows.
    for entry in Entry.objects.filter(user=user)[:20]:
        entry.notes = "Stiff after a long drive, better after walking the dog in the park."
        entry.save()
    make_level_changes(
        user,
        12,
        direction="up",
        reason="3 sessions at full dose, pain during 3 or less, mornings no more than 1 above your usual 4.",
    )
    return user


def test_history_chart_is_rendered_and_matches_the_table(
    page, browser, live_server, with_history, check_a11y, screenshot, size
):
    log_in(page, live_server, with_history)
    page.goto(live_server.url + "/history/")
    canvas = page.locator("#pain-chart")
    canvas.wait_for()
    page.wait_for_function("document.getElementById('pain-chart').width > 0")
    painted = page.evaluate(
        """() => { const c = document.getElementById('pain-chart');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }"""
    )
    assert painted > 500, "the chart canvas is blank"
    check_a11y(page)
    screenshot(page, "history")
    with_js = page.evaluate("JSON.parse(document.getElementById('pain-data').textContent)")

    context = browser.new_context(java_script_enabled=False)
    nojs = context.new_page()
    log_in(nojs, live_server, with_history)
    nojs.goto(live_server.url + "/history/")
    assert nojs.locator("[data-testid=pain-table] table").is_visible()  # open without JavaScript
    rows = nojs.locator("[data-testid=pain-table] tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent))"
    )
    context.close()
    charted = {
        day: pain for day, pain in zip(with_js["labels"], with_js["pain"], strict=True) if pain is not None
    }
    tabled = {day: int(pain) for day, pain, _ in rows if pain != "–"}
    assert len(charted) == 60
    assert tabled == charted


def test_all_of_a_long_history_is_charted_and_tabled_as_the_same_weekly_averages(
    page, nojs_page, live_server, check_a11y, screenshot, size
):
    user = make_user("veteran")
    screen_clear(user)
    make_history(user, 400, pain=lambda n: 7 - n // 60)
    log_in(page, live_server, user)
    page.goto(live_server.url + "/history/?range=all")
    page.wait_for_function("document.getElementById('pain-chart').width > 0")
    painted = page.evaluate(
        """() => { const c = document.getElementById('pain-chart');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }"""
    )
    assert painted > 500, "the chart canvas is blank"
    legend = page.evaluate("Chart.getChart('pain-chart').data.datasets.map(d => d.label)")
    assert legend == ["Weekly average"]
    page.get_by_test_id("weekly-note").wait_for()
    check_a11y(page)
    screenshot(page, "history-all")
    with_js = page.evaluate("JSON.parse(document.getElementById('pain-data').textContent)")

    log_in(nojs_page, live_server, user)
    nojs_page.goto(live_server.url + "/history/?range=all")
    assert nojs_page.locator("[data-testid=pain-table] table").is_visible()
    header = nojs_page.locator("[data-testid=pain-table] thead th").all_text_contents()
    rows = nojs_page.locator("[data-testid=pain-table] tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent))"
    )
    assert header == ["Week of", "Weekly average"]
    charted = {
        week: mean for week, mean in zip(with_js["labels"], with_js["pain"], strict=True) if mean is not None
    }
    tabled = {week: float(mean) for week, mean in rows}
    assert 57 <= len(charted) <= 59  # 400 days: 58 weeks or so, depending on the weekday
    assert tabled == charted
    assert nojs_page.get_by_test_id("history-row").count() == 30


def test_export_downloads_and_report_prints_on_one_page(page, live_server, with_history, size):
    log_in(page, live_server, with_history)
    page.goto(live_server.url + "/settings/")
    with page.expect_download() as download:
        page.get_by_role("link", name="diary as CSV").click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))
    assert len(rows) == Tick.objects.filter(entry__user=with_history).count()
    page.goto(live_server.url + "/history/report/")
    page.get_by_test_id("report").wait_for()
    if size == "desktop":
        for paper in ("A4", "Letter"):
            pdf = page.pdf(format=paper)
            pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
            assert pages == 1, f"the report takes {pages} {paper} pages"


def test_log_out_and_a_second_user_sees_nothing_of_the_first(page, live_server, with_history):
    Entry.objects.filter(user=with_history).update(notes="historian-private-note")
    log_in(page, live_server, with_history)
    page.goto(live_server.url + "/today/")
    menu = page.get_by_test_id("nav-menu")
    if menu.is_visible():  # on a phone Log out is in the header's menu
        menu.locator("summary").click()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(live_server.url + "/")
    page.goto(live_server.url + "/today/")
    assert "/accounts/login/" in page.url

    other = make_user("neighbour")
    screen_clear(other)
    log_in(page, live_server, other)
    for path in ("/today/", "/history/", "/history/report/"):
        page.goto(live_server.url + path)
        assert "historian" not in page.content()
    export = page.request.get(live_server.url + "/journal/export.json").text()
    assert "historian" not in export and "neighbour" in export


def test_the_daily_loop_by_keyboard_alone(page, live_server):
    user = make_user("keys")
    screen_clear(user)
    log_in(page, live_server, user)
    page.goto(live_server.url + "/today/")
    page.locator("#pain-0").focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    assert page.locator("#pain-4").is_checked()
    outline = page.evaluate("getComputedStyle(document.activeElement.nextElementSibling).outlineStyle")
    assert outline != "none", "the focused pain button shows no focus ring"
    page.get_by_role("button", name="Save check-in").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Pain 4 saved").wait_for()
    tick = page.locator("[data-testid=plan-item][data-exercise=cat-cow-gentle] [data-testid=tick]")
    tick.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")  # reach it by keyboard, so the browser shows its focus ring
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    page.locator("[data-testid=plan-item][data-exercise=cat-cow-gentle][data-done=true]").wait_for()
    page.locator("[data-testid=plan-item][data-exercise=cat-cow-gentle] [data-testid=undo]").focus()
    page.keyboard.press("Space")
    page.locator("[data-testid=plan-item][data-exercise=cat-cow-gentle][data-done=false]").wait_for()
    saves_settled(page)
    assert Entry.objects.get(user=user).pain == 4
    assert not Tick.objects.filter(entry__user=user).exists()


def test_tap_targets_are_big_enough_on_a_phone(page, live_server, size):
    if size != "phone":
        pytest.skip("tap targets are a phone-size concern")
    user = make_user("thumbs")
    screen_clear(user)
    log_in(page, live_server, user)
    for path in ("/today/", "/history/", "/settings/", "/exercises/"):
        page.goto(live_server.url + path)
        small = page.evaluate(
            """() => Array.from(document.querySelectorAll('main button, main .btn, main label.btn, nav a, main [data-testid=plan-item] a'))
              .filter(e => e.offsetParent !== null)
              .map(e => { const r = e.getBoundingClientRect(); return [e.textContent.trim().slice(0, 30), r.width, r.height]; })
              .filter(([t, w, h]) => w < 44 || h < 44)"""
        )
        assert not small, f"{path}: tap targets under 44 px: {small}"


def test_the_hold_timer_counts_sets_and_sides(page, live_server, size):
    user = make_user("holder")
    screen_clear(user)
    item = PlanItem.objects.get(user=user, progression__slug="rocking")
    item.exercise = item.progression.levels.get(level=2)  # child's pose: 3 × 20–30 s
    item.save()
    log_in(page, live_server, user)
    page.goto(live_server.url + "/today/")
    row = page.locator("[data-testid=plan-item][data-exercise=childs-pose-hold]")
    assert "Hold for 20 s" in row.inner_text()  # the plan item's dose step: 0, the low end
    row.get_by_role("button", name="Start timer").click()
    row.get_by_text("Get ready… Set 1 of 3").wait_for()
    page.wait_for_function(
        "() => document.querySelector('[data-exercise=childs-pose-hold] .timer-status').textContent.startsWith('Hold')",
        timeout=6000,
    )
    first = int(row.locator(".timer-count").inner_text())
    # Counting down: wait for the next second shown (on a busy machine it can take longer than one).
    page.wait_for_function(
        "first => +document.querySelector('[data-exercise=childs-pose-hold] .timer-count').textContent < first",
        arg=first,
    )
    assert int(row.locator(".timer-count").inner_text()) < first
    row.get_by_role("button", name="Stop").click()
    assert row.locator(".timer-status").inner_text() == "Stopped."


def test_without_javascript_the_hold_is_simply_shown(nojs_page, live_server):
    user = make_user("plainholder")
    screen_clear(user)
    item = PlanItem.objects.get(user=user, progression__slug="rocking")
    item.exercise = item.progression.levels.get(level=2)
    item.save()
    log_in(nojs_page, live_server, user)
    nojs_page.goto(live_server.url + "/today/")
    row = nojs_page.locator("[data-testid=plan-item][data-exercise=childs-pose-hold]")
    assert "Hold for 20 s" in row.inner_text()
    assert row.get_by_role("button", name="Start timer").count() == 0


def test_every_page_passes_axe(page, live_server, with_history, check_a11y):
    log_in(page, live_server, with_history)
    yesterday = (with_history.local_today() - timedelta(days=1)).isoformat()
    for path in (
        "/today/",
        f"/day/{yesterday}/",
        "/history/",
        "/history/report/",
        "/settings/",
        "/exercises/",
        "/exercises/heel-taps/",
        "/safety/",
        "/safety/result/",
        "/accounts/password_change/",
    ):
        page.goto(live_server.url + path)
        check_a11y(page)
