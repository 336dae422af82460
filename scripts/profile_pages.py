"""Where a page's time goes: in-process, production settings, the bench's 5-year user.

    .venv/bin/python scripts/profile_pages.py [PATH ...] [--repeat N] [--profile]

Builds the same throwaway database as `make bench`, then calls Django's WSGI handler directly
(every middleware included, no server or network) and prints milliseconds per request (wall clock, and this process's CPU time, steadier on a busy machine) for
/healthz and each page; `--profile` adds cProfile's top functions per page. `--first` times each page
as a person first sees it after a write (a tick of Today's first exercise or its undo, untimed,
before each call, as the bench's "first load"; with `--write checkin`, a check-in of today's pain
instead, as the bench's journey posts it before its History 90, a different pain each time, so
History's insights are computed afresh), `--gzip` asks for a compressed answer as a browser
does, `--dump DIR` writes each page's last body into DIR (to see what a page weighs). Not run by any test.
"""

import argparse
import json
import sys

from serverkit import SESSION_CODE, django_python, environment, manage

DEFAULT_PAGES = [
    "/healthz",
    "/today/",
    "/history/?range=90",
    "/history/?range=all",
    "/history/report/",
    "/exercises/",
    "/settings/",
]

CODE = """
import cProfile, io, pstats, sys, time
from urllib.parse import urlencode
from django.core.handlers.wsgi import WSGIHandler
from backcare.models import User
from journal.models import Tick
from journal.services import tick_record, tick_remove

handler = WSGIHandler()
session = session_for(User.objects.get(username="bench"))


CSRF = "k" * 32  # a CSRF cookie as Django sets it; a POST's token is the same secret


def call(path, data=None):
    # A GET, or with `data` a POST as static/js/today.js sends a write (fetch, JSON answer).
    route, _, query = path.partition("?")
    body = b"" if data is None else urlencode({"csrfmiddlewaretoken": CSRF, **data}).encode()
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": route, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "443", "HTTP_HOST": "127.0.0.1", "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_COOKIE": "sessionid=" + session, "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr, "SCRIPT_NAME": "",
    }
    if data is not None:
        environ.update(
            REQUEST_METHOD="POST", CONTENT_TYPE="application/x-www-form-urlencoded", CONTENT_LENGTH=str(len(body)),
            HTTP_COOKIE=f"sessionid={session}; csrftoken={CSRF}", HTTP_REFERER="https://127.0.0.1/today/",
            HTTP_X_REQUESTED_WITH="fetch", HTTP_ACCEPT="application/json",
        )
    if GZIP:
        environ["HTTP_ACCEPT_ENCODING"] = "gzip"
    statuses = []
    body = b"".join(handler(environ, lambda status, headers: statuses.append(status)))
    assert statuses[0].startswith("200"), (path, statuses[0])
    return body


turn = [0]


def write():
    # As the bench's first loads: a tick of Today's first exercise, or its undo, in turn; or (WRITE
    # "checkin") today's check-in as the journey posts it, a different pain (0 to 10) each time.
    user = User.objects.get(username="bench")
    day = user.local_today()
    if WRITE == "checkin":
        turn[0] += 1
        call(f"/day/{day}/checkin/", {"pain": str(turn[0] % 11)})
        return
    exercise = user.plan_items.filter(active=True).order_by("pk").first().exercise
    if Tick.objects.filter(entry__user=user, entry__date=day, exercise=exercise).exists():
        tick_remove(user=user, day=day, exercise=exercise)
    else:
        tick_record(user=user, day=day, exercise=exercise)


for path in PATHS:
    for _ in range(20):
        call(path)
    ms = cpu_ms = 0.0
    for _ in range(REPEAT):
        if FIRST:
            write()
        start, cpu = time.perf_counter(), time.process_time()
        body = call(path)
        ms += (time.perf_counter() - start) * 1000 / REPEAT
        cpu_ms += (time.process_time() - cpu) * 1000 / REPEAT
    print(f"{path:24} {ms:7.2f} ms  {cpu_ms:7.2f} ms CPU  {len(body) / 1024:6.1f} kB", flush=True)
    if DUMP:
        name = path.strip("/").replace("/", "_").replace("?", "_").replace("=", "-") or "root"
        with open(f"{DUMP}/{name}.html", "wb") as out:
            out.write(body)
    if PROFILE:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(REPEAT):
            if FIRST:
                profiler.disable()
                write()
                profiler.enable()
            call(path)
        profiler.disable()
        profiler.dump_stats("/tmp/page.prof")
        pstats.Stats(profiler).sort_stats(SORT).print_stats(LINES)
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*", default=DEFAULT_PAGES)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--days", type=int, default=1825)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--first", action="store_true", help="a tick or its undo before each timed call")
    parser.add_argument(
        "--write", choices=["tick", "checkin"], default="tick", help="--first's write: a tick or a check-in"
    )
    parser.add_argument("--gzip", action="store_true", help="ask for gzip, as a browser and the bench do")
    parser.add_argument("--dump", default="", help="a folder to write each page's last body into")
    parser.add_argument("--sort", default="cumulative", help="a pstats sort key, e.g. tottime")
    parser.add_argument("--lines", type=int, default=45)
    args = parser.parse_args()
    with environment("profile") as (env, engine, _):
        manage(env, "demo", "--username", "bench", "--password", "bench-password-1", "--days", str(args.days))
        print(f"{engine}, {args.days} days, {args.repeat} requests each, in process:", flush=True)
        settings = (
            f"PATHS = {json.dumps(args.paths)}\nREPEAT = {args.repeat}\nPROFILE = {args.profile}\nFIRST = {args.first}\nGZIP = {args.gzip}\n"
            f"WRITE = {args.write!r}\n"
            f"SORT = {args.sort!r}\nLINES = {args.lines}\nDUMP = {args.dump!r}\n"
        )
        sys.stdout.write(django_python(env, SESSION_CODE + settings + CODE))


if __name__ == "__main__":
    main()
