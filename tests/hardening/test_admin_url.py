"""The admin lives at the path the deployment chooses; without one it is off in production."""

import pytest
from django.urls import reverse

from tests.processes import production_env, run

PROBE = """
import django
django.setup()
from django.urls import Resolver404, resolve
for label, path in (("admin", "/admin/"), ("chosen", "/staff-3f9k2/")):
    try:
        print(label, resolve(path).app_name or "page")
    except Resolver404:
        print(label, "none")
"""


def probe(tmp_path, **env):
    result = run(
        "-c",
        PROBE,
        env=production_env(
            ALLOWED_HOSTS="testserver", DATABASE_URL=f"sqlite:///{tmp_path / 'a.sqlite3'}", **env
        ),
    )
    return result


def test_without_admin_url_production_has_no_admin(tmp_path):
    result = probe(tmp_path)
    assert "admin none" in result.stdout and "chosen none" in result.stdout, result.stderr[-2000:]


def test_the_admin_is_at_the_chosen_path_only(tmp_path):
    result = probe(tmp_path, ADMIN_URL="staff-3f9k2")
    assert "admin none" in result.stdout, result.stderr[-2000:]
    assert "chosen admin" in result.stdout


def test_a_guessable_admin_url_refuses_to_start(tmp_path):
    result = probe(tmp_path, ADMIN_URL="admin/")
    assert result.returncode != 0
    assert "ADMIN_URL 'admin' is guessable" in result.stderr


@pytest.mark.django_db
def test_the_test_settings_put_it_at_their_own_path(client):
    assert reverse("admin:index") == "/staff-tests/"
    assert client.get("/admin/").status_code == 404


@pytest.mark.django_db
def test_the_loader_command_writes_library_edits_back(capsys):
    from django.core.management import call_command

    from exercises.models import Exercise

    Exercise.objects.filter(slug="heel-taps").update(name="Changed in the database")
    call_command("load_library")
    assert Exercise.objects.get(slug="heel-taps").name != "Changed in the database"
    assert "Library loaded:" in capsys.readouterr().out
