"""Where the journey's small requests spend their time: in-process, production settings.

    .venv/bin/python scripts/profile_writes.py [NAME ...] [--days N] [--repeat N] [--profile NAME ...]
        [--phase module:function ...]

scripts/profile_pages.py's companion for the writes (it only GETs). Builds the same throwaway
database as `make bench`, then calls Django's WSGI handler directly (every middleware included, no
server or network) and prints milliseconds per request (wall clock, and this process's CPU time,
steadier on a busy machine), and each one's ratio against the cookie /healthz timed in the same
run (healthz ms / request ms, as the bench judges them):

- `tick`: Done on Today's first exercise, as Today's script sends it (`X-Requested-With: fetch`,
  the CSRF cookie and its token); `untick`: its Undo, timed in turn;
- `feel`: "how did it feel" as the session page's "Felt fine" sends it (a new tick with its
  answers), its Undo untimed after it;
- `checkin`: the day's pain, as the offline queue replays it (JSON), a different number each time;
- `session`: `/today/session/` after a write (a tick or its undo, untimed), as the bench's journey
  opens it.

`--profile NAME` (repeatable) adds cProfile's top functions for that request (`--sort`, `--lines`)
and leaves /tmp/<NAME>.prof for pstats. `--phase module:function` (repeatable; `module:Class.method`
for a method or property, a middleware's too) prints that function's own CPU ms per timed request,
inclusive, without cProfile's inflation of small calls: where a request's time goes, plainly
(`--phase journal.services:tick_record --phase journal.views.today:_tick_response`). Not run by
any test.
"""

import argparse
import json
import sys

from serverkit import SESSION_CODE, django_python, environment, manage

NAMES = ["healthz", "tick", "untick", "feel", "checkin", "session"]

CODE = """
import cProfile, io, pstats, sys, time
from urllib.parse import urlencode
from django.core.handlers.wsgi import WSGIHandler
from backcare.models import User
from journal.models import Entry, Tick

timers = {}
active = [False]  # only the timed request itself is counted, not the untimed writes around it


def timed_phase(dotted):
    # Wrap `module:function` (or `module:Class.method`), everywhere it was imported by name, with a
    # CPU-time accumulator: its inclusive ms per request, without cProfile's inflation.
    import importlib
    module_name, _, rest = dotted.partition(":")
    owner = importlib.import_module(module_name)
    *path, name = rest.split(".")
    for part in path:
        owner = getattr(owner, part)
    original = vars(owner)[name] if path else getattr(owner, name)
    kind = type(original) if isinstance(original, (property, classmethod, staticmethod)) else None
    if kind is property:  # its getter is timed
        original = original.fget
    elif kind is not None:
        original = original.__func__
    timers[dotted] = [0.0, 0]

    def wrapper(*args, **kwargs):
        if not active[0]:
            return original(*args, **kwargs)
        start = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            timers[dotted][0] += time.process_time() - start
            timers[dotted][1] += 1

    setattr(owner, name, kind(wrapper) if kind else wrapper)
    if not path:
        for module in list(sys.modules.values()):
            if getattr(module, name, None) is original:
                setattr(module, name, wrapper)


for dotted in PHASES:
    timed_phase(dotted)


handler = WSGIHandler()  # after the phases are wrapped: it binds the middleware's methods
user = User.objects.get(username="bench")
session = session_for(user)
day = user.local_today()
# Today a normal day with nothing ticked yet (as the bench's journey users start it).
Entry.objects.filter(user=user, date=day).update(day_type=Entry.DayType.NORMAL)
Tick.objects.filter(entry__user=user, entry__date=day).delete()
CSRF = "k" * 32  # a CSRF cookie as Django sets it; the form's token is the same secret
COOKIE = f"sessionid={session}; csrftoken={CSRF}"


def call(method, path, data=None, fetch=False):
    route, _, query = path.partition("?")
    body = urlencode({"csrfmiddlewaretoken": CSRF, **(data or {})}).encode() if method == "POST" else b""
    environ = {
        "REQUEST_METHOD": method, "PATH_INFO": route, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "443", "HTTP_HOST": "127.0.0.1", "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_COOKIE": COOKIE, "HTTP_ACCEPT_ENCODING": "gzip", "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body), "wsgi.errors": sys.stderr, "SCRIPT_NAME": "",
    }
    if method == "POST":
        environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
        environ["CONTENT_LENGTH"] = str(len(body))
        environ["HTTP_REFERER"] = "https://127.0.0.1/today/"
    if fetch:  # as static/js/today.js and session.js send a write
        environ["HTTP_X_REQUESTED_WITH"] = "fetch"
        environ["HTTP_ACCEPT"] = "application/json"
    statuses = []
    answer = b"".join(handler(environ, lambda status, headers: statuses.append(status)))
    assert statuses[0].startswith("200"), (method, path, statuses[0], answer[:300])
    return answer


plan = user.plan_items.filter(active=True).order_by("pk").select_related("exercise")
slugs = [item.exercise.slug for item in plan if item.exercise.schedule != "times_a_day"]
first, second = slugs[0], slugs[1]
TICK, UNTICK = f"/day/{day}/tick/{first}/", f"/day/{day}/untick/{first}/"
FEEL, UNFEEL = f"/day/{day}/tick/{second}/", f"/day/{day}/untick/{second}/"
FELT = {"pain_during": "2", "effort": "right", "from": "session"}
turn = [0]


def untimed_write():
    turn[0] += 1
    call("POST", TICK if turn[0] % 2 else UNTICK, fetch=True)


# Each request: (before it, untimed; the request itself; after it, untimed).
REQUESTS = {
    "healthz": (untimed_write, lambda: call("GET", "/healthz"), None),
    "tick": (None, lambda: call("POST", TICK, fetch=True), lambda: call("POST", UNTICK, fetch=True)),
    "untick": (lambda: call("POST", TICK, fetch=True), lambda: call("POST", UNTICK, fetch=True), None),
    "feel": (None, lambda: call("POST", FEEL, FELT, fetch=True), lambda: call("POST", UNFEEL, fetch=True)),
    "checkin": (None, lambda: call("POST", f"/day/{day}/checkin/", {"pain": str(3 + turn[0] % 2)}, fetch=True), untimed_write),
    "session": (untimed_write, lambda: call("GET", "/today/session/"), None),
}
results = {}


def run(name, timed, profiler=None):
    before, request, after = REQUESTS[name]
    ms = cpu_ms = 0.0
    for _ in range(REPEAT):
        if before:
            before()
        if profiler:
            profiler.enable()
        start, cpu = time.perf_counter(), time.process_time()
        active[0] = True
        body = request()
        active[0] = False
        ms += (time.perf_counter() - start) * 1000 / REPEAT
        cpu_ms += (time.process_time() - cpu) * 1000 / REPEAT
        if profiler:
            profiler.disable()
        if after:
            after()
    return ms, cpu_ms, body


for name in NAMES:
    run(name, False)  # warm
for name in NAMES:
    for timer in timers.values():
        timer[:] = [0.0, 0]
    ms, cpu_ms, body = run(name, True)
    results[name] = cpu_ms
    ratio = results["healthz"] / cpu_ms
    print(f"{name:10} {ms:7.2f} ms  {cpu_ms:7.2f} ms CPU  {ratio:5.3f}x /healthz  {len(body) / 1024:6.1f} kB", flush=True)
    for dotted, (spent, calls) in timers.items():
        if calls:
            print(f"    {dotted:50} {spent * 1000 / REPEAT:6.2f} ms CPU a request  ({calls / REPEAT:.1f} calls)")
for name in PROFILE:
    profiler = cProfile.Profile()
    run(name, True, profiler)
    profiler.dump_stats(f"/tmp/{name}.prof")
    print(f"--- {name}")
    pstats.Stats(profiler).sort_stats(SORT).print_stats(LINES)
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="*", default=NAMES, help=f"any of {', '.join(NAMES)}")
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--days", type=int, default=1825)
    parser.add_argument("--profile", action="append", default=[], choices=NAMES)
    parser.add_argument(
        "--phase",
        action="append",
        default=[],
        help="module:function (or module:Class.method) whose CPU ms per request to print, e.g."
        " journal.services:tick_record (inclusive, the timed request only)",
    )
    parser.add_argument("--sort", default="cumulative", help="a pstats sort key, e.g. tottime")
    parser.add_argument("--lines", type=int, default=45)
    args = parser.parse_args()
    names = ["healthz", *(name for name in args.names if name != "healthz")]
    with environment("profile") as (env, engine, _):
        manage(env, "demo", "--username", "bench", "--password", "bench-password-1", "--days", str(args.days))
        print(f"{engine}, {args.days} days, {args.repeat} requests each, in process:", flush=True)
        settings = (
            f"NAMES = {json.dumps(names)}\nREPEAT = {args.repeat}\nPROFILE = {json.dumps(args.profile)}\n"
            f"PHASES = {json.dumps(args.phase)}\n"
            f"SORT = {args.sort!r}\nLINES = {args.lines}\n"
        )
        sys.stdout.write(django_python(env, SESSION_CODE + settings + CODE))


if __name__ == "__main__":
    main()
