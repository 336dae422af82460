"""`manage.py prune` (journal/services.py: old_rows_prune): client operations older than a week and
share-link openings older than 180 days are deleted, in batches; everything newer stays."""

import io
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command

from journal import client_ops, services, sharing
from journal.models import ClientOperation, Entry, ShareLink, ShareView
from tests.conftest import make_history, screen_clear

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def op_at(user, moment):
    with time_machine.travel(moment, tick=False):
        return ClientOperation.objects.create(user=user, op_id=uuid.uuid4(), kind="tick", day=moment.date())


def view_at(link, moment):
    with time_machine.travel(moment, tick=False):
        return ShareView.objects.create(link=link)


@pytest.fixture
def link(alice):
    with time_machine.travel(NOW - timedelta(days=200), tick=False):
        link, _ = services.share_link_create(
            user=alice,
            display_name="A",
            days=30,
            show_notes=False,
            show_safety=False,
            now=NOW - timedelta(days=200),
        )
    return link


def prune(*args):
    out = io.StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("prune", *args, stdout=out)
    return out.getvalue()


def test_old_rows_go_and_newer_ones_stay(alice, bob, link):
    keep = client_ops.KEEP_DAYS
    old_ops = [op_at(user, NOW - timedelta(days=keep, minutes=1)) for user in (alice, bob)]
    new_op = op_at(alice, NOW - timedelta(days=keep) + timedelta(minutes=1))
    old_view = view_at(link, NOW - timedelta(days=sharing.VIEWS_KEEP_DAYS, minutes=1))
    new_view = view_at(link, NOW - timedelta(days=sharing.VIEWS_KEEP_DAYS) + timedelta(minutes=1))

    assert prune() == "pruned: client_operations=2 share_views=1\n"
    assert list(ClientOperation.objects.all()) == [new_op]
    assert list(ShareView.objects.all()) == [new_view]
    assert not ClientOperation.objects.filter(pk__in=[o.pk for o in old_ops]).exists()
    assert not ShareView.objects.filter(pk=old_view.pk).exists()
    assert ShareLink.objects.filter(pk=link.pk).exists()  # the link itself stays in the owner's list


def test_a_second_run_finds_nothing(alice, link):
    op_at(alice, NOW - timedelta(days=30))
    prune()
    assert prune() == "pruned: client_operations=0 share_views=0\n"


def test_many_rows_go_in_batches(alice, link):
    for n in range(5):
        op_at(alice, NOW - timedelta(days=10, minutes=n))
    op_at(alice, NOW - timedelta(days=1))
    assert prune("--batch", "2") == "pruned: client_operations=5 share_views=0\n"
    assert ClientOperation.objects.count() == 1
    with time_machine.travel(NOW, tick=False):
        assert services.old_rows_prune(now=NOW, batch=2) == {"client_operations": 0, "share_views": 0}


def test_the_diary_is_untouched(alice):
    screen_clear(alice)
    make_history(alice, 20)
    entries = Entry.objects.count()
    op_at(alice, NOW - timedelta(days=400))
    prune()
    assert Entry.objects.count() == entries and not ClientOperation.objects.exists()


def test_quiet_with_verbosity_zero(alice):
    assert prune("-v", "0") == ""
