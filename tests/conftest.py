import pytest

from backcare.models import User

PASSWORD = "correct-horse-battery-staple"


def make_user(username, **extra):
    extra.setdefault("email", f"{username}@example.com")
    extra.setdefault("time_zone", "Europe/London")
    return User.objects.create_user(username=username, password=PASSWORD, **extra)


@pytest.fixture
def alice(db):
    return make_user("alice")


@pytest.fixture
def bob(db):
    return make_user("bob")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client
