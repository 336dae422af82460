"""Playwright against pytest-django's live server, in Debian's Chromium.

Without Chromium the browser tests are skipped with a clear reason, except in CI (CI=true),
where a missing browser fails the run.
"""

import os
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

# scripts/phone.py (the bench's phone figures) owns how Chromium is found and launched.
from scripts.phone import CHROMIUM_ARGS, chromium_path
from tests.conftest import ensure_library

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# expect() waits as long as a page's own calls do (_new_page: 10 s), not its default 5 s.
expect.set_options(timeout=10_000)

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
AXE = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
# The README's pictures live in docs/ and are taken by tests/browser/test_readme_screenshots.py:
# always into artifacts/screenshots/, and over the committed ones with UPDATE_SCREENSHOTS=1.
DOCS = ROOT / "docs"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if not path:
        message = "Chromium not found (apt-get install chromium): browser tests NOT RUN"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message + " — required in CI", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageProblems:
    """JavaScript errors and CSP violations a page reported; a journey fails on any."""

    def __init__(self):
        self.items = []

    def watch(self, page):
        page.on("pageerror", lambda error: self.items.append(f"JS error: {error}"))
        page.on(
            "console",
            lambda msg: msg.type == "error" and self.items.append(f"console error: {msg.text}"),
        )
        page.add_init_script(
            "document.addEventListener('securitypolicyviolation', function (e) {"
            " console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI); });"
        )


def wait_until(page, condition, what, timeout=10_000):
    """Wait for a state only Python can see (a request the test holds, a row in the database),
    checked every 50 ms while the page and the live server go on; fails after `timeout` ms."""
    deadline = time.monotonic() + timeout / 1000
    while not condition():
        assert time.monotonic() < deadline, f"waited {timeout} ms for {what}"
        page.wait_for_timeout(50)  # lets Playwright deliver what happened meanwhile (a held route)


def worker_in_control(page):
    """Wait until the page's service worker (static/js/pwa.js) is installed and controls the page, as
    on a phone that has opened the app before. A test that cuts the connection earlier, on a slow
    machine, cuts the worker's own script download: "An unknown error occurred when fetching the
    script", a console error that fails the test."""
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller !== null")


@pytest.fixture(autouse=True)
def library(transactional_db):
    """Live-server tests run in transactions that are flushed: make sure the library is there."""
    ensure_library()


@pytest.fixture(params=list(SIZES), ids=list(SIZES))
def size(request):
    return request.param


def _new_page(browser, size, problems, java_script_enabled=True, **options):
    context = browser.new_context(viewport=SIZES[size], java_script_enabled=java_script_enabled, **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems.watch(page)
    return context, page


@pytest.fixture
def page_problems():
    return PageProblems()


@pytest.fixture
def page(browser, size, page_problems):
    context, page = _new_page(browser, size, page_problems)
    yield page
    context.close()
    assert not page_problems.items, "\n".join(page_problems.items)


@pytest.fixture
def nojs_page(browser, size, page_problems):
    context, page = _new_page(browser, size, page_problems, java_script_enabled=False)
    yield page
    context.close()
    assert not page_problems.items, "\n".join(page_problems.items)


@pytest.fixture(scope="session")
def axe_source():
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def check_a11y(axe_source):
    """Run axe-core on the page as it is now; fail on serious or critical violations.

    The script is evaluated from the driver, which the page's CSP does not block, so CSP stays on.
    """

    def check(page):
        # The page at rest: a button just tapped is still hovered and focused, part way through
        # Bootstrap's colour transition, which axe would measure mid-fade. Wait for every finite
        # transition and animation to end (however slow the machine), not for a time.
        page.mouse.move(0, 0)
        page.evaluate("document.activeElement && document.activeElement.blur()")
        page.evaluate(
            """() => new Promise(requestAnimationFrame).then(() => Promise.all(document.getAnimations()
                .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
                .map(a => a.finished.catch(() => null))))"""
        )
        page.evaluate(axe_source)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
        details = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in bad
        ]
        assert not bad, f"axe on {page.url}:\n" + "\n".join(details)

    return check


@pytest.fixture
def screenshot(size):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{size}.png"), full_page=True)

    return take


@pytest.fixture
def readme_screenshot():
    """Take one of the README's pictures (docs/NAME.png): into artifacts/screenshots/readme/ always,
    and into docs/ as well when UPDATE_SCREENSHOTS=1, to be committed."""
    (SCREENSHOTS / "readme").mkdir(parents=True, exist_ok=True)
    update = os.environ.get("UPDATE_SCREENSHOTS", "").lower() in {"1", "true", "yes"}

    def take(page, name, *, full_page):
        picture = page.screenshot(path=str(SCREENSHOTS / "readme" / f"{name}.png"), full_page=full_page)
        if update:
            (DOCS / f"{name}.png").write_bytes(picture)

    return take
