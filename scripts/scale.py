"""Does a page stay as cheap with 10,000 users x 1 year on PostgreSQL as with its user alone?

    .venv/bin/python scripts/scale.py [--users 10000] [--days 365] [--repeat 30] [--explain FILE]

Makes a throwaway PostgreSQL cluster under /tmp on a free port (as .ci/run does; `nice -n 10`, as
is the load), or uses the server DATABASE_URL names. Two databases: the big one (`manage.py
populate --users N --days D`) and a single-user one holding only the chosen user, drawn alike
(`populate --first K --users 1`). The chosen user is the big database's first one with a whole
year logged. For each page (Today, History 90 and all, the report, settings, the exercise list,
a tick) it records, in process through Django's test client with production settings: the query
count, and the CPU time per request, the app's (this process) plus the database's (its backend
process, read from /proc): the database's share is where a missing index would show. It prints a
table, the query plans' verdict (EXPLAIN of every page read on the big database: any sequential
scan of a user-owned table, the slowest read) and the judged line:

    scale: today=1.04 history90=... tick=... queries=equal build_s=...

each figure the big database's time over the single one's (target 1.5 or less), `queries=equal`
when every page runs the same queries in both. Not run by `make test`.
"""

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from serverkit import ROOT, free_port, manage

PAGES = [  # name, path ("tick": the first of Today's tick forms, POSTed as Today's script does)
    ("today", "/today/"),
    ("history90", "/history/?range=90"),
    ("history_all", "/history/?range=all"),
    ("report", "/history/report/"),
    ("settings", "/settings/"),
    ("exercises", "/exercises/"),
    ("tick", "tick"),
]
TARGET = 1.5
USER_TABLES = ("journal_", "backcare_user", "learn_lessonread", "reminders_")

MEASURE = r"""
import json, os, re, statistics, sys, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from backcare.models import User

PAGES, REPEAT, USERNAME, EXPLAIN = json.loads(sys.argv[1])
TICK = re.compile(r'action="(/day/\d{4}-\d{2}-\d{2}/tick/[\w-]+/)"')
HZ = os.sysconf("SC_CLK_TCK")
user = User.objects.get(username=USERNAME)
client = Client(HTTP_X_FORWARDED_PROTO="https")
client.force_login(user)
with connection.cursor() as cursor:
    cursor.execute("SELECT pg_backend_pid()")
    backend = cursor.fetchone()[0]


def db_cpu():
    fields = open(f"/proc/{backend}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / HZ


# Today a normal day with nothing ticked yet, in both databases (as the bench does for its users).
from journal.models import Entry, Tick

Entry.objects.filter(user=user, date=user.local_today()).update(day_type=Entry.DayType.NORMAL)
Tick.objects.filter(entry__user=user, entry__date=user.local_today()).delete()
today = client.get("/today/")
assert today.status_code == 200, today.status_code
tick_url = TICK.search(today.content.decode()).group(1)
untick_url = tick_url.replace("/tick/", "/untick/")
FETCH = {"HTTP_X_REQUESTED_WITH": "fetch", "HTTP_ACCEPT": "application/json"}


def request(path):
    if path == "tick":
        answer = client.post(tick_url, **FETCH)
        client.post(untick_url, **FETCH)  # nothing left ticked; not timed
        return answer
    return client.get(path)


def timed(path):
    if path != "tick":
        return request(path)
    start_app, start_db = time.process_time(), db_cpu()
    answer = client.post(tick_url, **FETCH)
    app, db = time.process_time() - start_app, db_cpu() - start_db
    client.post(untick_url, **FETCH)
    return answer, app, db


result = {}
for name, path in PAGES:
    for _ in range(5):
        assert request(path).status_code == 200, (path, request(path).status_code)
    with CaptureQueriesContext(connection) as captured:
        request(path)
    sqls = [q["sql"] for q in captured.captured_queries]
    if path == "tick":
        sqls = sqls[: len(sqls) // 2]  # the tick's own, not the untick's
        app = db = 0.0
        for _ in range(REPEAT):
            _answer, a, d = timed(path)
            app, db = app + a, db + d
    else:
        start_app, start_db = time.process_time(), db_cpu()
        for _ in range(REPEAT):
            request(path)
        app, db = time.process_time() - start_app, db_cpu() - start_db
    plans = []
    if EXPLAIN:
        with connection.cursor() as cursor:
            for sql in sqls:
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plans.append([sql, "\n".join(row[0] for row in cursor.fetchall())])
    result[name] = {
        "queries": len(sqls),
        "sql_shapes": [re.sub(r"\d+", "N", re.sub(r"'[^']*'", "S", s)) for s in sqls],
        "app_ms": app * 1000 / REPEAT,
        "db_ms": db * 1000 / REPEAT,
        "plans": plans,
    }
print("RESULT " + json.dumps(result))
"""


def run(cmd, env=None, **kwargs):
    return subprocess.run(cmd, env=env, check=True, capture_output=True, text=True, **kwargs)


@contextlib.contextmanager
def cluster():
    """A throwaway PostgreSQL server: (admin URL). The server DATABASE_URL names, if it is one."""
    given = os.environ.get("DATABASE_URL", "")
    if given.startswith("postgres"):
        yield given
        return
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not bins:
        sys.exit("scale: no PostgreSQL found under /usr/lib/postgresql (apt-get install postgresql)")
    pgbin = bins[-1]
    data, sock = Path(tempfile.mkdtemp(prefix="scale-pg-")), Path(tempfile.mkdtemp(prefix="scale-sock-"))
    as_postgres = []
    if os.geteuid() == 0:  # initdb refuses root: the cluster belongs to postgres
        shutil.chown(data, "postgres", "postgres")
        shutil.chown(sock, "postgres", "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    settings = (
        f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
        "-c full_page_writes=off -c max_wal_size=4GB -c shared_buffers=256MB -c maintenance_work_mem=256MB"
    )
    run(
        [
            *as_postgres,
            f"{pgbin}/initdb",
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--no-sync",
        ]
    )
    run(["nice", "-n", "10", *as_postgres, f"{pgbin}/pg_ctl", "-D", str(data), "-l", str(data / "server.log"),
         "-w", "-o", settings, "start"])  # fmt: skip
    try:
        yield f"postgres://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_postgres, f"{pgbin}/pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop"],
                       capture_output=True, check=False)  # fmt: skip
        shutil.rmtree(data, ignore_errors=True)
        shutil.rmtree(sock, ignore_errors=True)


def database(admin_url, name):
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def environment(url, static):
    return {
        "STATIC_ROOT": str(static),
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": "scale-" + "x" * 50,
        "ALLOWED_HOSTS": "testserver,127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "backcare.settings",
        "PYTHONPATH": str(ROOT),
        "CONN_MAX_AGE": "0",
    }


def populate(env, *args):
    started = time.perf_counter()
    output = subprocess.run(
        ["nice", "-n", "10", sys.executable, "manage.py", "populate", *args],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if output.returncode:
        sys.exit(f"populate failed:\n{output.stdout}\n{output.stderr}")
    return time.perf_counter() - started, output.stdout.strip()


def measure(env, username, repeat, explain):
    script = "import django\ndjango.setup()\n" + MEASURE
    output = subprocess.run(
        [sys.executable, "-c", script, json.dumps([PAGES, repeat, username, explain])],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if output.returncode:
        sys.exit(f"measuring failed:\n{output.stdout[-3000:]}\n{output.stderr[-3000:]}")
    line = next(line for line in output.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def chosen_user(env, days):
    """The first user (by number) with an entry on the diary's first and last days."""
    code = f"""
import django
django.setup()
from datetime import timedelta
from backcare.models import User
for user in User.objects.filter(username__startswith="scale").order_by("username")[:200]:
    days = list(user.entries.order_by("date").values_list("date", flat=True))
    if days and days[-1] == user.local_today() and len(days) > {days} * 0.85:
        print(user.username)
        break
"""
    output = run([sys.executable, "-c", code], env=env, cwd=ROOT).stdout.split()
    if not output:
        sys.exit("scale: no user with a whole diary among the first 200")
    return output[0]


def seq_scans(plans):
    """The user-owned tables a plan reads whole ("Seq Scan on journal_entry ...")."""
    found = set()
    for _sql, plan in plans:
        for line in plan.splitlines():
            if "Seq Scan on " in line:
                table = line.split("Seq Scan on ", 1)[1].split()[0]
                if table.startswith(USER_TABLES):
                    found.add(table)
    return sorted(found)


def slowest(plans):
    best = (0.0, "")
    for sql, plan in plans:
        for line in plan.splitlines():
            if line.strip().startswith("Execution Time:"):
                ms = float(line.split(":")[1].split()[0])
                best = max(best, (ms, sql[:90]))
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=10000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--explain", default=str(Path(tempfile.gettempdir()) / "scale-explain.txt"),
                        help="where the big database's query plans are written")  # fmt: skip
    args = parser.parse_args()
    with cluster() as admin_url, tempfile.TemporaryDirectory(prefix="scale-static-") as static:
        big = environment(database(admin_url, f"scale_big_{os.getpid()}"), static)
        single = environment(database(admin_url, f"scale_one_{os.getpid()}"), static)
        for env in (big, single):
            manage(env, "migrate", "--noinput", "-v0")
        manage(big, "collectstatic", "--noinput", "-v0")
        build_s, built = populate(big, "--users", str(args.users), "--days", str(args.days))
        print(f"Built in {build_s:.0f} s (wall, populate's start-up included): {built}", flush=True)
        username = chosen_user(big, args.days)
        number = int(username.removeprefix("scale"))
        populate(single, "--users", "1", "--first", str(number), "--days", str(args.days))
        print(f"The chosen user: {username}, alone in the single-user database too.\n", flush=True)
        measured = {
            "big": measure(big, username, args.repeat, explain=True),
            "single": measure(single, username, args.repeat, explain=False),
        }
    report(args, measured, build_s)


def report(args, measured, build_s):
    big, single = measured["big"], measured["single"]
    print(f"{args.users} users x {args.days} days against the user alone; CPU ms per request "
          f"(app + database), {args.repeat} requests each, in process\n")  # fmt: skip
    print("| page | queries (alone / big) | alone: app + db ms | big: app + db ms | ratio big/alone |")
    print("|---|---:|---:|---:|---:|")
    ratios, equal, notes = {}, True, []
    for name, path in PAGES:
        one, many = single[name], big[name]
        one_ms, many_ms = one["app_ms"] + one["db_ms"], many["app_ms"] + many["db_ms"]
        ratios[name] = many_ms / one_ms if one_ms else float("nan")
        same = one["sql_shapes"] == many["sql_shapes"]
        equal = equal and same
        print(f"| {path} | {one['queries']} / {many['queries']}{'' if same else ' (differ)'} "
              f"| {one['app_ms']:.1f} + {one['db_ms']:.1f} | {many['app_ms']:.1f} + {many['db_ms']:.1f} "
              f"| {ratios[name]:.2f} |")  # fmt: skip
        scans = seq_scans(many["plans"])
        ms, sql = slowest(many["plans"])
        if scans:
            notes.append(f"- {name}: sequential scan of {', '.join(scans)}")
        notes.append(f"- {name}: slowest read {ms:.2f} ms: {sql}")
    with open(args.explain, "w") as out:
        for name, _path in PAGES:
            for sql, plan in big[name]["plans"]:
                out.write(f"== {name}\n{sql}\n{plan}\n\n")
    print(f"\nQuery plans on the big database (all in {args.explain}):")
    print("\n".join(notes))
    missed = [name for name, ratio in ratios.items() if not ratio <= TARGET]
    print(
        f"\nTarget: every page within {TARGET}x its single-user time, same queries: "
        + ("met." if not missed and equal else f"NOT met ({', '.join(missed) or 'queries differ'}).")
    )
    print("scale: " + " ".join(f"{name}={ratio:.2f}" for name, ratio in ratios.items())
          + f" queries={'equal' if equal else 'differ'} build_s={build_s:.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
