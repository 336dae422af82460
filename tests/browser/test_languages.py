"""The daily journey in Spanish and in German at phone size (docs/translations.md): sign-up, the
safety screen, the start (skipped), the check-in, a tick, the session and History, each page
saying its language (`<html lang>`) and passing axe, and the session's spoken cues said in the
page's language. The words themselves are the catalogues' (tests/i18n checks every one is
marked and translated): this journey goes by test ids and form names, so it reads the same in
every language."""

import pytest

from backcare.models import User
from journal.models import Entry, Tick

from .conftest import SIZES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# speechSynthesis recorded with each utterance's language (as tests/browser/test_session.py does).
VOICE = """
window.__spoken = [];
function Utterance(text) { this.text = text; this.lang = ""; }
Object.defineProperty(window, "SpeechSynthesisUtterance", {value: Utterance, configurable: true, writable: true});
Object.defineProperty(window, "speechSynthesis", {configurable: true, value: {
  speak: function (u) { window.__spoken.push({text: u.text, lang: u.lang}); },
  cancel: function () {},
}});
"""


@pytest.fixture
def phone_in(browser, page_problems):
    """A phone whose browser asks for `lang` (Accept-Language and navigator.language)."""
    contexts = []

    def open_page(lang):
        context = browser.new_context(viewport=SIZES["phone"], locale=lang)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page_problems.watch(page)
        page.add_init_script(VOICE)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not page_problems.items, "\n".join(page_problems.items)


@pytest.mark.parametrize("lang", ["es", "de"])
def test_the_daily_journey_reads_in_the_persons_language(phone_in, live_server, check_a11y, lang):
    page = phone_in(lang)

    def in_language():
        assert page.evaluate("document.documentElement.lang") == lang, page.url
        check_a11y(page)

    page.goto(live_server.url + "/")
    in_language()
    page.locator("main a.btn-primary[href$='/accounts/signup/']").click()
    page.wait_for_url("**/accounts/signup/")
    in_language()
    page.fill("#id_username", f"reader-{lang}")
    page.fill("#id_email", f"reader-{lang}@example.com")
    page.fill("#id_password1", "a-long-and-quiet-walk")
    page.fill("#id_password2", "a-long-and-quiet-walk")
    page.locator("main form button[type=submit]").click()
    page.get_by_test_id("safety-form").wait_for()
    # The language the sign-up page was read in is the account's from now on.
    assert User.objects.get(username=f"reader-{lang}").language == lang
    in_language()
    for group in ("emergency", "urgent", "before"):
        page.get_by_test_id(f"none-{group}").check()
    page.get_by_test_id("safety-form").locator("button[type=submit]").click()

    page.wait_for_url("**/start/episode/")
    in_language()
    for step in ("episode", "leg", "activities", "equipment"):
        page.locator(f"[data-testid=start][data-step={step}]").get_by_test_id("start-skip").click()
    page.locator("[data-testid=start][data-step=minutes]").wait_for()
    page.locator("input[name=minutes][value='10']").check()
    page.get_by_test_id("start-next").click()
    page.locator("[data-testid=start][data-step=reminder]").get_by_test_id("start-skip").click()
    page.get_by_test_id("start-summary").wait_for()
    in_language()
    page.get_by_test_id("start-today").click()
    page.wait_for_url("**/today/")
    in_language()

    page.locator("label[for=pain-3]").click()
    page.locator("form:has(#pain-3) button[type=submit]").click()
    page.wait_for_function("() => document.querySelector('[data-testid=plan-item]') !== null")
    page.locator("[data-testid=plan-item]").first.wait_for()
    slug = page.locator("[data-testid=plan-item]").first.get_attribute("data-exercise")
    row = page.locator(f"[data-testid=plan-item][data-exercise={slug}]")
    row.get_by_test_id("tick").click()
    page.locator(f"[data-testid=plan-item][data-exercise={slug}][data-done=true]").wait_for()
    page.locator("[data-plan] [data-pending]").first.wait_for(state="detached")
    in_language()
    entry = Entry.objects.get(user__username=f"reader-{lang}")
    assert entry.pain == 3
    assert Tick.objects.filter(entry=entry, exercise__slug=slug).exists()

    page.get_by_test_id("start-session").click()
    page.wait_for_url("**/today/session/")
    in_language()
    page.get_by_test_id("pause").click()  # Start: the first cue is spoken
    page.wait_for_function("() => window.__spoken.length > 0")
    spoken = page.evaluate("window.__spoken")
    assert all(cue["lang"] == lang for cue in spoken), spoken
    assert all(cue["text"] for cue in spoken), spoken

    page.goto(live_server.url + "/history/")
    in_language()
