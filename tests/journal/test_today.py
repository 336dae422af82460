from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from journal.models import Entry, PlanItem, Tick
from tests.conftest import make_history, make_user, queries_by_history_length, screen_clear

pytestmark = pytest.mark.django_db

STARTER_SLUGS = {
    "belly-breathing-feet-up",
    "cat-cow-gentle",
    "rocking-all-fours",
    "supine-marching",
    "lying-face-down",
    "standing-backbend",
    "daily-walk",
}


def today_of(user):
    return user.local_today().isoformat()


def tick_url(user, slug, day=None):
    return reverse("journal:tick", kwargs={"day": day or today_of(user), "exercise": slug})


def test_a_new_users_today_lists_the_seven_starters(alice_today):
    response = alice_today.get(reverse("journal:today"))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('data-testid="plan-item"') == 7
    for slug in STARTER_SLUGS:
        assert f'data-exercise="{slug}"' in body
    assert 'data-testid="pain-form"' in body
    assert "0 of 7 done" in body.replace("<span data-done-count>", "").replace("</span>", "").replace(
        "<span data-planned-count>", ""
    )


def test_today_requires_login(client):
    response = client.get(reverse("journal:today"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_tick_persists_and_shows_as_done(alice_today, screened_alice):
    response = alice_today.post(tick_url(screened_alice, "cat-cow-gentle"))
    assert response.status_code == 302
    assert Tick.objects.filter(entry__user=screened_alice, exercise__slug="cat-cow-gentle").count() == 1
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert 'data-exercise="cat-cow-gentle" data-done="true"' in body
    assert 'data-testid="undo"' in body


def test_undo_removes_the_tick(alice_today, screened_alice):
    alice_today.post(tick_url(screened_alice, "cat-cow-gentle"))
    url = reverse("journal:untick", kwargs={"day": today_of(screened_alice), "exercise": "cat-cow-gentle"})
    alice_today.post(url)
    assert not Tick.objects.filter(entry__user=screened_alice).exists()
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert 'data-exercise="cat-cow-gentle" data-done="false"' in body


def test_double_submitting_done_creates_one_tick(alice_today, screened_alice):
    for _ in range(3):
        alice_today.post(tick_url(screened_alice, "daily-walk"))
    assert Tick.objects.filter(entry__user=screened_alice).count() == 1


def test_a_tick_by_fetch_returns_the_row_progress_and_streak(alice_today, screened_alice):
    response = alice_today.post(tick_url(screened_alice, "daily-walk"), HTTP_X_REQUESTED_WITH="fetch")
    data = response.json()
    assert data["ok"] is True
    assert data["done_count"] == 1 and data["planned_count"] == 7
    assert data["streak"] == 1
    assert 'data-done="true"' in data["row"]
    # The row's "how did it feel" form is whole, as on a reloaded page: every pain and effort, as
    # the session's big buttons (radios), and the one-tap "Felt fine".
    for name, value in [
        *(("pain_during", n) for n in range(11)),
        *(("effort", e) for e in ("easy", "right", "hard")),
    ]:
        assert f'name="{name}" value="{value}" id="{name}-daily-walk-{value}">' in data["row"]
    assert 'data-testid="felt-fine"' in data["row"] and 'data-testid="tell-more"' in data["row"]


def test_a_failed_tick_by_fetch_says_not_saved(alice_today, screened_alice):
    response = alice_today.post(tick_url(screened_alice, "dead-bug"), HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 400
    assert response.json()["message"].startswith("Not saved")


def test_a_tick_with_detail(alice_today, screened_alice):
    alice_today.post(tick_url(screened_alice, "daily-walk"), {"pain_during": "3", "effort": "easy"})
    tick = Tick.objects.get()
    assert (tick.pain_during, tick.effort) == (3, "easy")


@pytest.mark.parametrize(
    "bad", [{"pain_during": "11"}, {"pain_during": "-1"}, {"pain_during": "abc"}, {"effort": "max"}]
)
def test_bad_tick_detail_is_refused_and_saves_nothing(alice_today, screened_alice, bad):
    response = alice_today.post(tick_url(screened_alice, "daily-walk"), bad, follow=True)
    assert response.status_code == 200
    assert "Not saved" in response.content.decode()
    assert not Tick.objects.exists()


def test_a_tick_for_an_exercise_not_planned_is_refused(alice_today, screened_alice):
    response = alice_today.post(tick_url(screened_alice, "dead-bug"), follow=True)
    assert "isn&#x27;t in the plan" in response.content.decode()
    assert not Tick.objects.exists()


def test_a_tick_for_an_unknown_exercise_is_refused(alice_today, screened_alice):
    response = alice_today.post(tick_url(screened_alice, "no-such-thing"), follow=True)
    assert response.status_code == 200
    assert not Tick.objects.exists()


def test_writes_reject_get(alice_today, screened_alice):
    assert alice_today.get(tick_url(screened_alice, "daily-walk")).status_code == 405
    url = reverse("journal:checkin", kwargs={"day": today_of(screened_alice)})
    assert alice_today.get(url).status_code == 405
    assert not Entry.objects.exists()


def test_checkin_saves_and_edits_one_entry_per_day(alice_today, screened_alice):
    url = reverse("journal:checkin", kwargs={"day": today_of(screened_alice)})
    alice_today.post(url, {"pain": "6", "notes": "stiff"})
    alice_today.post(url, {"pain": "4", "notes": "better after lunch"})
    entry = Entry.objects.get(user=screened_alice)
    assert (entry.pain, entry.notes) == (4, "better after lunch")


@pytest.mark.parametrize("pain", ["11", "-1", "abc", "4.5"])
def test_bad_pain_gets_a_message_and_changes_nothing(alice_today, screened_alice, pain):
    url = reverse("journal:checkin", kwargs={"day": today_of(screened_alice)})
    alice_today.post(url, {"pain": "5"})
    response = alice_today.post(url, {"pain": pain, "notes": "x"})
    assert response.status_code == 200
    assert "not saved" in response.content.decode()
    assert Entry.objects.get().pain == 5


def test_html_in_notes_is_escaped(alice_today, screened_alice):
    url = reverse("journal:checkin", kwargs={"day": today_of(screened_alice)})
    alice_today.post(url, {"pain": "3", "notes": "<script>alert(1)</script>"})
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_a_100kb_note_is_refused(alice_today, screened_alice):
    url = reverse("journal:checkin", kwargs={"day": today_of(screened_alice)})
    response = alice_today.post(url, {"pain": "3", "notes": "x" * 100_000})
    assert response.status_code == 200
    assert "under 2000 characters" in response.content.decode()
    assert not Entry.objects.exists()


def test_leg_symptoms_yes_shows_advice_and_marks_the_day(alice_today, screened_alice):
    url = reverse("journal:checkin", kwargs={"day": today_of(screened_alice)})
    response = alice_today.post(url, {"pain": "3", "leg_symptoms": "yes"}, follow=True)
    assert "worth having checked: please see a doctor or physiotherapist" in response.content.decode()
    assert Entry.objects.get().leg_symptoms is True


def test_a_tick_before_the_checkin_leaves_pain_empty(alice_today, screened_alice):
    alice_today.post(tick_url(screened_alice, "daily-walk"))
    entry = Entry.objects.get()
    assert entry.pain is None
    assert entry.planned == 7


def test_a_past_day_can_be_filled_in(alice_today, screened_alice):
    yesterday = (screened_alice.local_today() - timedelta(days=1)).isoformat()
    alice_today.post(reverse("journal:checkin", kwargs={"day": yesterday}), {"pain": "5"})
    alice_today.post(tick_url(screened_alice, "daily-walk", day=yesterday))
    response = alice_today.get(reverse("journal:day", kwargs={"day": yesterday}))
    assert response.status_code == 200
    assert 'data-exercise="daily-walk" data-done="true"' in response.content.decode()
    assert Entry.objects.get().date.isoformat() == yesterday


@pytest.mark.parametrize("day", ["2999-01-01", "2026-13-01", "yesterday", "2026-02-30"])
def test_future_and_malformed_dates_are_refused_with_a_message(alice_today, screened_alice, day):
    response = alice_today.get(reverse("journal:day", kwargs={"day": day}), follow=True)
    assert response.redirect_chain[-1][0] == reverse("journal:today")
    body = response.content.decode()
    assert "hasn&#x27;t happened yet" in body or "not a date we understand" in body
    response = alice_today.post(reverse("journal:checkin", kwargs={"day": day}), {"pain": "3"})
    assert response.status_code == 302
    assert not Entry.objects.exists()


@time_machine.travel(datetime(2026, 3, 2, 5, 30, tzinfo=UTC), tick=False)
def test_the_users_time_zone_decides_the_date(client):
    user = make_user("kai", time_zone="Pacific/Honolulu")
    screen_clear(user)
    client.force_login(user)
    assert user.local_today() == date(2026, 3, 1)
    client.post(reverse("journal:checkin", kwargs={"day": "2026-03-01"}), {"pain": "4"})
    body = client.get(reverse("journal:today")).content.decode()
    assert "Sunday 1 March" in body
    assert Entry.objects.get().date == date(2026, 3, 1)
    # 2 March has not begun in Honolulu yet.
    response = client.post(reverse("journal:checkin", kwargs={"day": "2026-03-02"}), {"pain": "4"})
    assert response.status_code == 302
    assert Entry.objects.count() == 1


def test_a_rough_day_swaps_the_plan_for_the_gentle_set(alice_today, screened_alice):
    url = reverse("journal:day_type", kwargs={"day": today_of(screened_alice)})
    alice_today.post(url, {"day_type": "rough"})
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert body.count('data-testid="plan-item"') == 3
    for slug in ("belly-breathing-feet-up", "lying-face-down", "supine-marching"):
        assert f'data-exercise="{slug}"' in body
    assert Entry.objects.get().planned == 3
    # The gentle set can be ticked; the rest of the plan cannot, that day.
    alice_today.post(tick_url(screened_alice, "lying-face-down"))
    alice_today.post(tick_url(screened_alice, "daily-walk"))
    assert list(Tick.objects.values_list("exercise__slug", flat=True)) == ["lying-face-down"]


def test_a_rough_day_keeps_the_streak(alice_today, screened_alice):
    today = screened_alice.local_today()
    make_history(screened_alice, 3)
    alice_today.post(reverse("journal:day_type", kwargs={"day": today.isoformat()}), {"day_type": "rough"})
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert "streak <span data-streak>4</span>" in body


def test_a_rest_day_plans_nothing_and_keeps_the_streak(alice_today, screened_alice):
    today = screened_alice.local_today()
    make_history(screened_alice, 2)
    alice_today.post(reverse("journal:day_type", kwargs={"day": today.isoformat()}), {"day_type": "rest"})
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert 'data-testid="plan-item"' not in body
    assert "streak <span data-streak>3</span>" in body
    assert Entry.objects.get(date=today).planned == 0


def test_a_bad_day_type_changes_nothing(alice_today, screened_alice):
    url = reverse("journal:day_type", kwargs={"day": today_of(screened_alice)})
    response = alice_today.post(url, {"day_type": "holiday"}, follow=True)
    assert "Choose a normal, rest or rough day" in response.content.decode()
    assert not Entry.objects.exists()


def test_a_stranger_cannot_touch_another_users_plan_item(client, screened_alice, bob):
    screen_clear(bob)
    client.force_login(bob)
    item = PlanItem.objects.filter(user=screened_alice).first()
    for name in ("journal:accept", "journal:dismiss"):
        response = client.post(reverse(name, kwargs={"pk": item.pk}), {"kind": "up"})
        assert response.status_code == 404
    item.refresh_from_db()
    assert item.exercise.level == 1


@pytest.mark.parametrize("years", [0, 5], ids=["one-day", "five-years"])
def test_today_costs_four_queries_and_one_more_for_a_longer_streak(
    alice_today, screened_alice, library, django_assert_num_queries, years
):
    # Pain 3: under the average of 4 that makes the "time to see a clinician" note read the diary's
    # first week (that read is counted in tests/journal/test_see_clinician.py).
    make_history(screened_alice, max(1, 365 * years), pain=lambda n: 3)
    # the session with its user (one join), safety screen, recent days with their ticks and the
    # active plan (one query), lessons read (today's lesson line); streak days only for a streak
    # longer than the six weeks read (five years here)
    with django_assert_num_queries(5 if years else 4):
        response = alice_today.get(reverse("journal:today"))
    assert response.status_code == 200


@pytest.mark.parametrize("days", [1, 5, 41, 42, 43, 100, 400])
def test_the_streak_is_right_on_both_sides_of_the_six_weeks_read(alice_today, screened_alice, days):
    make_history(screened_alice, days)
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert f"streak <span data-streak>{days}</span>" in body
    Tick.objects.create(
        entry=Entry.objects.create(user=screened_alice, date=screened_alice.local_today(), planned=3),
        exercise=PlanItem.objects.filter(user=screened_alice).first().exercise,
    )
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert f"streak <span data-streak>{days + 1}</span>" in body


def test_a_gap_ends_the_streak_however_long_the_history_before_it(alice_today, screened_alice):
    entries = make_history(screened_alice, 400)
    Tick.objects.filter(entry=entries[-10]).delete()  # ten days ago: no tick, not rest or rough
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert "streak <span data-streak>9</span>" in body


def test_only_a_streak_longer_than_six_weeks_costs_a_query_and_one_whatever_its_length(client, library):
    counts = {
        days: n
        for (days, _), n in queries_by_history_length(client, (5, 60, 1825), ["journal:today"]).items()
    }
    assert counts[60] == counts[1825] == counts[5] + 1


def test_saved_answers_show_as_chosen(alice_today, screened_alice):
    day = today_of(screened_alice)
    alice_today.post(reverse("journal:checkin", kwargs={"day": day}), {"pain": "4", "leg_symptoms": "no"})
    alice_today.post(tick_url(screened_alice, "daily-walk"), {"pain_during": "3", "effort": "right"})
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert 'name="pain_during" value="3" id="pain_during-daily-walk-3" checked>' in body
    assert 'name="effort" value="right" id="effort-daily-walk-right" checked>' in body
    assert 'id="pain-4" value="4" autocomplete="off" checked' in body
    assert body.count(" checked>") == 4  # pain 4 and "no"; pain during 3 and "about right"


def test_a_library_edit_shows_on_today_at_once(alice_today, screened_alice):
    """The rows' library text is rendered once per library version: an edit makes a new one."""
    from exercises.models import Exercise

    assert "Cat and camel" not in alice_today.get(reverse("journal:today")).content.decode()
    exercise = Exercise.objects.get(slug="cat-cow-gentle")
    exercise.name = "Cat and camel"
    exercise.cautions = "Stop if it pinches."
    exercise.save()
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert '<a href="/exercises/cat-cow-gentle/">Cat and camel</a>' in body
    assert "<li>⚠ Stop if it pinches.</li>" in body


def test_a_refused_pain_checks_no_button_and_says_why(alice_today, screened_alice):
    day = today_of(screened_alice)
    response = alice_today.post(reverse("journal:checkin", kwargs={"day": day}), {"pain": "11"})
    body = response.content.decode()
    assert response.status_code == 200
    assert " checked" not in body.split('data-testid="pain-form"')[1].split("</fieldset>")[0]
    assert 'id="pain-10" value="10" autocomplete="off">' in body
    assert "Pain is a whole number from 0 (no pain) to 10 (worst imaginable)." in body
    assert Entry.objects.filter(user=screened_alice).count() == 0


def test_a_done_rows_summary_says_how_it_felt_in_words(alice_today, screened_alice):
    alice_today.post(tick_url(screened_alice, "daily-walk"), {"pain_during": "3", "effort": "right"})
    alice_today.post(tick_url(screened_alice, "lying-face-down"), {})
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert '<summary class="small">Pain during 3, about right · change</summary>' in body
    assert '<summary class="small">How did it feel? (optional)</summary>' in body


def test_the_saved_note_shows_and_a_refused_check_in_keeps_what_was_typed(alice_today, screened_alice):
    checkin = reverse("journal:checkin", kwargs={"day": today_of(screened_alice)})
    alice_today.post(checkin, {"pain": "2", "notes": "Stiff after the drive", "leg_symptoms": "yes"})
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert ">Stiff after the drive</textarea>" in body
    assert 'id="leg-yes" value="yes" checked>' in body

    response = alice_today.post(checkin, {"pain": "eleven", "notes": "Better <b>today</b>"})
    body = response.content.decode()
    assert response.status_code == 200
    assert ">Better &lt;b&gt;today&lt;/b&gt;</textarea>" in body
    assert "Pain is a whole number from 0 (no pain) to 10 (worst imaginable)." in body
    assert Entry.objects.get(user=screened_alice).notes == "Stiff after the drive"


def test_while_developing_a_template_edit_shows_at_the_next_reload(
    alice_today, screened_alice, settings, tmp_path
):
    """With DEBUG ("local" is the dummy cache) the rows' library text is rendered afresh; without,
    it is cached until the library changes."""
    (tmp_path / "journal").mkdir()
    fragment = tmp_path / "journal" / "_exercise_text.html"
    engine = settings.TEMPLATES[0]
    # Template files read at each render (what runserver's reloader gives while developing).
    loaders = ["django.template.loaders.filesystem.Loader", "django.template.loaders.app_directories.Loader"]
    settings.TEMPLATES = [
        {
            **engine,
            "DIRS": [tmp_path, *engine["DIRS"]],
            "APP_DIRS": False,
            "OPTIONS": {**engine["OPTIONS"], "loaders": loaders},
        }
    ]

    def walk_text():
        body = alice_today.get(reverse("journal:today")).content.decode()
        return body.split('data-exercise="daily-walk"')[1].split('class="row-action"')[0]

    local = settings.CACHES["local"]
    settings.CACHES = {**settings.CACHES, "local": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    fragment.write_text("<p>first {{ exercise.name }}</p>")
    assert "first A short daily walk" in walk_text()
    fragment.write_text("<p>second {{ exercise.name }}</p>")
    assert "second A short daily walk" in walk_text()

    settings.CACHES = {**settings.CACHES, "local": local}
    assert "second A short daily walk" in walk_text()
    fragment.write_text("<p>third {{ exercise.name }}</p>")
    assert "second A short daily walk" in walk_text()


def test_today_loads_only_its_own_scripts_and_history_loads_the_chart(alice_today, screened_alice):
    """The first visit to Today stays light: Chart.js is linked only by the page with a chart."""
    today = alice_today.get(reverse("journal:today")).content.decode()
    history = alice_today.get(reverse("journal:history")).content.decode()
    assert "chart.umd" not in today and "js/today.js" in today
    assert "chart.umd" in history and "js/history.js" in history


def test_felt_fine_on_today_is_one_plain_post_of_the_usual_answers(alice_today, screened_alice):
    """The guided session's one tap, on a done row: no script needed, the same POST as the form."""
    import re

    alice_today.post(tick_url(screened_alice, "daily-walk"), {"pain_during": "2", "effort": "easy"})
    body = alice_today.get(reverse("journal:today")).content.decode()
    row = body.split('data-exercise="daily-walk"', 1)[1].split('data-testid="plan-item"', 1)[0]
    fine = row.split('data-testid="felt-fine"', 1)[0].rsplit("<form", 1)[1]
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="(\w+)">', fine))
    fields.pop("csrfmiddlewaretoken")
    assert fields == {"effort": "right", "pain_during": "2"}  # about right, and the usual pain during
    alice_today.post(tick_url(screened_alice, "daily-walk"), fields)
    tick = Tick.objects.get(entry__user=screened_alice)
    assert (tick.pain_during, tick.effort, tick.full_dose) == (2, "right", True)
    assert "Pain during 2, about right" in alice_today.get(reverse("journal:today")).content.decode()
