"""Today fitted to a phone: the saved check-in folds to one line, a note may be saved without a pain
number (and stays a gap), and each row shows its name, dose, one cue, the small figure and its
cautions, with the tips folded."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils.html import escape

from exercises import catalog, dose
from journal.models import Entry
from tests.conftest import make_history

pytestmark = pytest.mark.django_db


def checkin_url(user, day=None):
    return reverse("journal:checkin", kwargs={"day": (day or user.local_today()).isoformat()})


def today_page(client):
    response = client.get(reverse("journal:today"))
    assert response.status_code == 200
    return response.content.decode()


def words(html):
    """The text of some HTML, its white space made single spaces."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def checkin_section(body):
    return body.split('<section class="card checkin')[1].split("</section>")[0]


def rows_of(body):
    """{slug: the row's HTML}."""
    parts = body.split('data-testid="plan-item"')[1:]
    return {re.search(r'data-exercise="([^"]+)"', part)[1]: part.split("</li>\n")[0] for part in parts}


# The check-in, folded once saved.


def test_before_the_check_in_the_form_is_open(alice_today):
    section = checkin_section(today_page(alice_today))
    assert "<details" not in section
    assert "How is your back?" in section
    assert 'data-testid="pain-form"' in section
    assert "Save check-in" in section


def test_a_saved_check_in_folds_to_one_line_that_opens_the_form(alice_today, screened_alice):
    alice_today.post(checkin_url(screened_alice), {"pain": "4"})
    section = checkin_section(today_page(alice_today))
    fold = section.split('<details class="checkin-fold" data-testid="checkin-fold">')[1]
    summary = fold.split("</summary>")[0]
    assert words(summary) == "Pain 4 today · change"
    # Folded (no `open`), and the whole form is inside, working without script.
    assert 'data-testid="pain-form"' in fold.split("</details>")[0]
    assert 'id="pain-4" value="4" autocomplete="off" checked' in fold
    assert "Update check-in" in fold
    # The section keeps its heading for screen readers.
    assert '<h2 class="visually-hidden" id="checkin-heading">How is your back?</h2>' in section


def test_a_past_days_fold_does_not_say_today(alice_today, screened_alice):
    yesterday = screened_alice.local_today() - timedelta(days=1)
    alice_today.post(checkin_url(screened_alice, yesterday), {"pain": "6"})
    body = alice_today.get(reverse("journal:day", kwargs={"day": yesterday.isoformat()})).content.decode()
    summary = body.split('data-testid="checkin-summary">')[1].split("</summary>")[0]
    assert words(summary) == "Pain 6 · change"


def test_a_refused_check_in_stays_open_with_its_message(alice_today, screened_alice):
    alice_today.post(checkin_url(screened_alice), {"pain": "4"})
    response = alice_today.post(checkin_url(screened_alice), {"pain": "12", "notes": "x"})
    section = checkin_section(response.content.decode())
    assert "<details" not in section
    assert "Pain is a whole number from 0 (no pain) to 10 (worst imaginable)." in section
    assert Entry.objects.get().pain == 4


def test_a_tick_alone_leaves_the_check_in_open(alice_today, screened_alice):
    alice_today.post(
        reverse(
            "journal:tick", kwargs={"day": screened_alice.local_today().isoformat(), "exercise": "daily-walk"}
        )
    )
    assert "<details" not in checkin_section(today_page(alice_today))


def test_leg_advice_stays_in_view_when_the_check_in_is_folded(alice_today, screened_alice):
    alice_today.post(checkin_url(screened_alice), {"pain": "3", "leg_symptoms": "yes"})
    body = today_page(alice_today)
    assert 'data-testid="checkin-fold"' in body
    after = body.split('data-testid="checkin-fold"')[1].split("</details>")[1]
    assert 'data-testid="leg-advice"' in after.split('id="plan-heading"')[0]


# A note without a pain number.


def test_a_note_is_saved_without_a_pain_number(alice_today, screened_alice):
    response = alice_today.post(
        checkin_url(screened_alice), {"pain": "", "notes": "Slept badly"}, follow=True
    )
    entry = Entry.objects.get(user=screened_alice)
    assert (entry.pain, entry.notes) == (None, "Slept badly")
    body = response.content.decode()
    assert "Check-in saved for" in body and "without a pain number" in body
    summary = body.split('data-testid="checkin-summary">')[1].split("</summary>")[0]
    assert words(summary) == "Note saved, no pain number · change"
    # No button is shown as chosen: nothing stands in for the missing number.
    assert " checked" not in body.split('data-testid="pain-form"')[1].split("</fieldset>")[0]


def test_the_pain_field_may_be_left_out_altogether(alice_today, screened_alice):
    alice_today.post(checkin_url(screened_alice), {"notes": "Walked to work"})
    entry = Entry.objects.get(user=screened_alice)
    assert (entry.pain, entry.notes) == (None, "Walked to work")


def test_the_leg_answer_alone_is_a_check_in(alice_today, screened_alice):
    alice_today.post(checkin_url(screened_alice), {"leg_symptoms": "no"})
    entry = Entry.objects.get(user=screened_alice)
    assert (entry.pain, entry.leg_symptoms) == (None, False)
    assert "Check-in saved, no pain number" in today_page(alice_today)


@pytest.mark.parametrize(
    "data", [{}, {"pain": ""}, {"pain": "", "notes": ""}, {"pain": "", "leg_symptoms": ""}]
)
def test_an_empty_check_in_is_refused_and_saves_nothing(alice_today, screened_alice, data):
    response = alice_today.post(checkin_url(screened_alice), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "not saved" in body
    assert escape("Choose a number from 0 to 10, or write a note.") in body
    assert not Entry.objects.exists()


def test_a_note_only_day_is_a_gap_in_the_chart_and_the_averages(alice_today, screened_alice):
    make_history(screened_alice, 10, pain=lambda n: 6)
    yesterday = screened_alice.local_today() - timedelta(days=1)
    alice_today.post(checkin_url(screened_alice, yesterday), {"pain": "6", "notes": ""})
    alice_today.post(checkin_url(screened_alice, yesterday), {"notes": "Long drive, no number"})
    assert Entry.objects.get(user=screened_alice, date=yesterday).pain is None

    body = alice_today.get(reverse("journal:history")).content.decode()
    data = json.loads(body.split('id="pain-data" type="application/json">')[1].split("</script>")[0])
    by_day = dict(zip(data["labels"], data["pain"], strict=True))
    averages = dict(zip(data["labels"], data["average"], strict=True))
    assert by_day[yesterday.isoformat()] is None
    assert by_day[(yesterday - timedelta(days=1)).isoformat()] == 6
    # A 0 in its place would pull the 7-day average below 6.
    assert averages[yesterday.isoformat()] == 6
    table = body.split('data-testid="pain-table"')[1].split("</table>")[0]
    assert f"<tr><td>{yesterday.isoformat()}</td><td>–</td><td>6.0</td></tr>" in table
    day_row = body.split(f'<span class="day-date">{yesterday:%a %-d %b %Y}</span>')[1].split("</li>")[0]
    assert '<span class="day-pain">no pain number</span>' in day_row


# The rows.


def test_each_row_shows_name_dose_cue_figure_and_cautions_with_tips_folded(alice_today):
    rows = rows_of(today_page(alice_today))
    assert len(rows) == 7
    library = catalog.catalog()
    by_slug = {exercise.slug: exercise for exercise in library.exercises.values()}
    for slug, row in rows.items():
        exercise = by_slug[slug]
        head = row.split('class="row-action"')[0]
        assert f'<h3 class="row-name"><a href="{exercise.url}">{escape(exercise.name)}</a></h3>' in head
        today_dose = dose.display(dose.at_step(exercise, 0), exercise)  # a new plan: step 0
        assert f'<p class="dose" data-testid="dose">{escape(today_dose)}</p>' in head
        assert f'<p class="cue">{escape(exercise.first_cue)}</p>' in head
        assert head.count('data-testid="figure"') == 1
        assert re.search(r'<div class="row-figure"><svg [^>]*data-testid="figure"', head)
        # Only the first cue on the row; the rest are on the exercise's page.
        for cue in exercise.cues_list[1:]:
            assert escape(cue) not in row
        outside_details = re.sub(r"<details.*?</details>", "", row, flags=re.S)
        for caution in exercise.cautions_list:
            assert f"<li>⚠ {escape(caution)}</li>" in outside_details
        if exercise.tips_list:
            tips = row.split('<details class="row-tips mt-1" data-testid="tips">')[1].split("</details>")[0]
            assert "<summary>How to do it well</summary>" in tips
            for tip in exercise.tips_list:
                assert f"<li>{escape(tip)}</li>" in tips
                assert escape(tip) not in outside_details
        else:
            assert "How to do it well" not in row


def test_every_row_keeps_its_hooks_and_no_js_forms(alice_today, screened_alice):
    day = screened_alice.local_today().isoformat()
    alice_today.post(reverse("journal:tick", kwargs={"day": day, "exercise": "daily-walk"}))
    rows = rows_of(today_page(alice_today))
    for slug, row in rows.items():
        action = "untick" if slug == "daily-walk" else "tick"
        button = "undo" if slug == "daily-walk" else "tick"
        # Sitting breaks count up through the day: its form adds one (journal/schedule.py).
        kind = "data-count-form" if slug == "standing-backbend" else "data-tick-form"
        assert f'<form method="post" action="/day/{day}/{action}/{slug}/" {kind}>' in row
        assert f'data-testid="{button}"' in row
    assert 'class="tick-detail' in rows["daily-walk"]
