"""A tick's answer (fetch) is its row only, built by the same rules as Today's rows: the row in the
answer is the row a fresh load of the page shows (journal/views/today.py: _tick_response, the
"plan-row" partial of journal/today.html)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from journal.models import PlanItem
from tests.conftest import make_ready_for_level_up

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def normalised(html):
    return TOKEN.sub('name="csrfmiddlewaretoken" value=""', html)


def page_row(client, slug, day=None):
    url = reverse("journal:today") if day is None else reverse("journal:day", kwargs={"day": day})
    body = client.get(url).content.decode()
    # The row's own end: its card body's </div> then </li> (the exercise's notes hold lists too).
    found = re.search(rf'<li class="plan-row[^>]*data-exercise="{slug}".*?</div>\n</li>', body, re.S)
    assert found, slug
    return normalised(found.group(0))


def answer(client, user, slug, days_ago=0, name="journal:tick", **fields):
    day = (user.local_today() - timedelta(days=days_ago)).isoformat()
    response = client.post(
        reverse(name, kwargs={"day": day, "exercise": slug}), fields, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert response.status_code == 200, response.content
    found = response.json()
    assert set(found) == {
        "ok",
        "conflict",
        "message",
        "bases",
        "row",
        "done_count",
        "planned_count",
        "streak",
    }
    return found, day


def assert_same_row(client, user, slug, days_ago=0, **fields):
    found, day = answer(client, user, slug, days_ago, **fields)
    row = normalised(found["row"])
    assert row == page_row(client, slug, None if days_ago == 0 else day)
    return row, found


def test_a_daily_exercises_row_is_the_pages(alice_today, screened_alice):
    row, found = assert_same_row(alice_today, screened_alice, "supine-marching")
    assert 'data-done="true"' in row and found["done_count"] == 1


def test_a_times_a_day_row_is_the_pages(alice_today, screened_alice):
    row, _ = assert_same_row(alice_today, screened_alice, "standing-backbend", add="on")
    assert 'data-testid="schedule"' in row  # its own count, "1 of 5 ..."
    row, _ = assert_same_row(alice_today, screened_alice, "standing-backbend", add="on")
    assert "2 of 5" in row


def test_a_weekly_row_is_the_pages(alice_today, screened_alice):
    row, _ = assert_same_row(alice_today, screened_alice, "daily-walk")
    assert 'data-testid="schedule"' in row  # "1 of 4 ... this week"


def test_a_row_paused_by_severe_pain_is_the_pages(alice_today, screened_alice):
    PlanItem.objects.filter(user=screened_alice).update(
        since=screened_alice.local_today() - timedelta(days=10)
    )
    row, _ = assert_same_row(alice_today, screened_alice, "supine-marching", pain_during="8", effort="hard")
    assert 'data-testid="paused"' in row and "Stop this exercise for now." in row


def test_a_row_with_a_suggestion_is_the_pages(alice_today, screened_alice):
    make_ready_for_level_up(screened_alice)
    row, _ = assert_same_row(alice_today, screened_alice, "supine-marching")
    assert 'data-testid="suggestion"' in row


def test_a_row_whose_suggestion_was_put_off_is_the_pages(alice_today, screened_alice):
    item = make_ready_for_level_up(screened_alice)
    suggestion = re.search(
        r'data-testid="suggestion" data-kind="(\w+)"', page_row(alice_today, "supine-marching")
    )
    alice_today.post(reverse("journal:dismiss", kwargs={"pk": item.pk}), {"kind": suggestion.group(1)})
    row, _ = assert_same_row(alice_today, screened_alice, "supine-marching")
    assert f'data-kind="{suggestion.group(1)}"' not in row


def test_a_past_days_row_and_an_undo_are_the_pages(alice_today, screened_alice):
    row, _ = assert_same_row(alice_today, screened_alice, "cat-cow-gentle", days_ago=1)
    assert 'data-done="true"' in row
    found, day = answer(alice_today, screened_alice, "cat-cow-gentle", 1, name="journal:untick")
    assert normalised(found["row"]) == page_row(alice_today, "cat-cow-gentle", day)
    assert 'data-done="false"' in found["row"]


def test_the_counts_and_streak_are_the_pages(alice_today, screened_alice):
    found, _ = answer(alice_today, screened_alice, "supine-marching")
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert f"<span data-done-count>{found['done_count']}</span>" in body
    assert f"<span data-planned-count>{found['planned_count']}</span>" in body
    assert f"<span data-streak>{found['streak']}</span>" in body


@pytest.mark.parametrize(
    "posted",
    ["", "from=session", "client_op=5f0c3e1c-2b7a-4d52-9f0e-3c1a2b4d5e6f&base=t0", "csrfmiddlewaretoken=x"],
)
def test_a_done_without_answers_is_what_the_tick_form_cleans_an_empty_post_to(posted):
    from django.http import QueryDict

    from journal.forms import TickForm
    from journal.views.today import tick_answers

    form = TickForm(QueryDict(posted))
    assert form.is_valid()
    assert tick_answers(QueryDict(posted)) == (form.cleaned_data, None)


@pytest.mark.parametrize(
    "posted, error",
    [("pain_during=11", "Pain during is a whole number"), ("effort=lots", "Choose easy"), ("add=on", None)],
)
def test_a_post_with_any_of_the_forms_fields_goes_through_the_form(posted, error):
    from django.http import QueryDict

    from journal.views.today import tick_answers

    answers, errors = tick_answers(QueryDict(posted))
    if error is None:
        assert errors is None and answers["add"] is True
    else:
        assert answers is None and error in errors


@pytest.mark.parametrize("form_name", ["TickForm", "CheckinForm"])
def test_the_forms_cleaned_by_their_fields_have_no_step_that_would_skip(form_name):
    """`cleaned_by_fields` cleans as the form would only for a form with no `clean_<field>`, no
    disabled field and no prefix; TickForm has no clean() either (the check-in view stands in for
    CheckinForm's: a pain number is an answer)."""
    from django import forms

    from journal import forms as journal_forms

    form_class = getattr(journal_forms, form_name)
    assert form_class.prefix is None
    for name, field in form_class.base_fields.items():
        assert not field.disabled and not hasattr(form_class, f"clean_{name}"), name
    if form_name == "TickForm":
        assert form_class.clean is forms.Form.clean


@pytest.mark.parametrize(
    "form_name, posted",
    [
        ("TickForm", "pain_during=2&effort=right&from=session"),
        ("TickForm", "pain_during=0&partial=on&spread=no"),
        ("TickForm", "spread=yes&effort=hard&add=true"),
        ("TickForm", "pain_during=&effort="),
        ("CheckinForm", "pain=3"),
        ("CheckinForm", "pain=0&notes=++stiff+this+morning++&leg_symptoms=yes"),
        ("CheckinForm", "pain=10&leg_symptoms=no&client_op=x"),
    ],
)
def test_valid_answers_clean_by_the_fields_as_the_form_cleans_them(form_name, posted):
    from django.http import QueryDict

    from journal import forms as journal_forms
    from journal.views.today import cleaned_by_fields

    form = getattr(journal_forms, form_name)(QueryDict(posted))
    assert form.is_valid()
    assert cleaned_by_fields(type(form), QueryDict(posted)) == form.cleaned_data


@pytest.mark.parametrize(
    "form_name, posted",
    [
        ("TickForm", "pain_during=11"),
        ("TickForm", "effort=lots"),
        ("TickForm", "spread=maybe"),
        ("CheckinForm", "pain=-1"),
        ("CheckinForm", "pain=3&leg_symptoms=perhaps"),
        ("CheckinForm", f"pain=3&notes={'x' * 2001}"),
    ],
)
def test_an_answer_that_is_not_valid_leaves_it_to_the_form(form_name, posted):
    from django.http import QueryDict

    from journal import forms as journal_forms
    from journal.views.today import cleaned_by_fields

    assert not getattr(journal_forms, form_name)(QueryDict(posted)).is_valid()
    assert cleaned_by_fields(getattr(journal_forms, form_name), QueryDict(posted)) is None
