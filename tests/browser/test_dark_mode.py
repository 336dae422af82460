"""Dark mode passes axe on every signed-in page (issue 26, item 5).

Dark mode follows the system setting (static/js/theme.js, docs/offline.md "Dark mode"): the app has
no setting of its own, so the browser is told the system is dark (Playwright's `color_scheme`), as a
phone set to dark would. The walk covers every page a signed-in person opens, with a diary that
shows what a real one does: Today on a bad day (a warning box) with done and not-done rows, a
times-a-day row and a paused row; a past day; History over 30 days, 90 days and all; the report and
its share page; settings; the library and a level; the lessons (read, unread, locked); PSFS; the
guided session and its "How did it feel?"; a rough day; the safety screen, its errors and each of
its outcomes; the start. Each page: 0 serious and 0 critical axe violations (colour contrast
included), at phone size and on a desktop; the count per page is printed. The same walk runs once
in light mode (phone size), which must pass as well. Screenshots: artifacts/screenshots/dark/.
"""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from backcare import diary_version
from backcare.models import User
from exercises.models import Exercise
from journal import safety, services
from journal.days import first_day
from journal.forms_start import FORMS
from journal.models import Entry, Tick
from journal.selectors import screen_status
from journal.services import DayRead
from learn import catalog as lessons
from learn.content import LESSONS, load_lessons
from learn.models import Lesson
from tests.conftest import PASSWORD, make_user, screen_clear

from .conftest import SCREENSHOTS, SIZES
from .test_journeys import log_in
from .test_offline_queue import LOST, come_back, go_offline, tick_offline
from .test_tick_optimistic import ignore_failed_requests

SHOTS = SCREENSHOTS / "dark"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def themed(browser, size, scheme, page_problems):
    """A page in a browser whose system setting is `scheme` (dark, or light for the same walk)."""
    context = browser.new_context(viewport=SIZES[size], color_scheme=scheme)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page_problems.watch(page)
    yield page
    context.close()
    assert not page_problems.items, "\n".join(page_problems.items)


@pytest.fixture(autouse=True)
def lessons_loaded(library):
    """Live-server tests run in transactions that are flushed: make sure the lessons are there."""
    if Lesson.objects.count() != len(LESSONS):
        Lesson.objects.all().delete()
        load_lessons(Lesson)


def a_bad_day(user):
    """The demo's diary, and today a check-in of 8 (a warning box), two exercises done, a
    times-a-day exercise done twice and one paused after severe pain yesterday; two share links
    and a day from before the diary's first day."""
    today = user.local_today()
    status = screen_status(user=user)
    for day in (today - timedelta(days=1), today):  # whatever the demo drew for them
        services.day_type_set(user=user, day=day, day_type=Entry.DayType.NORMAL)
    # Today's ticks as this diary says, not as the demo drew them for the date the test runs on (on
    # some dates it ticked every exercise due, and the session had nothing left to show).
    for ticked in Tick.objects.filter(entry__user=user, entry__date=today).select_related("exercise"):
        services.tick_remove(user=user, day=today, exercise=ticked.exercise)
    planned = DayRead.of(user=user, day=today, status=status).exercises
    several = next(ex for ex in planned if ex.schedule == Exercise.Schedule.TIMES_A_DAY)
    daily = [ex for ex in planned if ex.schedule == Exercise.Schedule.DAILY]
    done = daily[:2]
    paused = next(
        ex
        for ex in DayRead.of(user=user, day=today - timedelta(days=1), status=status).exercises
        if ex in daily[2:]
    )
    services.tick_record(user=user, day=today - timedelta(days=1), exercise=paused, pain_during=8)
    for exercise in done:
        services.tick_record(user=user, day=today, exercise=exercise, pain_during=3, effort="ok")
    services.tick_record(user=user, day=today, exercise=several)
    services.tick_record(user=user, day=today, exercise=several, add=True)
    services.checkin_save(user=user, day=today, pain=8, notes="Sore after the drive.", leg_symptoms=False)
    # A day saved under older rules, before the diary's first day: the old days' page lists it.
    Entry.objects.create(user=user, date=first_day(user) - timedelta(days=3), pain=5, planned=0)
    diary_version.changed(user)  # written past the services
    services.share_link_create(
        user=user, display_name="Dr Lee", days=14, show_notes=True, show_safety=True, now=timezone.now()
    )
    _, token = services.share_link_create(
        user=user, display_name="Physio", days=7, show_notes=False, show_safety=False, now=timezone.now()
    )
    return token


def newcomer():
    """A new account part way into the start, on day 1 of the course (most lessons still locked)."""
    user = make_user("newcomer")
    answers = services.start_begin(user=user, today=user.local_today())
    answers.reached = len(FORMS) - 1  # every screen of the start may be opened
    answers.save(update_fields=["reached"])
    services.safety_screen_record(
        user=user, today=user.local_today(), answers=dict.fromkeys(safety.QUESTION_KEYS, False)
    )
    return user


def screened(name, yes):
    """An account whose safety screen had one yes answer (`yes`), with the starter plan."""
    user = make_user(name)
    today = user.local_today()
    answers = {**dict.fromkeys(safety.QUESTION_KEYS, False), yes: True}
    services.safety_screen_record(user=user, today=today, answers=answers)
    services.plan_create_starter(user=user, today=today)
    return user


# Dark at both sizes; the same walk in light mode once, so a colour changed for the dark never
# costs the light its contrast.
@pytest.mark.parametrize(("scheme", "size"), [("dark", "phone"), ("dark", "desktop"), ("light", "phone")])
def test_every_signed_in_page_passes_axe_in_each_colour_mode(themed, live_server, check_a11y, scheme, size):
    call_command("demo", username="robin", password=PASSWORD, days=90, stdout=io.StringIO())
    robin = User.objects.get(username="robin")
    token = a_bad_day(robin)
    course = lessons.course().lessons
    yesterday = robin.local_today() - timedelta(days=1)
    failures, counts = [], []

    def check(path, ready=None, label=""):
        themed.goto(live_server.url + path)
        assert themed.evaluate("document.documentElement.getAttribute('data-bs-theme')") == scheme
        if ready:
            ready()
        check_here(f"{path} {label}".strip())

    def check_here(path):
        try:
            check_a11y(themed)
            found = 0
        except AssertionError as failure:
            failures.append(str(failure))
            # How many elements: check_a11y names only each rule and its first few.
            result = themed.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            found = sum(
                len(v["nodes"]) for v in result["violations"] if v["impact"] in ("serious", "critical")
            )
        counts.append(f"{scheme} {size} {path}: {found} serious or critical (elements)")
        SHOTS.mkdir(parents=True, exist_ok=True)
        name = "".join(c if c.isalnum() else "-" for c in path.strip("/"))[:40]
        themed.screenshot(path=str(SHOTS / f"{len(counts):02d}-{name}-{scheme}-{size}.png"), full_page=True)

    def today_as_described():
        rows = themed.get_by_test_id("plan-item")
        assert rows.and_(themed.locator("[data-done=true]")).count() >= 2
        assert rows.and_(themed.locator("[data-done=false]")).count() >= 1
        assert rows.get_by_test_id("schedule").count() >= 1 and rows.get_by_test_id("paused").count() == 1
        assert themed.locator("main .alert-warning").count() >= 1  # the bad day's warning

    log_in(themed, live_server, robin)
    check("/today/", today_as_described)
    themed.locator(".tick-detail summary").first.click()  # "How did it feel?" opened
    themed.locator(".row-tips summary").first.click()  # "How to do it well" opened
    if size == "phone":
        themed.get_by_test_id("nav-menu").locator("summary").click()  # the header's menu opened
    check_here("/today/ (folds and menu open)")
    check(f"/day/{yesterday.isoformat()}/")
    for key in ("30", "90", "all"):
        check(f"/history/?range={key}", lambda: themed.locator("#pain-chart").wait_for())
    check("/history/report/")
    check("/history/report/share/")
    check("/settings/")
    check("/settings/reminders/")
    check("/accounts/password_change/")
    check("/journal/old-days/", lambda: themed.get_by_test_id("delete-old-days").wait_for())
    check("/exercises/")
    check("/exercises/cat-cow-gentle/")
    check("/lessons/")
    check(f"/lessons/{course[0].slug}/")
    check("/journal/psfs/")
    check("/today/session/", lambda: themed.get_by_test_id("session").wait_for())
    themed.get_by_test_id("pause").click()  # Start: the clock runs
    themed.get_by_test_id("skip").click()  # past getting into position, to the reps the clock counts
    themed.get_by_test_id("tempo-note").wait_for()  # "One every ... seconds"
    themed.get_by_test_id("pause").click()  # and paused
    check_here("/today/session/ (counting reps, paused)")
    themed.get_by_test_id("done-early").click()  # "How did it feel?", with its big buttons
    felt = themed.locator("[data-testid=felt]:visible")
    felt.get_by_test_id("tell-more").click()
    felt.locator("[data-answer=pain_during][value='3']").click()  # an answer chosen, not yet saved
    check_here("/today/session/ (how did it feel)")
    check("/safety/")
    check("/safety/result/")
    services.day_type_set(user=robin, day=robin.local_today(), day_type=Entry.DayType.ROUGH)
    check(
        "/today/",
        lambda: themed.get_by_test_id("plan-item").first.wait_for(),
        "(a rough day: the gentle set)",
    )
    themed.context.clear_cookies()
    check(f"/shared/{token}/")  # the report as the person it was shared with sees it

    log_in(themed, live_server, newcomer())
    for step in FORMS:
        check(f"/start/{step}/")
    themed.locator("main input[type=radio]").first.check()  # an answer chosen
    check_here("/start/reminder/ (an answer chosen)")
    check("/lessons/")
    check(f"/lessons/{course[-1].slug}/")  # a locked lesson: when it opens

    # A first safety screen sent with nothing answered: each group says what it needs.
    log_in(themed, live_server, make_user("erin"))
    check("/safety/")
    themed.get_by_role("button", name="Finish the check").click()
    themed.locator(".question-error").first.wait_for()
    check_here("/safety/ (sent unanswered)")
    themed.context.clear_cookies()

    # The safety screen's outcomes other than clear: Today and the result carry their advice.
    for name, answer in (
        ("emergency", "bowel"),
        ("urgent", "fever"),
        ("talk", "pregnancy"),
        ("soon", "canal_narrowing"),
    ):
        user = screened(name, answer)
        log_in(themed, live_server, user)
        check("/today/")
        check("/safety/result/")
        themed.context.clear_cookies()

    print("\n" + "\n".join(counts))
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize(("scheme", "size"), [("dark", "phone")])
def test_what_is_kept_on_the_phone_offline_reads_in_dark_mode(themed, live_server, check_a11y, page_problems):
    """A tick and a check-in made without a connection say "Saved on this phone" (offline-queue.js):
    readable on the dark page, as everything else."""
    user = make_user("walker")
    screen_clear(user)
    log_in(themed, live_server, user)
    themed.goto(live_server.url + "/today/")
    go_offline(themed, live_server)
    themed.locator("label[for=pain-3]").click()
    themed.get_by_role("button", name="Save check-in").click()
    themed.locator("[data-checkin-form] [data-queued-note]").wait_for()
    tick_offline(themed, "cat-cow-gentle")
    check_a11y(themed)
    come_back(themed, live_server)
    themed.locator("[data-plan] [data-pending]").first.wait_for(state="detached")
    ignore_failed_requests(page_problems, *LOST)
