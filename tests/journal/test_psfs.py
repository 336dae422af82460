"""The PSFS pages: Today's card, the round's form, History, the report, export and deletion."""

import json
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from backcare import diary_version
from backcare.models import User
from exercises import catalog
from journal.models import PsfsActivity, PsfsRating, PsfsRound
from tests.conftest import PASSWORD, make_history, screen_clear

pytestmark = pytest.mark.django_db

URL = "/journal/psfs/"


def first_round(client, *pairs):
    data = {}
    for n, (name, rating) in enumerate(pairs):
        data[f"name_{n}"], data[f"new_rating_{n}"] = name, str(rating)
    return client.post(URL, data, follow=True)


def counts():
    return PsfsActivity.objects.count(), PsfsRound.objects.count(), PsfsRating.objects.count()


def move_rounds_back(user, days):
    for round_ in PsfsRound.objects.filter(user=user):
        round_.taken_on -= timedelta(days=days)
        round_.save()
    diary_version.changed(user)  # edited past the services: the user's kept pages are old
    PsfsActivity.objects.filter(user=user).update(added_on=user.local_today() - timedelta(days=days))


def test_the_url_is_the_named_one():
    assert reverse("journal:psfs") == URL


def test_today_asks_after_the_first_screen_and_not_before(alice_client, alice):
    assert alice_client.get(reverse("journal:today")).status_code == 302  # to the screen first
    screen_clear(alice)
    body = alice_client.get(reverse("journal:today")).content.decode()
    assert 'data-testid="psfs"' in body and URL in body


def test_a_first_round_saves_the_activities_and_their_ratings(alice_today, screened_alice):
    response = first_round(alice_today, ("Lifting my child", 3), ("Sitting through a film", 6))
    body = response.content.decode()
    assert "activity score today is 4.5" in body
    assert 'data-testid="psfs"' not in body  # asked again in 14 days
    assert list(PsfsActivity.objects.values_list("name", flat=True)) == [
        "Lifting my child",
        "Sitting through a film",
    ]
    assert sorted(PsfsRating.objects.values_list("rating", flat=True)) == [3, 6]


def test_a_later_round_shows_last_times_rating_and_rates_again_retires_and_adds(alice_today, screened_alice):
    first_round(alice_today, ("Lifting", 3), ("Sitting", 6), ("Running", 1))
    move_rounds_back(screened_alice, 14)
    assert 'data-testid="psfs"' in alice_today.get(reverse("journal:today")).content.decode()
    lifting, sitting, running = PsfsActivity.objects.order_by("pk")
    body = alice_today.get(URL).content.decode()
    assert "Last time: 3 of 10" in body and "Last time: 6 of 10" in body
    assert body.count('data-testid="psfs-new"') == 1  # one may be added
    response = alice_today.post(
        URL,
        {
            f"rating_{lifting.pk}": "7",
            f"rating_{sitting.pk}": "6",
            f"retire_{running.pk}": "on",
            "name_0": "Gardening",
            "new_rating_0": "2",
        },
        follow=True,
    )
    assert "activity score today is 5.0" in response.content.decode()
    running.refresh_from_db()
    assert running.retired_on == screened_alice.local_today()
    assert PsfsRound.objects.count() == 2
    history = alice_today.get(reverse("journal:history")).content.decode()
    assert 'data-testid="psfs-history"' in history and "3.3" in history and "5.0" in history
    report = alice_today.get(reverse("journal:report")).content.decode()
    # Lifting 3 -> 7 (+4, meaningful), Sitting 6 -> 6; Running retired, Gardening new: not compared.
    assert report.count('data-testid="psfs-report-row"') == 2
    assert "+4 (meaningful)" in report
    assert "Activities you rated both times: 4.5 → 6.5 (+2.0, a meaningful improvement)" in report
    # Running (retired) and Gardening (new) are listed apart, each with its own rating.
    apart = report.split('data-testid="psfs-apart"')[1]
    assert '<span translate="no">Running</span> (not rated in the latest round): 1 on' in apart
    assert '<span translate="no">Gardening</span> (added after the first round): 2 on' in apart


def test_skip_postpones_the_ask_by_14_days_in_one_tap(alice_today, screened_alice):
    response = alice_today.post(reverse("journal:psfs_skip"), follow=True)
    assert "again in 14 days" in response.content.decode()
    assert 'data-testid="psfs"' not in response.content.decode()
    assert PsfsRound.objects.get().skipped
    move_rounds_back(screened_alice, 14)
    assert 'data-testid="psfs"' in alice_today.get(reverse("journal:today")).content.decode()


def test_filling_in_after_a_skip_the_same_day_keeps_one_round(alice_today, screened_alice):
    alice_today.post(reverse("journal:psfs_skip"))
    first_round(alice_today, ("Lifting", 4))
    assert PsfsRound.objects.filter(skipped=False).count() == 1 and PsfsRound.objects.count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        ({"name_0": "", "new_rating_0": "4"}, "Name the activity"),
        ({"name_0": "x" * 200, "new_rating_0": "4"}, "80 characters"),
        ({"name_0": "   ", "new_rating_0": "4"}, "Name the activity"),
        ({"name_0": "Lifting", "new_rating_0": "11"}, "from 0 (unable) to 10"),
        ({"name_0": "Lifting", "new_rating_0": "-1"}, "from 0 (unable) to 10"),
        ({"name_0": "Lifting", "new_rating_0": "3.5"}, "from 0 (unable) to 10"),
        ({"name_0": "Lifting"}, "Rate “Lifting”"),
        ({}, "Name at least one activity"),
    ],
)
def test_bad_input_on_a_first_round_saves_nothing(alice_today, screened_alice, data, message):
    response = alice_today.post(URL, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nothing was saved" in body and message in body
    assert counts() == (0, 0, 0)


def test_more_than_five_activities_is_refused(alice_today, screened_alice):
    first_round(alice_today, *[(f"Activity {n}", 5) for n in range(5)])
    assert counts() == (5, 1, 5)
    activities = PsfsActivity.objects.order_by("pk")
    data = {f"rating_{a.pk}": "5" for a in activities} | {"name_0": "A sixth", "new_rating_0": "5"}
    response = alice_today.post(URL, data)
    assert "at most 5 activities" in response.content.decode()
    assert counts() == (5, 1, 5)
    # Retiring one makes room.
    data[f"retire_{activities[0].pk}"] = "on"
    alice_today.post(URL, data)
    assert PsfsActivity.objects.filter(retired_on__isnull=True).count() == 5


def test_a_first_round_has_only_five_slots(alice_today, screened_alice):
    data = {f"name_{n}": f"A{n}" for n in range(7)} | {f"new_rating_{n}": "5" for n in range(7)}
    alice_today.post(URL, data)
    assert PsfsActivity.objects.count() == 5


def test_another_users_activity_id_is_a_404_and_saves_nothing(alice_today, screened_alice, bob):
    screen_clear(bob)
    theirs = PsfsActivity.objects.create(user=bob, name="Bob's", added_on=bob.local_today())
    first_round(alice_today, ("Lifting", 4))
    mine = PsfsActivity.objects.get(user=screened_alice)
    before = counts()
    for field in (f"rating_{theirs.pk}", f"retire_{theirs.pk}"):
        response = alice_today.post(URL, {f"rating_{mine.pk}": "5", field: "3"})
        assert response.status_code == 404
    assert counts() == before
    assert PsfsRating.objects.get().rating == 4


def test_a_later_round_needs_each_kept_activity_rated(alice_today, screened_alice):
    first_round(alice_today, ("Lifting", 4), ("Sitting", 5))
    lifting, _ = PsfsActivity.objects.order_by("pk")
    response = alice_today.post(URL, {f"rating_{lifting.pk}": "6"})
    assert "Rate “Sitting”, or tick Retire" in response.content.decode()
    assert PsfsRating.objects.count() == 2


def test_login_required_and_skip_rejects_get(client, alice_today):
    assert client.get(URL).status_code == 200  # alice_today is this client, logged in
    client.logout()
    assert client.get(URL).status_code == 302
    assert client.post(reverse("journal:psfs_skip")).status_code == 302
    assert PsfsRound.objects.count() == 0
    client.force_login(User.objects.get(username="alice"))
    assert client.get(reverse("journal:psfs_skip")).status_code == 405


def test_history_and_report_read_the_ratings_in_one_query_for_any_number_of_rounds(
    alice_today, screened_alice
):
    from journal.management.demo_psfs import add_demo_rounds

    make_history(screened_alice, 5)
    today = screened_alice.local_today()

    def queries(name):
        caches["default"].clear()  # an uncached load: the one that reads the ratings
        with CaptureQueriesContext(connection) as ctx:
            body = alice_today.get(reverse(name)).content.decode()
        return len(ctx.captured_queries), body

    catalog.catalog()  # the exercise library, read once per process
    before = {name: queries(name)[0] for name in ("journal:history", "journal:report")}
    add_demo_rounds(user=screened_alice, first=today - timedelta(days=5 * 365), today=today)
    assert PsfsRound.objects.count() > 100
    for name, count in before.items():
        after, body = queries(name)
        assert after == count, name
        assert ("Lifting my child" in body) == (name == "journal:report")  # the report names them


def test_the_json_export_has_rounds_activities_and_ratings(alice_today, screened_alice, bob):
    first_round(alice_today, ("Lifting", 4), ("Sitting", 6))
    screen_clear(bob)
    PsfsActivity.objects.create(user=bob, name="Bob's", added_on=bob.local_today())
    data = json.loads(alice_today.get(reverse("journal:export_json")).content)
    assert [a["name"] for a in data["psfs_activities"]] == ["Lifting", "Sitting"]
    assert len(data["psfs_rounds"]) == 1 and not data["psfs_rounds"][0]["skipped"]
    assert sorted(r["rating"] for r in data["psfs_ratings"]) == [4, 6]


def test_deleting_the_account_deletes_the_psfs(alice_today, screened_alice):
    first_round(alice_today, ("Lifting", 4))
    alice_today.post(reverse("journal:delete_account"), {"password": PASSWORD})
    assert counts() == (0, 0, 0)


def test_demo_rounds_come_every_two_weeks_and_slowly_improve(screened_alice):
    from journal import psfs, selectors
    from journal.management.demo_psfs import add_demo_rounds

    today = screened_alice.local_today()
    rounds = add_demo_rounds(user=screened_alice, first=today - timedelta(days=179), today=today)
    assert len(rounds) == 13 and sum(r.skipped for r in rounds) == 1
    summary = psfs.summary(selectors.psfs_rows(user=screened_alice))
    assert len(summary.series) == 12
    assert (
        summary.latest_score - summary.first_score >= 3
        and summary.change.meaningful
        and summary.change.better
    )


def test_a_new_round_shows_on_history_and_the_report_at_the_next_load(
    alice_today, screened_alice, django_capture_on_commit_callbacks
):
    """History and the report cache the PSFS summary under the user's PSFS version, which a saved
    round moves with it (journal/0015_psfs_version_triggers)."""
    for name in ("journal:history", "journal:report"):
        assert "Lifting" not in alice_today.get(reverse(name)).content.decode()  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        first_round(alice_today, ("Lifting", 4), ("Sitting", 6))
    history_body = alice_today.get(reverse("journal:history")).content.decode()
    assert "<td>5.0</td>" in history_body  # the new round's score: the mean of 4 and 6
    assert "One round so far" in alice_today.get(reverse("journal:report")).content.decode()
    assert "activity score 5.0" in alice_today.get(reverse("journal:report")).content.decode()


def rate_again(client, ratings, *, retire=(), new=()):
    """A later round: {activity: rating} for those kept, those retired, and (name, rating) added."""
    data = {f"rating_{activity.pk}": str(rating) for activity, rating in ratings.items()}
    data.update({f"retire_{activity.pk}": "on" for activity in retire})
    for n, (name, rating) in enumerate(new):
        data[f"name_{n}"], data[f"new_rating_{n}"] = name, str(rating)
    response = client.post(URL, data, follow=True)
    assert response.status_code == 200
    return response


def psfs_section(client, name):
    body = client.get(reverse(name)).content.decode()
    testid = "psfs-history" if name == "journal:history" else "psfs-report"
    return body.split(f'data-testid="{testid}"')[1].split("</section>")[0]


@pytest.mark.parametrize("name", ["journal:history", "journal:report"])
def test_the_headline_counts_only_the_activities_rated_both_times_and_lists_the_rest_apart(
    alice_today, screened_alice, name
):
    """The round scores fall (4.0 -> 3.7) because a hard activity was added; the activities rated
    both times rose 2 points: that is the headline, and the added and the retired one are apart."""
    first_round(alice_today, ("Lifting", 3), ("Sitting", 3), ("Running", 6))
    move_rounds_back(screened_alice, 14)
    lifting, sitting, running = PsfsActivity.objects.order_by("pk")
    rate_again(alice_today, {lifting: 5, sitting: 5}, retire=[running], new=[("Gardening", 1)])
    section = psfs_section(alice_today, name)
    assert "Activities you rated both times: 3.0 → 5.0 (+2.0, a meaningful improvement)" in section
    assert 'data-verdict="better"' in section
    apart = section.split('data-testid="psfs-apart"')[1]
    assert apart.count('data-testid="psfs-apart-row"') == 2
    assert '<span translate="no">Running</span> (not rated in the latest round): 6 on' in apart
    assert '<span translate="no">Gardening</span> (added after the first round): 1 on' in apart
    if name == "journal:history":
        assert "<td>4.0</td>" in section and "<td>3.7</td>" in section  # each round's own score


@pytest.mark.parametrize("name", ["journal:history", "journal:report"])
def test_an_activity_apart_shows_its_name_escaped_and_its_dates(alice_today, screened_alice, name):
    """The rows apart are built in the view (journal/views/history_page.py: _psfs_apart_html): a name
    is shown as typed, never as markup, with both dates as the page writes dates."""
    first_round(alice_today, ("Lifting", 3), ("<b>Running</b> & co", 6))
    move_rounds_back(screened_alice, 28)
    lifting, running = PsfsActivity.objects.order_by("pk")
    rate_again(alice_today, {lifting: 5, running: 4})
    today = screened_alice.local_today()
    PsfsRound.objects.filter(user=screened_alice, taken_on=today).update(taken_on=today - timedelta(days=14))
    rate_again(alice_today, {lifting: 5}, retire=[running])
    section = psfs_section(alice_today, name)
    first_on, latest_on = (
        f"{d.day} {d:%b %Y}" for d in (today - timedelta(days=28), today - timedelta(days=14))
    )
    apart = section.split('data-testid="psfs-apart"')[1]
    assert "<b>Running" not in apart
    assert (
        f'<span translate="no">&lt;b&gt;Running&lt;/b&gt; &amp; co</span> (not rated in the latest round): 6 on {first_on},'
        f" latest 4 on {latest_on}</li>" in apart
    )


@pytest.mark.parametrize("name", ["journal:history", "journal:report"])
def test_a_mixed_change_reads_as_mixed_never_as_an_improvement(alice_today, screened_alice, name):
    first_round(alice_today, ("Lifting", 3), ("Sitting", 7))
    move_rounds_back(screened_alice, 14)
    lifting, sitting = PsfsActivity.objects.order_by("pk")
    rate_again(alice_today, {lifting: 6, sitting: 3})
    section = psfs_section(alice_today, name)
    assert "(-0.5, mixed: better in Lifting, worse in Sitting)" in section
    assert 'data-verdict="mixed"' in section
    assert "improvement" not in section and "a real" not in section
    assert 'data-testid="psfs-apart"' not in section  # both rated both times


@pytest.mark.parametrize("name", ["journal:history", "journal:report"])
def test_no_activity_rated_both_times_shows_no_change(alice_today, screened_alice, name):
    first_round(alice_today, ("Lifting", 3))
    move_rounds_back(screened_alice, 14)
    (lifting,) = PsfsActivity.objects.all()
    rate_again(alice_today, {}, retire=[lifting], new=[("Sitting", 8)])
    section = psfs_section(alice_today, name)
    assert 'data-verdict="none-shared"' in section and "no change is shown" in section
    assert "Activities you rated both times" not in section and "meaningful" not in section
    assert section.count('data-testid="psfs-apart-row"') == 2


def test_the_shared_report_shows_the_same_headline(alice_today, screened_alice, client):
    from journal import services

    first_round(alice_today, ("Lifting", 3), ("Sitting", 7))
    move_rounds_back(screened_alice, 14)
    lifting, sitting = PsfsActivity.objects.order_by("pk")
    rate_again(alice_today, {lifting: 6, sitting: 3})
    link, token = services.share_link_create(
        user=screened_alice,
        display_name="A. Smith",
        days=7,
        show_notes=False,
        show_safety=False,
        now=timezone.now(),
    )
    body = client.get(reverse("shared_report", kwargs={"share_token": token})).content.decode()
    assert "(-0.5, mixed: better in Lifting, worse in Sitting)" in body
