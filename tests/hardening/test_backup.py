import sqlite3
import threading
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.processes import child_env, manage


def test_a_backup_restores_with_the_same_rows(tmp_path):
    db = tmp_path / "live.sqlite3"
    env = child_env(DEBUG="1", DATABASE_URL=f"sqlite:///{db}")
    manage("migrate", "-v0", env=env, check=True)
    manage("demo", "--days", "30", env=env, check=True)
    out = manage("backup", "--dir", str(tmp_path / "backups"), env=env, check=True).stdout
    backup = Path(out.strip().split("Backup written: ")[1])
    tables = ["backcare_user", "journal_entry", "journal_tick", "journal_planitem", "exercises_exercise"]

    def counts(path):
        with sqlite3.connect(path) as conn:
            return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # noqa: S608

    # Restore: copy the backup over the database file, as the README says, and read it through the app.
    restored = tmp_path / "restored.sqlite3"
    restored.write_bytes(backup.read_bytes())
    assert counts(restored) == counts(db)
    assert counts(restored)["journal_entry"] > 20
    env["DATABASE_URL"] = f"sqlite:///{restored}"
    check = manage(
        "shell", "-c", "from journal.models import Entry; print(Entry.objects.count())", env=env, check=True
    )
    assert int(check.stdout.strip().splitlines()[-1]) == counts(db)["journal_entry"]


def test_a_backup_taken_during_writes_is_consistent(tmp_path):
    """Another process keeps writing pairs of rows in transactions; the copy never holds half a pair."""
    db = tmp_path / "busy.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE pair (n INTEGER NOT NULL)")
    stop = threading.Event()

    def write():
        conn = sqlite3.connect(db, timeout=20)
        n = 0
        while not stop.is_set():
            with conn:
                conn.executemany("INSERT INTO pair (n) VALUES (?)", [(n,), (n,)])
            n += 1
        conn.close()

    writer = threading.Thread(target=write)
    writer.start()
    env = child_env(DEBUG="1", DATABASE_URL=f"sqlite:///{db}")
    try:
        copies = []
        for _ in range(3):
            out = manage("backup", "--dir", str(tmp_path / "backups"), env=env, check=True).stdout
            copies.append(Path(out.strip().split("Backup written: ")[1]))
    finally:
        stop.set()
        writer.join()
    for copy in copies:
        with sqlite3.connect(copy) as conn:
            count, pairs = conn.execute("SELECT count(*), count(DISTINCT n) FROM pair").fetchone()
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert count == 2 * pairs
    assert len(set(copies)) == 3 and pairs > 0


@pytest.mark.django_db
def test_backup_refuses_a_non_sqlite_database():
    if connection.vendor == "sqlite":
        pytest.skip("runs in the PostgreSQL pass of CI")
    with pytest.raises(CommandError, match="pg_dump"):
        call_command("backup")
