"""Every form is rendered by django-crispy-forms with its Bootstrap 5 templates (crispy-bootstrap5):
each field in crispy's wrapper, a refused field marked and its message tied to the input for screen
readers, the <form> tag, the CSRF field and the buttons written once by the page."""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from journal import safety
from journal.models import PsfsActivity
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def field_input(body, field_id):
    return re.search(rf'<input[^>]*id="{field_id}"[^>]*>', body).group(0)


def one_form(body, marker):
    """The <form> ... </form> that holds `marker`."""
    at = body.index(marker)
    return body[body.rindex("<form", 0, at) : body.index("</form>", at)]


def test_a_refused_email_is_marked_and_its_message_is_tied_to_the_input(alice_client, alice):
    response = alice_client.post(
        reverse("settings"), {"email": "not-an-address", "time_zone": alice.time_zone, "country": ""}
    )
    assert response.status_code == 200
    body = response.content.decode()
    tag = field_input(body, "id_email")
    assert "form-control is-invalid" in tag
    assert 'aria-invalid="true"' in tag
    assert "id_email_error" in re.search(r'aria-describedby="([^"]*)"', tag).group(1)
    assert re.search(
        r'<div id="id_email_error" class="invalid-feedback">\s*<span id="error_1_id_email">'
        r"<strong>Enter a valid email address.</strong></span>",
        body,
    )
    alice.refresh_from_db()
    assert alice.email != "not-an-address"


def test_sign_up_fields_have_crispys_wrappers_labels_help_and_bootstrap_classes(client):
    body = client.get(reverse("signup")).content.decode()
    assert '<div id="div_id_username" class="mb-3">' in body
    assert re.search(
        r'<label\s+for="id_username" class="form-label requiredField">\s*Username'
        r'<span class="asteriskField">\*</span>',
        body,
    )
    assert "form-control" in field_input(body, "id_username")
    assert re.search(r'<select name="country"[^>]*class="[^"]*form-select', body)
    assert '<div id="id_email_helptext" class="form-text">Used only to reset your password.</div>' in body
    assert 'data-browser-timezone=""' in body and 'type="hidden" name="time_zone"' in body
    assert "is-invalid" not in body  # nothing refused before a try
    form = one_form(body, 'id="div_id_username"')
    assert form.count("<form") == 1 and form.count('name="csrfmiddlewaretoken"') == 1


def test_a_wrong_log_in_shows_crispys_alert_for_the_forms_own_error(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    body = response.content.decode()
    # role="alert": a screen reader announces the refusal as the page shows (templates/bootstrap5/errors.html)
    assert '<div class="alert alert-block alert-danger" role="alert">' in body
    assert "Please enter a correct username and password" in body


def reset_confirm_url(client, alice):
    uid = urlsafe_base64_encode(force_bytes(alice.pk))
    response = client.get(
        reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(alice)])
    )
    return response.url  # Django moves the token into the session and shows a set-password URL


@pytest.mark.parametrize(
    "url_name, wrapper",
    [
        ("login", "div_id_username"),
        ("password_reset", "div_id_email"),
    ],
)
def test_the_public_forms_are_crispys(client, url_name, wrapper):
    body = client.get(reverse(url_name)).content.decode()
    assert f'id="{wrapper}"' in body
    assert one_form(body, wrapper).count('name="csrfmiddlewaretoken"') == 1


def test_the_reset_confirm_form_is_crispys(client, alice):
    body = client.get(reset_confirm_url(client, alice)).content.decode()
    assert 'id="div_id_new_password1"' in body and 'id="div_id_new_password2"' in body


def test_the_password_change_form_is_crispys(alice_client):
    body = alice_client.get(reverse("password_change")).content.decode()
    assert 'id="div_id_old_password"' in body
    assert 'autocomplete="current-password"' in field_input(body, "id_old_password")


def test_the_settings_page_renders_each_of_its_forms_with_crispy(alice_client):
    body = alice_client.get(reverse("settings")).content.decode()
    assert 'id="div_id_email"' in body and 'id="div_id_time_zone"' in body  # the account
    assert 'id="div_reminder-at"' in body and 'class="mb-3 form-check form-switch"' in body  # reminders
    assert re.search(r'<fieldset\s+data-testid="reminder-channels">\s*<legend>How</legend>', body)
    delete = one_form(body, 'id="div_delete-password"')
    assert 'autocomplete="current-password"' in field_input(delete, "delete-password")
    assert re.search(r'<label\s+for="delete-password" class="form-label requiredField">', delete)
    # One CSRF field per form, the page's own: crispy adds none of its own.
    assert body.count('name="csrfmiddlewaretoken"') == body.count('method="post"')


def test_a_refused_reminder_marks_the_time_and_ties_its_message(alice_client):
    response = alice_client.post(
        reverse("reminders:settings"), {"enabled": "on", "at": "25:00", "weekdays": ["0"], "email_on": "on"}
    )
    body = response.content.decode()
    tag = field_input(body, "reminder-at")
    assert "is-invalid" in tag and "reminder-at_error" in tag
    assert '<div id="reminder-at_error" class="invalid-feedback">' in body


def test_the_share_form_is_crispys(alice_today):
    body = alice_today.get(reverse("journal:share")).content.decode()
    form = one_form(body, 'data-testid="share-form"')
    assert 'id="div_id_display_name"' in form and 'id="div_id_days"' in form
    assert 'class="mb-3 form-check"' in form or 'class="form-check"' in form  # the two tick boxes


def test_the_clearance_form_is_crispys(alice_client):
    urgent = next(q for q in safety.QUESTIONS if q.level == safety.URGENT)
    data = {g.name: [q.key for q in g.questions if q is urgent] or ["none"] for g in safety.GROUPS}
    body = alice_client.post(reverse("journal:safety"), data, follow=True).content.decode()
    form = one_form(body, 'data-testid="clearance-form"')
    assert 'id="div_id_cleared_on"' in form and 'id="div_id_note"' in form
    assert 'type="date"' in field_input(form, "id_cleared_on")


def test_the_safety_screen_is_rendered_through_its_crispy_layout(alice_client):
    body = alice_client.get(reverse("journal:safety")).content.decode()
    form = one_form(body, 'data-testid="safety-form"')
    assert form.count('class="question-group"') == len(safety.GROUPS)
    assert form.count("data-none") == len(safety.GROUPS)
    assert form.count('name="csrfmiddlewaretoken"') == 1


def test_the_psfs_form_is_crispys_and_prints_an_activity_name_as_text(alice_today, screened_alice):
    body = alice_today.get(reverse("journal:psfs")).content.decode()
    assert 'id="div_id_name_0"' in body and 'id="div_id_new_rating_0"' in body
    assert body.count('data-testid="psfs-new"') == 5

    name = "{{ form }} {% now 'Y' %} <b>"
    alice_today.post(reverse("journal:psfs"), {"name_0": name, "new_rating_0": "3"})
    activity = PsfsActivity.objects.get(user=screened_alice)
    body = alice_today.get(reverse("journal:psfs")).content.decode()
    assert "{{ form }} {% now &#x27;Y&#x27; %} &lt;b&gt;" in body  # a legend is text, never a template
    assert f'id="div_id_rating_{activity.pk}"' in body and f'id="id_retire_{activity.pk}"' in body
    assert "Last time: 3 of 10" in body


def test_no_page_prints_djangos_plain_error_list(alice_client):
    response = alice_client.post(reverse("settings"), {"email": "", "time_zone": "Nowhere/At_All"})
    assert 'class="errorlist' not in response.content.decode()


def test_the_delete_form_still_deletes_with_the_right_password(alice_client, alice):
    response = alice_client.post(reverse("journal:delete_account"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not type(alice).objects.filter(pk=alice.pk).exists()
