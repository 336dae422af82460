"""The phone half of `make bench`: /today/, the session and /history/ as a mid-range phone feels them.

Headless Chromium (Debian's), driven by Playwright, against the bench's production-mode gunicorn:
4× CPU slowdown (DevTools `Emulation.setCPUThrottlingRate`), a 150 ms round trip, 1.6 Mbit/s down
and 750 kbit/s up (`Network.emulateNetworkConditions`, applied by DevTools to each request), a
412 × 823 phone screen at 1.75× with touch.

Each page is loaded 5 times, each in a fresh browser context: an empty cache, so every load is a
first visit and pays for its CSS and JS too. From the browser's own performance entries:
Largest Contentful Paint (the last candidate by the end of the measurement), total blocking time
(the sum of duration − 50 ms over the long tasks from the start of the page, observed from before
it loads, through the load event and a 1 s settle) and cumulative layout shift (the largest
session window of shifts without recent input, as the Web Vitals define it). Medians are printed.

Tap to done: on one more (throttled) Today, 5 taps on 5 different rows. The page records the
click's event time and, through a MutationObserver, when the row's data-done turns "true"; also
the next frame after that, and when the server's row has replaced it (saved).

The aims are printed beside each figure and flagged when missed; they never fail the bench (they
are absolute times on an emulated phone, which the machine's own load moves).

Alone: `.venv/bin/python scripts/phone.py` builds its own database and server as the bench does.
"""

import os
import shutil
import statistics
import sys
from pathlib import Path

# How Chromium is found and launched, here and in the browser tests (tests/browser/conftest.py).
CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
}
CPU_SLOWDOWN = 4
NETWORK = {
    "offline": False,
    "latency": 150,  # ms, round trip
    "downloadThroughput": 1_600_000 / 8,  # bytes/s
    "uploadThroughput": 750_000 / 8,
}
PAGES = ["/today/", "/today/session/", "/history/"]
LOADS = int(os.environ.get("PHONE_LOADS", "5"))
TAPS = 5
SETTLE_MS = 1000
LCP_AIM_MS = {"/today/": 1500, "/today/session/": 1500}
CLS_AIM = 0.05
TAP_AIM_MS = 100

# Registered before the page's own scripts (an init script), so nothing is missed.
OBSERVE = """
window.__phone = {longtasks: [], shifts: [], lcp: null, lcpElement: ""};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) __phone.longtasks.push([e.startTime, e.duration]);
}).observe({type: "longtask", buffered: true});
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) __phone.shifts.push([e.startTime, e.value]);
}).observe({type: "layout-shift", buffered: true});
new PerformanceObserver((list) => {
  const entries = list.getEntries();
  const last = entries[entries.length - 1];
  __phone.lcp = last.startTime;
  const el = last.element;
  __phone.lcpElement = el ? el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : "") : "";
}).observe({type: "largest-contentful-paint", buffered: true});
"""

READ = """() => {
  const p = window.__phone;
  const tbt = p.longtasks.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0);
  // CLS: the largest session window (shifts less than 1 s apart, a window at most 5 s long).
  let cls = 0, win = 0, first = -1e9, prev = -1e9;
  for (const [t, v] of p.shifts) {
    if (t - prev < 1000 && t - first < 5000) { win += v; } else { win = v; first = t; }
    prev = t;
    cls = Math.max(cls, win);
  }
  const nav = performance.getEntriesByType("navigation")[0];
  return {lcp: p.lcp, lcpElement: p.lcpElement, tbt: tbt, longtasks: p.longtasks.length, cls: cls,
          load: nav ? nav.loadEventEnd : null, resources: performance.getEntriesByType("resource").length};
}"""

WATCH_TAP = """(slug) => {
  const plan = document.querySelector("[data-plan]");
  const selector = '[data-testid="plan-item"][data-exercise="' + slug + '"]';
  const tap = window.__tap = {tapped: null, shown: null, frame: null, saved: null};
  document.addEventListener("click", (e) => { if (tap.tapped === null) tap.tapped = e.timeStamp; },
                            {capture: true, once: true});
  const observer = new MutationObserver(() => {
    const row = plan.querySelector(selector);
    if (!row || row.getAttribute("data-done") !== "true") return;
    if (tap.shown === null) {
      tap.shown = performance.now();
      requestAnimationFrame(() => setTimeout(() => { tap.frame = performance.now(); }, 0));
    }
    if (!row.hasAttribute("data-pending")) { tap.saved = performance.now(); observer.disconnect(); }
  });
  observer.observe(plan, {subtree: true, childList: true, attributes: true,
                          attributeFilter: ["data-done", "data-pending"]});
}"""

RESET_TODAY = """
from backcare.models import User
from journal.models import Entry, Tick
user = User.objects.get(username={username!r})
today = user.local_today()
Entry.objects.filter(user=user, date=today).update(day_type=Entry.DayType.NORMAL)
print(Tick.objects.filter(entry__user=user, entry__date=today).delete()[0])
"""


def chromium_path():
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


def _phone_page(browser, base, session):
    context = browser.new_context(**PHONE, extra_http_headers={"X-Forwarded-Proto": "https"})
    context.add_cookies([{"name": "sessionid", "value": session, "url": base}])
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.add_init_script(OBSERVE)
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    return context, page


def _load(browser, base, session, path):
    context, page = _phone_page(browser, base, session)
    try:
        response = page.goto(base + path, wait_until="load")
        if response is None or response.status != 200 or not page.url.endswith(path):
            sys.exit(f"phone: {path} answered {response and response.status} at {page.url}")
        page.wait_for_timeout(SETTLE_MS)
        return page.evaluate(READ)
    finally:
        context.close()


def _taps(browser, base, session):
    context, page = _phone_page(browser, base, session)
    try:
        page.goto(base + "/today/", wait_until="load")
        page.wait_for_timeout(SETTLE_MS)
        slugs = page.locator("[data-testid=plan-item][data-done=false]").evaluate_all(
            "rows => rows.map(r => r.dataset.exercise)"
        )
        if len(slugs) < TAPS:
            sys.exit(f"phone: only {len(slugs)} rows to tick on Today, {TAPS} needed")
        results = []
        for slug in slugs[:TAPS]:
            row = f'[data-testid="plan-item"][data-exercise="{slug}"]'
            page.evaluate(WATCH_TAP, slug)
            page.locator(row + " [data-testid=tick]").tap()
            saved = page.locator(row + '[data-done="true"]:not([data-pending])')
            refused = page.locator("[data-not-saved]:visible, " + row + '[data-pending="failed"]')
            saved.or_(refused).first.wait_for()
            if not saved.count():
                said = page.locator("[data-not-saved]").inner_text()
                sys.exit(f"phone: the tick of {slug} was not saved: {said}")
            page.wait_for_timeout(300)
            tap = page.evaluate("() => window.__tap")
            if None in tap.values():
                sys.exit(f"phone: the tap on {slug} was not measured: {tap}")
            results.append(tap)
        return results
    finally:
        context.close()


def measure(base, session):
    """The phone figures, or None (with the reason printed) when Chromium is not installed."""
    path = chromium_path()
    if not path:
        print("\nPhone figures NOT MEASURED: Chromium not found (apt-get install chromium).")
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        try:
            loads = {page: [_load(browser, base, session, page) for _ in range(LOADS)] for page in PAGES}
            taps = _taps(browser, base, session)
        finally:
            browser.close()
    return {"loads": loads, "taps": taps}


def _median(values):
    return statistics.median(values)


def report(results):
    """(lines to print, aims missed): a Markdown table and a few notes."""
    if results is None:
        return [], []
    flags = []
    lines = [
        f"\nOn an emulated phone (headless Chromium, {CPU_SLOWDOWN}× CPU slowdown, 150 ms round trip, "
        "1.6 Mbit/s down, 750 kbit/s up, 412 × 823): "
        f"median of {LOADS} first visits, each in a fresh context (empty cache: the CSS and JS load too)",
        "",
        "| page | LCP ms | aim | TBT ms | long tasks | CLS | aim | load event ms | LCP element |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for page, runs in results["loads"].items():
        lcp = _median([r["lcp"] or 0 for r in runs])
        tbt = _median([r["tbt"] for r in runs])
        cls = _median([r["cls"] for r in runs])
        load = _median([r["load"] or 0 for r in runs])
        tasks = _median([r["longtasks"] for r in runs])
        element = statistics.mode([r["lcpElement"] for r in runs])
        lcp_aim = LCP_AIM_MS.get(page)
        lcp_flag = lcp_aim is not None and lcp > lcp_aim
        cls_flag = cls > CLS_AIM
        if lcp_flag:
            flags.append(f"{page}: LCP {lcp:.0f} ms, aim ≤ {lcp_aim} ms")
        if cls_flag:
            flags.append(f"{page}: CLS {cls:.3f}, aim ≤ {CLS_AIM}")
        lines.append(
            f"| {page} | {lcp:.0f}{' ⚑' if lcp_flag else ''} | {'≤ ' + str(lcp_aim) if lcp_aim else '–'} "
            f"| {tbt:.0f} | {tasks:g} | {cls:.3f}{' ⚑' if cls_flag else ''} | ≤ {CLS_AIM} | {load:.0f} | {element} |"
        )
    taps = results["taps"]
    shown = _median([t["shown"] - t["tapped"] for t in taps])
    frame = _median([t["frame"] - t["tapped"] for t in taps])
    saved = _median([t["saved"] - t["tapped"] for t in taps])
    tap_flag = shown > TAP_AIM_MS
    if tap_flag:
        flags.append(f"tap to done {shown:.0f} ms, aim ≤ {TAP_AIM_MS} ms")
    lines += [
        "",
        f"| Today, tap Done (median of {len(taps)} rows) | ms | aim |",
        "|---|---:|---:|",
        f"| tap → row shows done (data-done) | {shown:.0f}{' ⚑' if tap_flag else ''} | ≤ {TAP_AIM_MS} |",
        f"| tap → next frame after it | {frame:.0f} | – |",
        f"| tap → server's row in place (saved) | {saved:.0f} | – |",
        "",
        "Phone aims (flagged ⚑, never failing the bench): "
        + ("all met." if not flags else "missed:\n- " + "\n- ".join(flags)),
    ]
    return lines, flags


def reset_today(env, username):
    """Today back to a normal day with nothing ticked, so there are rows to tap."""
    from serverkit import django_python

    return django_python(env, RESET_TODAY.format(username=username)).strip()


def main():
    from serverkit import SESSION_CODE, django_python, environment, gunicorn, manage

    days = sys.argv[1] if len(sys.argv) > 1 else "1825"  # another number of days of history
    with environment("phone") as (env, _engine, workdir):
        manage(env, "demo", "--username", "bench", "--password", "bench-password-1", "--days", days)
        session = django_python(
            env, SESSION_CODE + "print(session_for(User.objects.get(username='bench')))"
        ).strip()
        reset_today(env, "bench")
        with gunicorn(env, 2, workdir / "gunicorn.log", browser=True) as base:
            results = measure(base, session)
    print("\n".join(report(results)[0]))


if __name__ == "__main__":
    main()
