"""The check-in's answers as a person sends them: with a pain number and valid answers they are
cleaned by the form's own fields (journal/views/today.py: cleaned_by_fields, no form built), and
anything else by the form, with its words; either way what is saved, or refused, is the same."""

import pytest
from django.urls import reverse

from journal.models import Entry

pytestmark = pytest.mark.django_db


def checkin_url(user):
    return reverse("journal:checkin", kwargs={"day": user.local_today().isoformat()})


def test_a_pain_number_with_a_note_and_the_leg_answer_is_saved_as_sent(alice_today, screened_alice):
    response = alice_today.post(
        checkin_url(screened_alice),
        {"pain": "4", "notes": "  stiff after the drive  ", "leg_symptoms": "no"},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert response.status_code == 200
    assert "Pain 4 saved" in response.json()["messages"][0]["text"]
    entry = Entry.objects.get(user=screened_alice)
    assert (entry.pain, entry.notes, entry.leg_symptoms) == (4, "stiff after the drive", False)


def test_a_pain_number_with_a_note_too_long_is_refused_in_the_forms_words(alice_today, screened_alice):
    response = alice_today.post(checkin_url(screened_alice), {"pain": "4", "notes": "x" * 2001})
    assert response.status_code == 200  # Today again, the form with its answers and why
    assert "Keep the note under 2000 characters." in response.content.decode()
    assert not Entry.objects.exists()


def test_a_leg_answer_alone_still_goes_through_the_forms_own_rule(alice_today, screened_alice):
    response = alice_today.post(
        checkin_url(screened_alice), {"leg_symptoms": "yes"}, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert response.status_code == 200
    assert Entry.objects.get(user=screened_alice).leg_symptoms is True
    nothing = alice_today.post(checkin_url(screened_alice), {"pain": ""}, HTTP_X_REQUESTED_WITH="fetch")
    assert nothing.status_code == 400
    assert "Choose a number from 0 to 10, or write a note." in nothing.json()["message"]


def test_the_days_first_check_in_stores_what_is_due_as_today_counts_it(alice_today, screened_alice):
    """A check-in that makes the day's entry stores its planned count from the plan and the two
    weeks of ticks (services.checkin_save), the count Today shows; a day with ticks before it
    (yesterday's every-other-day exercise) counts them."""
    from datetime import timedelta

    from journal import services
    from journal.selectors import planned_exercises

    yesterday = screened_alice.local_today() - timedelta(days=1)
    for exercise in planned_exercises(user=screened_alice, day_type=Entry.DayType.NORMAL):
        services.tick_record(user=screened_alice, day=yesterday, exercise=exercise)
    response = alice_today.post(checkin_url(screened_alice), {"pain": "2"}, HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 200
    entry = Entry.objects.get(user=screened_alice, date=screened_alice.local_today())
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert f"<span data-planned-count>{entry.planned}</span>" in body
    assert entry.pain == 2 and entry.done == 0
