"""Per-user cache keys hold the user's random epoch (backcare/version_cache.py: owner), so a database
restored from a backup, whose new accounts repeat an earlier account's id and diary version, never
meets the earlier account's cached results; deleting an account deletes the keys it can name."""

import importlib

import pytest
from django.apps import apps
from django.core.cache import caches
from django.urls import reverse

from backcare import version_cache
from backcare.models import User
from exercises import catalog
from journal import cache_keys
from tests.conftest import PASSWORD, make_user, screen_clear

pytestmark = pytest.mark.django_db


def stored_version(user):
    return User.objects.values_list("diary_version", flat=True).get(pk=user.pk)


def rate_and_open_history(client):
    """A first PSFS round (score 3.0), then History: the summary and the insights are cached."""
    response = client.post(reverse("journal:psfs"), {"name_0": "Lifting my child", "new_rating_0": "3"})
    assert response.status_code == 302
    body = client.get(reverse("journal:history")).content.decode()
    assert "No activities rated yet" not in body
    return body


def test_each_user_row_draws_its_own_epoch(db):
    users = [make_user(f"user{n}") for n in range(5)]
    epochs = {u.cache_epoch for u in users}
    assert len(epochs) == 5 and all(e > 0 for e in epochs)
    assert {User.objects.get(pk=u.pk).cache_epoch for u in users} == epochs  # stored, and kept


def test_the_migration_gives_existing_rows_distinct_epochs(db):
    users = [make_user(f"user{n}") for n in range(4)]
    User.objects.update(cache_epoch=0)  # as the column is added: one value for every row
    migration = importlib.import_module("backcare.migrations.0005_user_cache_epoch")
    migration.draw_epochs(apps, None)
    epochs = set(User.objects.filter(pk__in=[u.pk for u in users]).values_list("cache_epoch", flat=True))
    assert len(epochs) == 4 and 0 not in epochs


def test_a_restored_database_never_shows_an_earlier_accounts_cached_score(client):
    alice = make_user("alice")
    screen_clear(alice)
    client.force_login(alice)
    assert "<td>3.0</td>" in rate_and_open_history(client)
    # The summary is kept under the PSFS version (backcare/version_cache.py: per_psfs_version).
    pk, version = alice.pk, User.objects.values_list("psfs_version", flat=True).get(pk=alice.pk)
    old_key = version_cache.version_key(cache_keys.PSFS_SUMMARY, alice, version)
    assert caches["default"].get(old_key) is not None

    # The backup is restored: alice's row is gone, the shared cache (Redis) still holds her keys.
    User.objects.filter(pk=pk).delete()
    carol = make_user("carol", pk=pk)
    screen_clear(carol)
    User.objects.filter(pk=pk).update(psfs_version=version)  # the same id, the same version
    carol.refresh_from_db()
    assert (carol.pk, carol.psfs_version) == (pk, version)
    assert version_cache.version_key(cache_keys.PSFS_SUMMARY, carol, version) != old_key
    library = catalog.catalog().version
    today = carol.local_today()
    assert cache_keys.insights_key(carol, today, library) != cache_keys.insights_key(alice, today, library)

    client.force_login(carol)
    body = client.get(reverse("journal:history")).content.decode()
    assert "No activities rated yet" in body
    assert "<td>3.0</td>" not in body


def test_the_deployment_prefix_is_in_every_alias(settings):
    prefix = settings.CACHE_KEY_PREFIX
    assert prefix and settings.SECRET_KEY not in prefix
    assert "pages" not in settings.CACHES  # no rendered page is kept (docs/architecture.md, "Caches")
    for alias in ("default", "local"):
        assert settings.CACHES[alias]["KEY_PREFIX"] == prefix
    assert caches["default"].make_key("psfs-summary:1.2:3").startswith(prefix + ":")


def test_deleting_the_account_deletes_its_cached_results(client):
    alice = make_user("alice")
    screen_clear(alice)
    client.force_login(alice)
    rate_and_open_history(client)
    alice = User.objects.get(pk=alice.pk)
    keys = cache_keys.known(
        alice,
        screen_version=alice.screen_version,
        psfs_version=alice.psfs_version,
        today=alice.local_today(),
        library_version=catalog.catalog().version,
    )
    found = {alias: [k for k in names if caches[alias].get(k) is not None] for alias, names in keys.items()}
    # History stored its insights and the PSFS summary, the journal pages the latest screen.
    assert len(found["default"]) == 3

    response = client.post(reverse("journal:delete_account"), {"password": PASSWORD})
    assert response.status_code == 302 and not User.objects.filter(pk=alice.pk).exists()
    for alias, names in found.items():
        assert all(caches[alias].get(k) is None for k in names), alias


def test_the_keys_deleted_cover_the_recent_versions_and_two_days(db):
    alice = make_user("alice")
    today = alice.local_today()
    keys = cache_keys.known(alice, screen_version=3, psfs_version=3, today=today, library_version=1)
    # Versions 0 to 3 (never below 0): the PSFS summary and the screen; the insights of today and
    # yesterday (one key a day, whatever the version).
    assert len(keys["default"]) == 2 + 4 + 4
    many = cache_keys.known(alice, screen_version=100, psfs_version=100, today=today, library_version=1)
    assert len(many["default"]) == 2 + cache_keys.RECENT_VERSIONS * 2
    assert all(version_cache.owner(alice) in k for k in many["default"])


def prefixes(**env):
    from tests.backcare.test_cache import in_child

    code = "from django.conf import settings\nprint(*(settings.CACHES[a]['KEY_PREFIX'] for a in settings.CACHES))"
    return set(in_child(code, production=False, **env).split())


def test_each_deployment_has_its_own_prefix_unless_it_names_one():
    first = prefixes(SECRET_KEY="one-deployment-key-0123456789abcdef0123456789abcdef")
    second = prefixes(SECRET_KEY="another-deployment-key-0123456789abcdef0123456789")
    assert len(first) == 1 and len(second) == 1 and first != second
    assert "one-deployment" not in next(iter(first))
    assert prefixes(CACHE_KEY_PREFIX="backcare-staging") == {"backcare-staging"}


def test_a_restored_database_never_shows_an_earlier_accounts_kept_screen(client):
    """The latest screen is kept under the screen version (journal/0017_screen_version_triggers): a
    new account with alice's id and screen version, but a held screen, never gets her clear one."""
    from journal.models import SafetyScreen

    alice = make_user("alice")
    screen_clear(alice)
    client.force_login(alice)
    assert 'data-testid="tick"' in client.get(reverse("journal:today")).content.decode()
    pk, version = alice.pk, User.objects.values_list("screen_version", flat=True).get(pk=alice.pk)
    old_key = version_cache.version_key(cache_keys.LATEST_SCREEN, alice, version)
    assert caches["default"].get(old_key) is not None

    User.objects.filter(pk=pk).delete()  # the backup restored; the shared cache keeps her keys
    carol = make_user("carol", pk=pk)
    screen_clear(carol)
    SafetyScreen.objects.filter(user=carol).update(outcome=SafetyScreen.Outcome.URGENT)
    User.objects.filter(pk=pk).update(screen_version=version)  # the same id, the same version
    carol.refresh_from_db()
    assert version_cache.version_key(cache_keys.LATEST_SCREEN, carol, version) != old_key

    client.force_login(carol)
    assert 'data-testid="tick"' not in client.get(reverse("journal:today")).content.decode()  # held
