"""make bench: requests/s of every main page against /healthz on the same gunicorn, same run.

A user with 5 years of history (manage.py demo), gunicorn with 2 workers in production mode,
wrk with 8 connections for a few seconds a page. Then, on the same server, Today, the session and
History as an emulated mid-range phone feels them (scripts/phone.py): printed with their aims,
flagged when missed, never failing the bench. Nothing here runs in `make test`.
"""

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from urllib.parse import urljoin

import phone
from serverkit import SESSION_CODE, django_python, environment, fetch, gunicorn, manage, send

DAYS = 1825
DURATION = "4s"
SHARED = "/shared/"  # stands for the bench user's share link, made in the bench's setup
SHARED_LINK_CODE = """
from django.urls import reverse
from django.utils import timezone
from journal.services import share_link_create
user = User.objects.get(username='bench')
_, token = share_link_create(
    user=user, display_name='Bench user', days=30, show_notes=True, show_safety=True, now=timezone.now()
)
print(reverse('shared_report', kwargs={'share_token': token}))
"""
PAGES = [
    ("/today/", 'data-testid="plan-item"', 0.30),
    ("/today/session/", 'data-testid="session"', 0.30),
    ("/history/?range=90", 'data-testid="pain-chart"', 0.25),
    ("/history/?range=all", 'data-testid="pain-chart"', 0.10),
    ("/history/report/", 'data-testid="report"', 0.10),
    ("/exercises/", 'data-testid="progression"', 0.25),
    ("/settings/", 'data-testid="delete-account"', 0.30),
    # The report a share link opens, asked for without the session cookie, as a clinician would: its
    # path is filled in once the bench user's link is made (SHARED_LINK_CODE).
    (SHARED, 'data-testid="report"', 0.10),
]
P99_LIMIT_MS = 100
TODAY_WEIGHT_LIMIT_KB = 150


def wrk(url, cookie=None):
    headers = ["-H", "X-Forwarded-Proto: https"] + (["-H", f"Cookie: {cookie}"] if cookie else [])
    output = subprocess.run(
        ["wrk", "-t1", "-c8", f"-d{DURATION}", "--latency", *headers, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx or 3xx responses" in output or "Socket errors" in output:
        sys.exit(f"wrk saw non-2xx answers or socket errors from {url}:\n{output}")

    def latency(label):
        value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)\b", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), latency("50%"), latency("99%")


def first_visit_weight(base, path, cookie):
    status, html = fetch(base + path, cookie=cookie)
    assert status == 200, (path, status)
    assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) + re.findall(
        r'<script src="([^"]+)"', html
    )
    total = len(gzip.compress(html.encode(), 6))
    for asset in assets:
        status, body = fetch(urljoin(base + path, asset))
        assert status == 200, (asset, status)
        total += len(gzip.compress(body.encode(), 6))
    return total / 1024, assets


def main():
    parser = argparse.ArgumentParser(description="make bench; the options make a quicker partial run")
    parser.add_argument("--only", nargs="+", metavar="PATH", help="these pages of the table only")
    parser.add_argument("--no-phone", action="store_true", help="skip the emulated phone")
    args = parser.parse_args()
    pages = [page for page in PAGES if not args.only or page[0] in args.only]
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    with environment("bench") as (env, engine, workdir):
        manage(env, "demo", "--username", "bench", "--password", "bench-password-1", "--days", str(DAYS))
        session = django_python(
            env, SESSION_CODE + "print(session_for(User.objects.get(username='bench')))"
        ).strip()
        cookie = f"sessionid={session}"
        shared_path = django_python(env, SESSION_CODE + SHARED_LINK_CODE).strip().splitlines()[-1]
        pages = [(shared_path if path == SHARED else path, hook, target) for path, hook, target in pages]
        anonymous = {shared_path}  # asked for without the session cookie
        queries = json.loads(
            django_python(
                env,
                "import json\nfrom django.db import connection\nfrom django.test import Client\n"
                "from django.test.utils import CaptureQueriesContext\nfrom backcare.models import User\n"
                "c = Client(HTTP_X_FORWARDED_PROTO='https', SERVER_NAME='127.0.0.1')\nc.force_login(User.objects.get(username='bench'))\n"
                "a = Client(HTTP_X_FORWARDED_PROTO='https', SERVER_NAME='127.0.0.1')\n"
                f"anonymous = {sorted(anonymous)!r}\n"
                f"out = {{}}\nfor path in {[p for p, _, _ in pages]!r}:\n"
                "    client = a if path in anonymous else c\n"
                "    client.get(path)\n    with CaptureQueriesContext(connection) as ctx:\n        client.get(path)\n"
                "    out[path] = len(ctx.captured_queries)\nprint(json.dumps(out))",
            )
            .strip()
            .splitlines()[-1]
        )
        with gunicorn(env, 2, workdir / "gunicorn.log", browser=True) as base:
            status, body = fetch(base + "/healthz")
            assert status == 200 and body == "ok", (status, body)
            rows, misses, notes = [], [], []
            # A browser sends back the CSRF cookie the first page set; without it every request
            # would make and set a new one, which no real visit after the first does.
            headers = send(base + "/settings/", cookie=cookie)[2]
            token = re.search(r"csrftoken=([^;]+)", "; ".join(headers.get_all("Set-Cookie") or []))
            cookie += f"; csrftoken={token.group(1)}" if token else ""
            health_rps = [wrk(base + "/healthz", cookie)[0]]
            for path, hook, target in pages:
                page_cookie = None if path in anonymous else cookie
                status, body = fetch(base + path, cookie=page_cookie)
                if status != 200 or hook not in body:
                    sys.exit(f"{path}: status {status}, hook {hook} {'found' if hook in body else 'missing'}")
                rps, p50, p99 = wrk(base + path, page_cookie)
                health_rps.append(wrk(base + "/healthz", cookie)[0])
                baseline = (health_rps[-2] + health_rps[-1]) / 2
                ratio = rps / baseline
                rows.append((path, rps, p50, p99, queries[path], ratio, baseline))
                if target is not None and ratio < target:
                    misses.append(f"{path}: {ratio:.2f}× /healthz, target {target}×")
                if p99 > P99_LIMIT_MS:  # an absolute time: printed, not judged
                    notes.append(f"{path}: p99 {p99:.0f} ms (above {P99_LIMIT_MS} ms)")
            weights = {
                path: first_visit_weight(base, path, cookie)
                for path in ("/today/", "/today/session/", "/history/")
            }
            # For the record: the ratios' /healthz carries the session cookie like every page, so it
            # reads the session and the user (the time-zone middleware asks who is logged in); a
            # load balancer's probe sends no cookie and costs no query.
            bare_rps = wrk(base + "/healthz")[0]
            # The phone last: its taps tick today's exercises, after a reset to a normal day.
            if args.no_phone:
                phone_lines = ["(phone skipped: --no-phone)"]
            else:
                phone.reset_today(env, "bench")
                phone_lines, _ = phone.report(phone.measure(base, session))

    load = " / ".join(f"{n:.2f}" for n in os.getloadavg())
    print(
        f"\nBackCare bench — {engine}, gunicorn 2 workers, wrk -t1 -c8 -d{DURATION}, {DAYS} days of history"
    )
    print(
        f"({os.cpu_count()} CPUs; load average at the end {load}: other work on the machine skews the figures)\n"
    )
    print(
        "| page | req/s | p50 ms | p99 ms | SQL queries | ratio to /healthz | /healthz req/s (mean around it) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for path, rps, p50, p99, count, ratio, baseline in rows:
        path = "/shared/<token>/ (no cookie)" if path in anonymous else path
        print(f"| {path} | {rps:.0f} | {p50:.1f} | {p99:.1f} | {count} | {ratio:.2f}× | {baseline:.0f} |")
    print(
        f"\n/healthz with the session cookie (the ratios' base): {sum(health_rps) / len(health_rps):.0f} req/s "
        f"on average; without a cookie (no query): {bare_rps:.0f} req/s."
    )
    print("\nFirst visit, gzip-compressed (HTML + the CSS and JS it links):")
    for path, (kb, assets) in weights.items():
        print(f"- {path}: {kb:.1f} kB ({len(assets)} files besides the HTML)")
    if any("chart" in asset.lower() for asset in weights["/today/"][1]):
        misses.append("/today/ loads Chart.js, which it does not use")
    if weights["/today/"][0] > TODAY_WEIGHT_LIMIT_KB:
        misses.append(f"/today/ weighs {weights['/today/'][0]:.0f} kB, target {TODAY_WEIGHT_LIMIT_KB} kB")
    if notes:
        print("\nFor the record, not judged: " + "; ".join(notes))
    print("\n".join(phone_lines))
    print("\nTargets: " + ("all met." if not misses else "NOT met:\n- " + "\n- ".join(misses)))
    sys.exit(1 if misses else 0)


if __name__ == "__main__":
    main()
