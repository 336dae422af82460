"""The lessons pages, Today's lesson line, the export and deletion."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from backcare.models import User
from backcare.urgent_care import CARE
from journal.services import account_delete
from learn import catalog, course
from learn.models import Lesson, LessonRead
from tests.conftest import make_user, screen_clear

pytestmark = pytest.mark.django_db


def joined_days_ago(user, days):
    user.date_joined = timezone.now() - timedelta(days=days)
    user.save(update_fields=["date_joined"])
    return user


def lessons():
    return list(Lesson.objects.filter(published=True).order_by("order"))


def detail(slug):
    return reverse("learn:detail", kwargs={"lesson": slug})


def lesson_body(html):
    """The lesson's words on its page (the source line, which may name the NHS, left out)."""
    start = html.index('data-testid="lesson-body"')
    return html[start : html.index("</div>", start)]


def read_url(slug):
    return reverse("learn:read", kwargs={"lesson": slug})


def test_pages_need_a_login(client):
    first = lessons()[0].slug
    for url in (reverse("learn:list"), detail(first)):
        assert client.get(url).url.startswith(reverse("login"))
    assert client.post(read_url(first)).url.startswith(reverse("login"))
    assert not LessonRead.objects.exists()


def test_day_one_opens_when_to_get_help_and_the_flare_plan(alice_client):
    body = alice_client.get(reverse("learn:list")).content.decode()
    assert body.count('data-state="unread"') == 2
    assert body.count('data-state="locked"') == len(lessons()) - 2
    assert "0 of 16 read; 2 open so far" in body
    for slug, words in (
        ("when-to-get-help", "Losing weight without trying."),
        ("flare-plan", "Switch to the gentle set."),
    ):
        assert f'href="{detail(slug)}"' in body
        page = alice_client.get(detail(slug)).content.decode()
        assert words in lesson_body(page) and 'data-testid="mark-read"' in page
    third = alice_client.get(detail(lessons()[2].slug)).content.decode()
    assert 'data-testid="lesson-locked"' in third


@pytest.mark.parametrize(
    ("country", "emergency", "urgent", "not_there"),
    [
        ("GB", "999 (112 works too)", "NHS 111 (phone or online)", "911"),
        ("US", "911", "your doctor, or an urgent-care clinic", "NHS"),
    ],
)
def test_on_day_one_the_help_lesson_gives_the_readers_own_numbers_for_each_group(
    client, country, emergency, urgent, not_there
):
    client.force_login(make_user(f"new-{country}", country=country))
    page = client.get(detail("when-to-get-help")).content.decode()
    body = lesson_body(page)
    assert f"Call <strong>{emergency}</strong> now, or go to an emergency department" in body
    assert f"Get urgent help today from <strong>{urgent}</strong>" in body
    assert not_there not in body
    assert "Back pain with chest pain" in body and "Injecting drugs, now or recently." in body


def test_reading_records_once_and_shows_read(alice_client, alice):
    first = lessons()[0]
    page = alice_client.get(detail(first.slug)).content.decode()
    assert 'data-testid="mark-read"' in page and first.source in page
    response = alice_client.post(read_url(first.slug))
    assert response.status_code == 302 and response.url == detail(first.slug)
    read = LessonRead.objects.get(user=alice)
    page = alice_client.get(detail(first.slug)).content.decode()
    assert 'data-testid="lesson-read"' in page and 'data-testid="mark-read"' not in page
    assert f'href="{detail("flare-plan")}" data-testid="next-lesson">Next: Your flare plan' in page
    alice_client.post(read_url("flare-plan"))
    assert "The next lesson opens tomorrow." in alice_client.get(detail("flare-plan")).content.decode()
    alice_client.post(read_url(first.slug))  # again: the first date stays
    assert LessonRead.objects.get(lesson=first) == read
    assert LessonRead.objects.get(lesson=first).read_at == read.read_at


def test_reading_rejects_get(alice_client):
    assert alice_client.get(read_url(lessons()[0].slug)).status_code == 405


def test_a_locked_lesson_says_when_it_opens_and_cannot_be_read(alice_client, alice):
    fourth = lessons()[3]  # day 1 opens two, then one a day: the fourth opens on day 3
    response = alice_client.get(detail(fourth.slug))
    body = response.content.decode()
    assert response.status_code == 200 and 'data-testid="lesson-locked"' in body
    assert fourth.body[:40] not in body
    opens = alice.local_today() + timedelta(days=2)
    assert f"This lesson opens on {opens:%A} {opens.day} {opens:%B}, in 2 days." in body
    third = alice_client.get(detail(lessons()[2].slug))
    tomorrow = alice.local_today() + timedelta(days=1)
    assert third.status_code == 200
    assert (
        f"This lesson opens tomorrow, {tomorrow:%A} {tomorrow.day} {tomorrow:%B}." in third.content.decode()
    )
    response = alice_client.post(read_url(fourth.slug), follow=True)
    assert "isn&#x27;t open yet" in response.content.decode()
    assert not LessonRead.objects.exists()


def test_a_user_made_today_has_when_to_get_help_and_the_flare_plan_open(client):
    newcomer = make_user("made-today")
    screen_clear(newcomer)
    assert newcomer.local_today() == timezone.localdate(newcomer.date_joined, newcomer.tzinfo)
    client.force_login(newcomer)
    for slug in ("when-to-get-help", "flare-plan"):
        page = client.get(detail(slug)).content.decode()
        assert 'data-testid="mark-read"' in page and 'data-testid="lesson-locked"' not in page
    assert client.post(read_url("flare-plan")).status_code == 302
    assert LessonRead.objects.filter(user=newcomer, lesson__slug="flare-plan").exists()


def test_a_made_up_or_unpublished_lesson_is_a_404(alice_client):
    for slug in ("no-such-lesson", "x" * 300, "0"):
        assert alice_client.get(detail(slug)).status_code == 404
        assert alice_client.post(read_url(slug)).status_code == 404
    Lesson.objects.filter(slug="the-usual-course").update(published=False, updated_at=timezone.now())
    catalog.clear()
    assert alice_client.get(detail("the-usual-course")).status_code == 404
    assert not LessonRead.objects.exists()


def test_another_users_reads_are_invisible(client, alice, bob):
    joined_days_ago(bob, 20)
    for lesson in lessons()[:3]:
        LessonRead.objects.create(user=bob, lesson=lesson, read_at=timezone.now())
    client.force_login(alice)
    body = client.get(reverse("learn:list")).content.decode()
    assert 'data-state="read"' not in body and "0 of 16 read" in body
    assert 'data-testid="lesson-read"' not in client.get(detail(lessons()[0].slug)).content.decode()


def test_after_two_weeks_the_list_shows_read_unread_and_locked(client, alice):
    joined_days_ago(alice, 13)  # day 14: 15 open
    for lesson in lessons()[:5]:
        LessonRead.objects.create(user=alice, lesson=lesson, read_at=timezone.now())
    client.force_login(alice)
    body = client.get(reverse("learn:list")).content.decode()
    assert body.count('data-state="read"') == 5
    assert body.count('data-state="unread"') == 10
    assert body.count('data-state="locked"') == 1
    page = client.get(detail(lessons()[4].slug)).content.decode()
    assert f'href="{detail(lessons()[5].slug)}"' in page  # "Next:" the first unread


@pytest.mark.parametrize("country", [*CARE, ""])
def test_the_help_lesson_shows_the_readers_own_numbers(client, country, settings):
    settings.EMERGENCY_NUMBER = "112"
    user = joined_days_ago(make_user(f"u{country or 'none'}", country=country), 30)
    client.force_login(user)
    page = client.get(detail("when-to-get-help")).content.decode()
    body = lesson_body(page)
    care = CARE.get(country)
    if care is None:
        assert "<strong>112, or your local emergency number</strong>" in body
        assert "your local urgent-care service" in body and "NHS" not in body
    else:
        assert f"<strong>{care.emergency_words}</strong>" in body
        assert f"<strong>{care.urgent_words}</strong>" in body
    assert "{emergency_words}" not in body and "{urgent_words}" not in body
    assert 'data-testid="care-place"' in page


def test_gb_and_us_readers_see_different_words(client):
    gb = joined_days_ago(make_user("gb", country="GB"), 30)
    us = joined_days_ago(make_user("us", country="US"), 30)
    client.force_login(gb)
    gb_body = lesson_body(client.get(detail("when-to-get-help")).content.decode())
    client.force_login(us)
    us_body = lesson_body(client.get(detail("when-to-get-help")).content.decode())
    assert "NHS 111" in gb_body and "999" in gb_body and "911" not in gb_body
    assert "911" in us_body and "urgent-care clinic" in us_body and "NHS" not in us_body


# Today's line.


def test_today_shows_todays_lesson_as_one_line_linking_to_it(alice_today, alice):
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert body.count('data-testid="lesson"') == 1
    assert (
        f'href="{detail("when-to-get-help")}"' in body and "Today's lesson: <strong>When to get help" in body
    )
    assert "1 more waiting" in body
    alice_today.post(read_url("when-to-get-help"))
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert f'href="{detail("flare-plan")}"' in body and "Today's lesson: <strong>Your flare plan" in body
    alice_today.post(read_url("flare-plan"))
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert "Lesson read:" in body and "next one tomorrow" in body


def test_today_offers_the_first_unread_lesson_and_counts_the_rest(alice_today, alice):
    joined_days_ago(alice, 4)  # day 5: 6 open
    LessonRead.objects.create(user=alice, lesson=lessons()[0], read_at=timezone.now())
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert f'href="{detail(lessons()[1].slug)}"' in body and "4 more waiting" in body


def test_a_past_day_has_no_lesson_line(alice_today, alice):
    joined_days_ago(alice, 5)
    day = (alice.local_today() - timedelta(days=1)).isoformat()
    assert (
        'data-testid="lesson"'
        not in alice_today.get(reverse("journal:day", kwargs={"day": day})).content.decode()
    )


def test_an_edit_in_the_admin_shows_at_once(alice_today):
    lesson = Lesson.objects.get(slug="when-to-get-help")
    alice_today.get(reverse("journal:today"))
    lesson.title = "Signs that need help quickly"
    lesson.save()
    assert "Signs that need help quickly" in alice_today.get(reverse("journal:today")).content.decode()


# Export and deletion.


def test_the_json_export_lists_the_lessons_read_with_their_dates(alice_client, alice, bob):
    first = lessons()[0]
    LessonRead.objects.create(user=alice, lesson=first, read_at=timezone.now())
    LessonRead.objects.create(user=bob, lesson=lessons()[1], read_at=timezone.now())
    screen_clear(alice)
    response = alice_client.get(reverse("journal:export_json"))
    data = json.loads(b"".join(response.streaming_content) if response.streaming else response.content)
    assert [(r["lesson__slug"], r["lesson__title"]) for r in data["lessons_read"]] == [
        (first.slug, first.title)
    ]
    assert data["lessons_read"][0]["read_at"].startswith(str(alice.local_today().year))


def test_deleting_the_account_deletes_its_reads_and_keeps_the_lessons(alice, bob):
    for user in (alice, bob):
        LessonRead.objects.create(user=user, lesson=lessons()[0], read_at=timezone.now())
    count = Lesson.objects.count()
    account_delete(user=alice)
    assert list(LessonRead.objects.values_list("user__username", flat=True)) == ["bob"]
    assert Lesson.objects.count() == count


def test_the_demo_marks_lessons_read_over_the_demo_users_days(db):
    from learn.management.demo_lessons import mark_demo_lessons_read

    user = joined_days_ago(make_user("demo"), 10)
    made = mark_demo_lessons_read(user)
    reads = list(LessonRead.objects.filter(user=user).select_related("lesson"))
    assert made == len(reads) and 5 <= made <= 10
    joined = user.date_joined.astimezone(user.tzinfo).date()
    order = [lesson.pk for lesson in lessons()]
    for read in reads:
        opened = course.opens_on(joined, order.index(read.lesson_id) + 1)
        assert opened <= read.read_at.astimezone(user.tzinfo).date() < user.local_today()


def test_the_admin_lists_searches_and_edits_lessons(client, django_user_model):
    admin_user = django_user_model.objects.create_superuser("staff", "staff@example.com", "pw-staff-123")
    client.force_login(admin_user)
    changelist = reverse("admin:learn_lesson_changelist")
    body = client.get(changelist, {"q": "pharmacist"}).content.decode()
    assert "Medicines: what the guidelines say" in body and "Sitting: any position" not in body
    lesson = Lesson.objects.get(slug="medicines")
    page = client.get(reverse("admin:learn_lesson_change", args=[lesson.pk]))
    assert page.status_code == 200 and "Never a medicine dose" in page.content.decode()


def test_the_demo_command_reads_lessons_from_its_first_day(db):
    from io import StringIO

    from django.core.management import call_command

    call_command("demo", "--username", "demo", "--password", "pw-demo-123", "--days", "30", stdout=StringIO())
    user = User.objects.get(username="demo")
    first = user.local_today() - timedelta(days=29)
    assert user.date_joined.astimezone(user.tzinfo).date() == first
    reads = LessonRead.objects.filter(user=user)
    assert 12 <= reads.count() <= 16
    assert all(first <= read.read_at.astimezone(user.tzinfo).date() < user.local_today() for read in reads)
