"""Two identical sign-ups at once: one account, and the other request gets a form error, never a 500."""

import threading
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from backcare.forms import SignupForm
from backcare.models import User

DATA = {
    "username": "sam",
    "email": "sam@example.com",
    "password1": "a-long-enough-passphrase",
    "password2": "a-long-enough-passphrase",
    "country": "",
}


@pytest.mark.django_db
def test_a_name_taken_after_validation_is_a_form_error(client):
    """The other request's row lands between this one's validation and its save."""
    original = SignupForm.is_valid

    def valid_then_taken(form):
        valid = original(form)
        User.objects.create_user(username="sam", email="other@example.com", password="x" * 12)
        return valid

    with mock.patch.object(SignupForm, "is_valid", valid_then_taken):
        response = client.post(reverse("signup"), DATA)
    assert response.status_code == 200
    assert "A user with that username already exists." in response.content.decode()
    assert list(User.objects.values_list("email", flat=True)) == ["other@example.com"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass of CI")
def test_concurrent_identical_sign_ups_make_one_account():
    barrier = threading.Barrier(6)
    statuses = []

    def sign_up():
        barrier.wait()
        try:
            statuses.append(Client().post(reverse("signup"), DATA).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] * 5 + [302]
    assert User.objects.filter(username="sam").count() == 1
