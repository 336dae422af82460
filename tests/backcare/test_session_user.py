"""A signed-in request reads its session and its user in one query (backcare/sessions.py,
backcare/auth.py), and a session is as safe as with Django's own two reads: a changed password, an
inactive account, an expired or rotated session, a logout or another user's id in the row all end
in the login page."""

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from backcare.models import User, UserSession
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

PAGE = "password_change"  # a page behind the log-in, outside the journal: the session with its user


def signed_in(client):
    """Is the client's session signed in (the page answers rather than sending to the login page)?"""
    return client.get(reverse(PAGE)).status_code == 200


def test_a_signed_in_page_reads_the_session_with_its_user_in_one_query(
    alice_client, alice, library, django_assert_num_queries
):
    with django_assert_num_queries(1) as ctx:
        assert signed_in(alice_client)
    sql = ctx.captured_queries[0]["sql"]
    assert "backcare_session" in sql and "backcare_user" in sql and "JOIN" in sql


def test_a_password_changed_elsewhere_ends_the_session(alice_client, alice, library):
    assert signed_in(alice_client)
    alice.set_password("another-long-walk")
    alice.save()
    assert not signed_in(alice_client)
    assert SESSION_KEY not in alice_client.session  # flushed, as Django does


def test_the_password_change_page_keeps_its_own_session_and_ends_the_others(client, alice, library):
    other = Client()
    other.force_login(alice)
    client.force_login(alice)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-walk",
            "new_password2": "another-long-walk",
        },
    )
    assert response.status_code == 302
    assert signed_in(client)
    assert not signed_in(other)


def test_an_inactive_account_is_signed_out(alice_client, alice, library):
    User.objects.filter(pk=alice.pk).update(is_active=False)
    assert not signed_in(alice_client)


def test_an_expired_session_is_signed_out(alice_client, alice, library):
    UserSession.objects.filter(user_id=alice.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert not signed_in(alice_client)


def test_logout_and_login_end_the_old_session(client, alice, library):
    client.force_login(alice)
    old = client.cookies["sessionid"].value
    client.post(reverse("logout"))
    assert not signed_in(client)
    stale = Client()
    stale.cookies["sessionid"] = old
    assert not signed_in(stale)
    client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert signed_in(client) and client.cookies["sessionid"].value != old


def test_a_row_naming_another_user_is_not_trusted(
    alice_client, alice, bob, library, django_assert_num_queries
):
    """The row's user only stands in for the one the session's data names: a row whose column says
    someone else makes the user read as Django reads it (one more query), never the row's."""
    UserSession.objects.filter(user_id=alice.pk).update(user_id=bob.pk)
    with django_assert_num_queries(2):
        assert signed_in(alice_client)
    body = alice_client.get(reverse("settings")).content.decode()
    assert "alice@example.com" in body and "bob@example.com" not in body


def test_a_session_of_a_deleted_account_is_signed_out(client, library):
    carol = make_user("carol")
    client.force_login(carol)
    key = client.cookies["sessionid"].value
    User.objects.filter(pk=carol.pk).delete()
    assert UserSession.objects.filter(session_key=key).exists()  # nothing done to it on delete
    assert not signed_in(client)


# What backcare/auth.py and backcare/sessions.py follow step by step, as Django 5.2 writes it
# (a hash of each function's source). A Django upgrade that changes one fails here, with the
# file to read again beside the new code: the copy must take the upgrade's change too.
FOLLOWED = {
    ("django.contrib.auth", "get_user"): ("08a852f701f765bc", "backcare/auth.py: get_user"),
    ("django.contrib.sessions.backends.db", "SessionStore._get_session_from_db"): (
        "775c8d22becd60bd",
        "backcare/sessions.py: SessionStore._get_session_from_db",
    ),
    ("django.contrib.auth.middleware", "AuthenticationMiddleware.process_request"): (
        "6dd39b90ad6373e2",
        "backcare/auth.py: AuthenticationMiddleware",
    ),
}


@pytest.mark.parametrize(("where", "name"), list(FOLLOWED))
def test_the_django_code_our_session_user_follows_is_the_one_it_was_written_against(where, name):
    import hashlib
    import importlib
    import inspect
    from functools import reduce

    found = reduce(getattr, name.split("."), importlib.import_module(where))
    digest = hashlib.sha256(inspect.getsource(found).encode()).hexdigest()[:16]
    expected, ours = FOLLOWED[(where, name)]
    assert digest == expected, f"Django's {where}.{name} changed: read {ours} against it again"
