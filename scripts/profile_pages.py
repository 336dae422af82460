"""Where a page's time goes: in-process, production settings, the bench's 5-year user.

    .venv/bin/python scripts/profile_pages.py [PATH ...] [--repeat N] [--profile]

Builds the same throwaway database as `make bench`, then calls Django's WSGI handler directly
(every middleware included, no server or network) and prints milliseconds per request (wall clock, and this process's CPU time, steadier on a busy machine) for
/healthz and each page; `--profile` adds cProfile's top functions per page. Not run by any test.
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
from django.core.handlers.wsgi import WSGIHandler
from backcare.models import User

handler = WSGIHandler()
session = session_for(User.objects.get(username="bench"))


def call(path):
    route, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": route, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "443", "HTTP_HOST": "127.0.0.1", "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_COOKIE": "sessionid=" + session, "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr, "SCRIPT_NAME": "",
    }
    statuses = []
    body = b"".join(handler(environ, lambda status, headers: statuses.append(status)))
    assert statuses[0].startswith("200"), (path, statuses[0])
    return body


for path in PATHS:
    for _ in range(20):
        call(path)
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(REPEAT):
        body = call(path)
    ms = (time.perf_counter() - start) * 1000 / REPEAT
    cpu_ms = (time.process_time() - cpu) * 1000 / REPEAT
    print(f"{path:24} {ms:7.2f} ms  {cpu_ms:7.2f} ms CPU  {len(body) / 1024:6.1f} kB", flush=True)
    if PROFILE:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(REPEAT):
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
    parser.add_argument("--sort", default="cumulative", help="a pstats sort key, e.g. tottime")
    parser.add_argument("--lines", type=int, default=45)
    args = parser.parse_args()
    with environment("profile") as (env, engine, _):
        manage(env, "demo", "--username", "bench", "--password", "bench-password-1", "--days", str(args.days))
        print(f"{engine}, {args.days} days, {args.repeat} requests each, in process:", flush=True)
        settings = (
            f"PATHS = {json.dumps(args.paths)}\nREPEAT = {args.repeat}\nPROFILE = {args.profile}\n"
            f"SORT = {args.sort!r}\nLINES = {args.lines}\n"
        )
        sys.stdout.write(django_python(env, SESSION_CODE + settings + CODE))


if __name__ == "__main__":
    main()
