"""make stress: concurrent writes through 4 production-mode gunicorn workers, then check the database.

(a) 500 tick / untick / check-in requests from 10 users at once; each user's requests go one after
    another, so the last request for each key decides the expected final state.
(b) 20 simultaneous identical ticks of one exercise by one user: exactly one row.
Fails on any 5xx, unexpected status or redirect, "database is locked", or a final state that differs.
Loopback only, bounded: 520 requests, a 120 s budget.
"""

import json
import random
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from serverkit import SESSION_CODE, django_python, environment, gunicorn, send

USERS = 10
REQUESTS = 500
TWINS = 20
BUDGET_S = 120
EXERCISES = ["belly-breathing-feet-up", "cat-cow-gentle", "rocking-all-fours", "daily-walk"]

SETUP = (
    SESSION_CODE
    + """
import json
from journal.models import SafetyScreen
from journal.services import plan_create_starter
out = []
for n in range(ACCOUNTS):
    u = User.objects.create_user(f"stress{n}", f"stress{n}@example.com", "stress-password-1")
    SafetyScreen.objects.create(user=u, taken_on=u.local_today(), answers={}, outcome="clear")
    plan_create_starter(user=u, today=u.local_today())
    out.append({"user": u.username, "session": session_for(u), "today": u.local_today().isoformat()})
print(json.dumps(out))
""".replace("ACCOUNTS", str(USERS + 1))
)

FINAL = """
import json
from journal.models import Entry, Tick
ticks = sorted([t.entry.user.username, t.exercise.slug] for t in Tick.objects.select_related("entry__user", "exercise"))
pains = {e.user.username: e.pain for e in Entry.objects.select_related("user")}
dones = {e.user.username: e.done for e in Entry.objects.select_related("user")}
print(json.dumps({"ticks": ticks, "pains": pains, "dones": dones}))
"""


def post(base, user, path, data):
    """The answer's status; a redirect counts as its status only if it goes back to Today."""
    body = "&".join(f"{k}={v}" for k, v in {"csrfmiddlewaretoken": user["csrf"], **data}.items()).encode()
    status, _, headers = send(
        base + path,
        cookie=f"sessionid={user['session']}; csrftoken={user['csrf']}",
        data=body,
        headers={
            "X-Requested-With": "fetch",
            "Referer": base.replace("http:", "https:") + "/today/",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    if 300 <= status < 400 and headers.get("Location") != "/today/":
        return f"{status} to {headers.get('Location')}"
    return status


def main():
    started = time.monotonic()
    with environment("stress") as (env, engine, workdir):
        users = json.loads(django_python(env, SETUP).strip().splitlines()[-1])
        log_path = workdir / "gunicorn.log"
        with gunicorn(env, 4, log_path) as base:
            for user in users:  # a CSRF cookie for each, as a browser would get from the page
                user["csrf"] = "stressstressstressstressstress12"
            rng = random.Random(2026)
            plans, expected_ticks, expected_pain = {}, set(), {}
            per_user = REQUESTS // USERS
            for user in users[:USERS]:
                steps = []
                for _ in range(per_user):
                    kind = rng.choice(["tick", "untick", "checkin"])
                    day = user["today"]
                    if kind == "checkin":
                        pain = rng.randint(0, 10)
                        # Sent as the page's script sends it (X-Requested-With: fetch), the check-in
                        # answers JSON since the offline queue replays it (docs/offline.md).
                        steps.append((f"/day/{day}/checkin/", {"pain": pain}, (200,)))
                        expected_pain[user["user"]] = pain
                    else:
                        slug = rng.choice(EXERCISES)
                        steps.append((f"/day/{day}/{kind}/{slug}/", {}, (200,)))
                        (expected_ticks.add if kind == "tick" else expected_ticks.discard)(
                            (user["user"], slug)
                        )
                plans[user["user"]] = steps

            results, lock = [], threading.Lock()

            def run(user):
                for path, data, ok in plans[user["user"]]:
                    status = post(base, user, path, data)
                    with lock:
                        results.append((path, status, ok))

            with ThreadPoolExecutor(USERS) as pool:
                list(pool.map(run, users[:USERS]))

            twin = users[USERS]
            barrier = threading.Barrier(TWINS)

            def twin_tick(_):
                barrier.wait()
                return post(base, twin, f"/day/{twin['today']}/tick/daily-walk/", {})

            with ThreadPoolExecutor(TWINS) as pool:
                twin_statuses = list(pool.map(twin_tick, range(TWINS)))
        duration = time.monotonic() - started
        final = json.loads(django_python(env, FINAL).strip().splitlines()[-1])
        server_log = log_path.read_text()

    errors = [(p, s) for p, s, ok in results if s not in ok] + [
        ("twin", s) for s in twin_statuses if s != 200
    ]
    five_xx = sum(1 for _, s in errors if isinstance(s, int) and s >= 500)
    locked = server_log.count("database is locked")
    got_ticks = {tuple(t) for t in final["ticks"] if t[0] != twin["user"]}
    twin_rows = [t for t in final["ticks"] if t[0] == twin["user"]]
    got_pain = {k: v for k, v in final["pains"].items() if k in expected_pain}
    problems = []
    if errors:
        problems.append(f"{len(errors)} unexpected answers, e.g. {errors[:3]}")
    if locked:
        problems.append(f'"database is locked" {locked} times in the server log')
    if got_ticks != expected_ticks:
        problems.append(
            f"ticks differ: missing {expected_ticks - got_ticks}, extra {got_ticks - expected_ticks}"
        )
    if got_pain != expected_pain:
        problems.append(f"pain differs: {got_pain} != {expected_pain}")
    if len(twin_rows) != 1:
        problems.append(f"{TWINS} identical ticks left {len(twin_rows)} rows")
    # The day's done-of-due (Entry.done, journal/0019): every exercise here is due on a new
    # account's first day, so each user's done is their ticks, however the writes interleaved.
    expected_done = {u: sum(1 for t in expected_ticks if t[0] == u) for u in final["dones"]}
    expected_done[twin["user"]] = 1
    if final["dones"] != expected_done:
        problems.append(f"days' done differs: {final['dones']} != {expected_done}")
    if duration > BUDGET_S:
        problems.append(f"took {duration:.0f} s, budget {BUDGET_S} s")
    print(f"\nBackCare stress — {engine}, gunicorn 4 workers")
    print(f"(a) {len(results)} requests from {USERS} users at once; (b) {TWINS} simultaneous identical ticks")
    print(f"requests: {len(results) + len(twin_statuses)}, errors: {len(errors)}, 5xx: {five_xx}, ", end="")
    print(f"'database is locked': {locked}, rows for (b): {len(twin_rows)}, duration: {duration:.1f} s")
    print("stress: PASS" if not problems else "stress: FAIL\n- " + "\n- ".join(problems))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
