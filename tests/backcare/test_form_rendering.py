"""Forms render through Django's own form templates (backcare/templates/forms/) with Bootstrap's
look: a refused field is marked, and its message is tied to the input for screen readers."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def field_input(body, field_id):
    return re.search(rf'<input[^>]*id="{field_id}"[^>]*>', body).group(0)


def test_a_refused_email_is_marked_and_its_message_is_tied_to_the_input(alice_client, alice):
    response = alice_client.post(
        reverse("settings"), {"email": "not-an-address", "time_zone": alice.time_zone, "country": ""}
    )
    body = response.content.decode()
    tag = field_input(body, "id_email")
    assert 'class="form-control is-invalid"' in tag
    assert 'aria-invalid="true"' in tag
    assert "id_email_error" in re.search(r'aria-describedby="([^"]*)"', tag).group(1)
    assert re.search(
        r'<ul class="errorlist" id="id_email_error">\s*<li>Enter a valid email address.</li>', body
    )
    alice.refresh_from_db()
    assert alice.email != "not-an-address"


def test_fields_have_their_labels_help_and_bootstrap_classes(client):
    body = client.get(reverse("signup")).content.decode()
    assert '<label class="form-label" for="id_username">Username</label>' in body
    assert 'class="form-control"' in field_input(body, "id_username")
    assert re.search(r'<select name="country"[^>]*class="form-select"', body)
    assert 'id="id_email_helptext">Used only to reset your password.' in body
    assert "is-invalid" not in body  # nothing refused before a try
