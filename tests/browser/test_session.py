"""The guided session (static/js/session.js) played through end to end on a phone.

The session's clock runs 60 times faster here (SESSION_TIME_SCALE: a minute lasts a second), so a
whole session of holds, rests, reps counted at each level's tempo and timed minutes takes a few
seconds. Every exercise is finished and its "how did it feel" answered; then the database must hold
a tick for each, with its answers. The browser's voice and wake lock are stood in for by recorders
(`HANDS_FREE`): what the session said, and when it asked to keep the screen on.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from journal.models import Tick
from tests.conftest import make_user, screen_clear
from tests.journal.test_session import STARTER_SESSION

from .test_journeys import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STEP = "[data-testid=session-exercise][data-exercise={}]"
FELT = "[data-testid=felt]"

# speechSynthesis and the Screen Wake Lock, recorded; and a page whose visibility the test sets.
HANDS_FREE = """
window.__spoken = [];
window.__locks = [];
window.__taps = 0;
document.addEventListener("click", function (e) { if (e.isTrusted) window.__taps += 1; }, true);
function Utterance(text) { this.text = text; }
Object.defineProperty(window, "SpeechSynthesisUtterance", {value: Utterance, configurable: true, writable: true});
Object.defineProperty(window, "speechSynthesis", {configurable: true, value: {
  speak: function (u) { window.__spoken.push(u.text); },
  cancel: function () {},
}});
Object.defineProperty(navigator, "wakeLock", {configurable: true, value: {
  request: function (type) {
    window.__locks.push("request " + type);
    var sentinel = new EventTarget();
    sentinel.release = function () { window.__locks.push("release"); return Promise.resolve(); };
    return Promise.resolve(sentinel);
  },
}});
window.__visibility = "visible";
Object.defineProperty(document, "visibilityState", {configurable: true, get: function () { return window.__visibility; }});
Object.defineProperty(document, "hidden", {configurable: true, get: function () { return window.__visibility === "hidden"; }});
window.__setVisibility = function (state) {
  window.__visibility = state;
  document.dispatchEvent(new Event("visibilitychange"));
};
"""


@pytest.fixture
def sessioner(settings):
    settings.SESSION_TIME_SCALE = 60
    user = make_user("sessioner")
    screen_clear(user)
    return user


def ticks(user):
    return {
        t.exercise.slug: (t.pain_during, t.effort, t.spread, t.full_dose)
        for t in Tick.objects.filter(entry__user=user).select_related("exercise")
    }


def tab_to(page, selector, limit=80):
    """Press Tab until the focused element matches `selector` (keyboard only)."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize("size", ["phone"])
def test_a_whole_session_on_a_phone_ticks_every_exercise_with_how_it_felt(
    page, live_server, sessioner, screenshot, check_a11y
):
    log_in(page, live_server, sessioner)
    page.goto(live_server.url + "/today/")
    page.get_by_test_id("start-session").click()
    page.wait_for_url("**/today/session/")
    session = page.get_by_test_id("session")
    # One exercise a screen: the first, with its figure and the clock waiting for Start.
    visible = page.locator("[data-testid=session-exercise]:visible")
    assert visible.count() == 1
    assert visible.get_attribute("data-exercise") == STARTER_SESSION[0]
    assert visible.get_by_test_id("figure").is_visible()
    assert page.locator("[data-clock]").inner_text() == "0:10"
    screenshot(page, "session-start")
    check_a11y(page)

    page.get_by_test_id("pause").click()  # Start
    expect(page.locator("[data-live]")).to_have_text("10 slow breaths")  # said as it began
    expect(page.get_by_test_id("tempo-note")).to_have_text("Counting for you: one every 7 s")
    page.get_by_test_id("pause").click()  # pause, to look at it running
    assert page.get_by_test_id("pause").inner_text() == "Resume"
    screenshot(page, "session-running")
    page.get_by_test_id("pause").click()

    answers = [("2", "easy"), ("1", "right"), ("3", "right"), ("2", "hard"), ("0", "easy")]
    for n, (slug, (pain, effort)) in enumerate(zip(STARTER_SESSION, answers, strict=True)):
        step = page.locator(STEP.format(slug))
        step.locator(FELT).wait_for(state="visible", timeout=20_000)
        if n == 3:
            screenshot(page, "session-how-did-it-feel")
            check_a11y(page)
        felt = step.locator(FELT)
        felt.get_by_test_id("tell-more").click()  # the three questions, beside "Felt fine"
        felt.locator(f"[data-answer=pain_during][value='{pain}']").click()
        felt.locator(f"[data-answer=effort][value={effort}]").click()
        felt.locator("[data-answer=spread][value=no]").click()
        if n + 1 < len(STARTER_SESSION):
            page.locator(STEP.format(STARTER_SESSION[n + 1])).wait_for(state="visible")
    page.get_by_test_id("session-finished").wait_for(state="visible")
    assert "All 5 exercises saved" in session.inner_text()
    screenshot(page, "session-finished")
    check_a11y(page)

    assert ticks(sessioner) == {
        slug: (int(pain), effort, False, True)
        for slug, (pain, effort) in zip(STARTER_SESSION, answers, strict=True)
    }
    # Today shows them done, and no session left to start.
    page.goto(live_server.url + "/today/")
    assert page.locator("[data-testid=plan-item][data-done=true]").count() == 5
    assert page.get_by_test_id("start-session").count() == 0


@pytest.mark.parametrize("size", ["phone"])
def test_the_same_session_with_the_keyboard_only(page, live_server, sessioner):
    log_in(page, live_server, sessioner)
    page.goto(live_server.url + "/today/")
    tab_to(page, "[data-testid=start-session]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/today/session/")
    live = page.locator("[data-live]")
    clock = page.locator("[data-clock]")

    page.keyboard.press("Space")  # start
    page.locator("[data-reps]").first.wait_for(state="visible")  # the ready countdown ran out
    assert re.fullmatch(r"\d+ / 10", clock.inner_text())  # the clock counts the breaths
    page.keyboard.press("Space")  # pause
    assert page.get_by_test_id("pause").inner_text() == "Resume"
    assert live.inner_text() == "Paused"
    page.keyboard.press("ArrowLeft")  # back to getting into position
    assert clock.inner_text() == "0:10"
    assert live.inner_text() == "Get into position"
    page.keyboard.press("Space")  # going again

    for n, slug in enumerate(STARTER_SESSION):
        felt = page.locator(STEP.format(slug)).locator(FELT)
        for _ in range(40):  # the right arrow moves on without waiting for the clock
            if felt.is_visible():
                break
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(50)
        felt.wait_for(state="visible")
        tab_to(page, f"{STEP.format(slug)} [data-testid=tell-more]")
        page.keyboard.press("Enter")
        tab_to(page, f"{STEP.format(slug)} [data-answer=pain_during][value='{n}']")
        page.keyboard.press("Enter")
        tab_to(page, f"{STEP.format(slug)} [data-answer=effort][value=right]")
        page.keyboard.press("Space")
        tab_to(page, f"{STEP.format(slug)} [data-answer=spread][value=no]")
        page.keyboard.press("Enter")
        if n + 1 < len(STARTER_SESSION):
            page.locator(STEP.format(STARTER_SESSION[n + 1])).wait_for(state="visible")
    page.get_by_test_id("session-finished").wait_for(state="visible")

    assert ticks(sessioner) == {slug: (n, "right", False, True) for n, slug in enumerate(STARTER_SESSION)}


@pytest.mark.parametrize("size", ["phone"])
def test_done_early_saves_a_partial_dose_and_leaving_keeps_what_was_saved(page, live_server, sessioner):
    log_in(page, live_server, sessioner)
    page.goto(live_server.url + "/today/session/")
    page.get_by_test_id("sound").uncheck()  # no beeps: remembered on this device
    page.reload()
    assert not page.get_by_test_id("sound").is_checked()
    page.get_by_test_id("done-early").click()
    felt = page.locator(STEP.format(STARTER_SESSION[0])).locator(FELT)
    assert "less than the full dose" in felt.inner_text()
    felt.get_by_test_id("tell-more").click()
    felt.get_by_test_id("felt-skip").click()  # save without answering
    page.locator(STEP.format(STARTER_SESSION[1])).wait_for(state="visible")
    page.get_by_test_id("skip-exercise").click()  # cat/cow not today
    page.locator(STEP.format(STARTER_SESSION[2])).wait_for(state="visible")
    page.get_by_test_id("back-to-today").click()  # leave midway
    page.wait_for_url("**/today/")
    assert ticks(sessioner) == {STARTER_SESSION[0]: (None, "", None, False)}
    page.goto(live_server.url + "/today/session/")
    assert (
        page.locator("[data-testid=session-exercise]:visible").get_attribute("data-exercise")
        == STARTER_SESSION[1]
    )


@pytest.mark.parametrize("size", ["phone"])
def test_without_javascript_the_session_is_a_list_with_done_forms(
    nojs_page, live_server, sessioner, screenshot
):
    page = nojs_page
    log_in(page, live_server, sessioner)
    page.goto(live_server.url + "/today/session/")
    steps = page.locator("[data-testid=session-exercise]")
    assert steps.evaluate_all("els => els.map(e => e.dataset.exercise)") == STARTER_SESSION
    assert all(steps.nth(i).is_visible() for i in range(5))
    assert page.locator("[data-player]").is_hidden()
    screenshot(page, "session-no-js")
    page.locator(STEP.format("cat-cow-gentle")).get_by_test_id("tick").click()
    page.wait_for_url("**/today/session/")
    assert "Gentle cat/cow: done." in page.content()
    assert steps.count() == 4
    assert ticks(sessioner) == {"cat-cow-gentle": (None, "", None, True)}


def contains_run(spoken, run):
    """Whether `run` was said in a row, in this order."""
    return any(spoken[i : i + len(run)] == run for i in range(len(spoken)))


@pytest.mark.parametrize("size", ["phone"])
def test_a_four_exercise_session_runs_hands_free_in_at_most_10_taps(page, live_server, sessioner):
    """Issue 26: default settings, from "Start" to the end, the "how did it feel" answers included."""
    from exercises.models import Exercise
    from journal.models import Entry

    sessioner.date_joined = timezone.now() - timedelta(days=10)
    sessioner.save()
    today = sessioner.local_today()
    # Lying face down is done already: four left. Cat/cow was 2/10 yesterday: its usual answer.
    entry = Entry.objects.create(user=sessioner, date=today)
    Tick.objects.create(entry=entry, exercise=Exercise.objects.get(slug="lying-face-down"))
    yesterday = Entry.objects.create(user=sessioner, date=today - timedelta(days=1))
    Tick.objects.create(entry=yesterday, exercise=Exercise.objects.get(slug="cat-cow-gentle"), pain_during=2)
    four = STARTER_SESSION[:4]
    page.add_init_script(HANDS_FREE)
    log_in(page, live_server, sessioner)
    page.goto(live_server.url + "/today/session/")
    assert page.get_by_test_id("voice-toggle").is_checked()  # speaks by default
    assert not page.get_by_test_id("i-tap").is_checked()  # the clock counts by default

    taps = 0
    page.get_by_test_id("pause").click()  # Start
    taps += 1
    for slug in four:
        felt = page.locator(STEP.format(slug)).locator(FELT)
        felt.wait_for(state="visible", timeout=20_000)
        felt.get_by_test_id("felt-fine").click()
        taps += 1
    page.get_by_test_id("session-finished").wait_for(state="visible")
    print(f"\nsession: taps={taps}")  # four exercises, from "Start" to the end, feedback included
    assert "All 4 exercises saved" in page.get_by_test_id("session").inner_text()
    assert page.evaluate("window.__taps") == taps <= 10

    spoken = page.evaluate("window.__spoken")
    names = [Exercise.objects.get(slug=slug).name for slug in four]
    for name in names:
        assert name in spoken
    assert Exercise.objects.get(slug="belly-breathing-feet-up").first_cue in spoken  # its one cue
    assert spoken.count("Switch sides") == 2  # marching: 2 sets, each side once a set
    assert "Rest" in spoken  # between marching's sets
    assert contains_run(spoken, ["8", "9", "10"])  # the last three of 10 slow breaths
    assert contains_run(spoken, ["4", "5", "6"])  # ... and of 6 marches a side
    assert "7" not in spoken  # only the last three of a count are said
    assert page.evaluate("window.__locks")[0] == "request screen"
    assert page.evaluate("window.__locks")[-1] == "release"  # let go at the end

    saved = ticks(sessioner)
    assert {slug: saved[slug] for slug in four} == {
        "belly-breathing-feet-up": (None, "right", None, True),  # no earlier answer: no pain score
        "cat-cow-gentle": (2, "right", None, True),  # yesterday's 2, as usual
        "rocking-all-fours": (None, "right", None, True),
        "supine-marching": (None, "right", None, True),
    }


@pytest.mark.parametrize("size", ["phone"])
def test_the_voice_switch_is_kept_on_this_device(page, live_server, sessioner):
    page.add_init_script(HANDS_FREE)
    log_in(page, live_server, sessioner)
    page.goto(live_server.url + "/today/session/")
    voice = page.get_by_test_id("voice-toggle")
    assert voice.is_checked()
    voice.uncheck()
    page.reload()
    assert not page.get_by_test_id("voice-toggle").is_checked()
    page.get_by_test_id("pause").click()  # Start: the clock runs, silently
    page.locator(STEP.format(STARTER_SESSION[0])).locator(FELT).wait_for(state="visible", timeout=20_000)
    assert page.evaluate("window.__spoken") == []
    page.reload()
    page.get_by_test_id("voice-toggle").check()
    page.reload()
    assert page.get_by_test_id("voice-toggle").is_checked()


@pytest.mark.parametrize("size", ["phone"])
def test_hiding_the_page_pauses_and_resume_goes_on(page, live_server, sessioner):
    page.add_init_script(HANDS_FREE)
    log_in(page, live_server, sessioner)
    page.goto(live_server.url + "/today/session/")
    page.get_by_test_id("pause").click()  # Start
    clock = page.locator("[data-clock]")
    expect(clock).to_have_text(re.compile(r"[1-9]\d* / 10"))  # breaths counted by the clock
    page.evaluate("window.__setVisibility('hidden')")
    held = clock.inner_text()
    assert page.evaluate("window.__locks").count("release") == 1  # the screen may sleep
    page.evaluate("window.__setVisibility('visible')")
    paused = page.get_by_test_id("paused")
    expect(paused).to_be_visible()
    expect(paused).to_contain_text("Paused")
    assert page.get_by_test_id("pause").inner_text() == "Resume"
    assert page.evaluate("window.__locks").count("request screen") == 2  # asked again on return
    page.wait_for_timeout(500)  # about 30 s of session time at this scale: nothing counted
    assert clock.inner_text() == held
    paused.get_by_test_id("resume").click()
    expect(paused).to_be_hidden()
    assert page.get_by_test_id("pause").inner_text() == "Pause"
    page.locator(STEP.format(STARTER_SESSION[0])).locator(FELT).wait_for(state="visible", timeout=20_000)


@pytest.mark.parametrize("size", ["phone"])
def test_without_a_voice_or_a_wake_lock_the_session_runs_silently(page, live_server, sessioner):
    page.add_init_script(
        "delete Window.prototype.speechSynthesis; delete window.speechSynthesis;"
        "Object.defineProperty(navigator, 'wakeLock', {value: undefined, configurable: true});"
    )
    log_in(page, live_server, sessioner)
    page.goto(live_server.url + "/today/session/")
    assert page.evaluate("typeof window.speechSynthesis") == "undefined"
    assert page.get_by_test_id("voice-toggle").is_hidden()  # no switch for a voice that is not there
    page.get_by_test_id("pause").click()  # Start
    felt = page.locator(STEP.format(STARTER_SESSION[0])).locator(FELT)
    felt.wait_for(state="visible", timeout=20_000)
    felt.get_by_test_id("felt-fine").click()
    page.locator(STEP.format(STARTER_SESSION[1])).wait_for(state="visible")
    assert ticks(sessioner) == {STARTER_SESSION[0]: (None, "right", None, True)}
