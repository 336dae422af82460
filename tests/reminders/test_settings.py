"""The Reminders section of /settings/: one master switch, time, days, channels, the address."""

import re
from datetime import time

import pytest
from django.core import mail
from django.urls import reverse

from reminders.models import EVERY_DAY, Reminder

pytestmark = pytest.mark.django_db
URL = "/settings/reminders/"

VALID = {
    "enabled": "on",
    "at": "07:30",
    "weekdays": ["0", "1", "2", "3", "4"],
    "email_on": "on",
    "email": "me@example.com",
}


@pytest.fixture
def post(alice_client, django_capture_on_commit_callbacks):
    """POST as Alice, running what waits for the commit (the confirmation mail) as a commit would."""

    def send(url, data=None, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return alice_client.post(url, data or {}, **extra)

    return send


def saved(user):
    return Reminder.objects.filter(user=user).first()


def test_the_section_is_on_the_settings_page_off_by_default_with_the_users_zone(alice_client):
    page = alice_client.get(reverse("settings")).content.decode()
    assert 'data-testid="reminder-settings"' in page
    assert 'action="/settings/reminders/"' in page
    assert "Europe/London" in page
    switch = re.search(r'<input [^>]*name="enabled"[^>]*>', page).group(0)
    assert 'type="checkbox"' in switch and "checked" not in switch
    assert 'value="alice@example.com"' in page  # the account's address is offered
    assert page.count('id="id_email"') == 1  # the account form's; the reminder's is reminder-email


def test_saving_turns_it_on_and_asks_to_confirm_the_address(alice_client, post, alice, settings):
    settings.SITE_URL = "https://backcare.example"
    response = post(URL, VALID, follow=True)
    assert response.redirect_chain[-1][0] == "/settings/#reminders"
    text = response.content.decode()
    assert "Reminders saved: at 07:30, your time (Europe/London)." in text
    assert "We sent a link to me@example.com" in text
    reminder = saved(alice)
    assert (reminder.enabled, reminder.at, reminder.weekdays) == (True, time(7, 30), 0b0011111)
    assert reminder.email == "me@example.com" and reminder.email_confirmed_at is None
    (message,) = mail.outbox
    assert message.to == ["me@example.com"]
    link = re.search(r"https://backcare\.example(/reminders/confirm/[^/\s]+/)", message.body).group(1)
    assert 'data-testid="reminder-email-waiting"' in text
    alice_client.post(link)
    assert saved(alice).email_confirmed_at is not None
    page = alice_client.get(reverse("settings")).content.decode()
    assert 'data-testid="reminder-email-confirmed"' in page


def test_saving_the_same_address_again_asks_nothing_and_a_new_one_asks_again(alice_client, post, alice):
    post(URL, VALID)
    Reminder.objects.filter(user=alice).update(email_confirmed_at="2026-01-01T00:00Z")
    post(URL, {**VALID, "at": "08:00"})
    assert len(mail.outbox) == 1
    assert saved(alice).email_confirmed_at is not None
    post(URL, {**VALID, "email": "other@example.com"})
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["other@example.com"]
    assert saved(alice).email_confirmed_at is None


def test_the_confirmation_link_can_be_sent_again(alice_client, post, alice):
    post(URL, VALID)
    response = post(reverse("reminders:resend"), follow=True)
    assert "We sent a new link to me@example.com" in response.content.decode()
    assert len(mail.outbox) == 2


def test_switching_off_keeps_the_choices_and_says_so(alice_client, alice):
    alice_client.post(URL, VALID)
    response = alice_client.post(URL, {"at": "07:30", "email": "me@example.com"}, follow=True)
    assert "Reminders are off." in response.content.decode()
    reminder = saved(alice)
    assert not reminder.enabled and reminder.weekdays == 0b0011111 and reminder.at == time(7, 30)


@pytest.mark.parametrize(
    "change,field,message",
    [
        ({"weekdays": []}, "weekdays", "Choose at least one day, or switch reminders off."),
        ({"email_on": ""}, "email_on", "Choose at least one way to be reminded"),
        ({"email": ""}, "email", "Enter the address for e-mail reminders."),
        ({"email": "not-an-address"}, "email", "Enter a whole e-mail address"),
        ({"at": "25:00"}, "at", "Enter a time as hours and minutes, like 19:00."),
        ({"at": ""}, "at", "Enter a time."),
        ({"weekdays": ["7"]}, "weekdays", "Pick days from the list."),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(alice_client, alice, change, field, message):
    response = alice_client.post(URL, {**VALID, **change})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Your reminder settings were not saved" in text
    assert message in text
    assert saved(alice) is None
    assert mail.outbox == []


def test_calendar_or_push_alone_is_a_choice_that_is_stored(alice_client, alice):
    alice_client.post(
        URL, {"enabled": "on", "at": "19:00", "weekdays": ["6"], "calendar_on": "on", "push_on": "on"}
    )
    reminder = saved(alice)
    assert (reminder.calendar_on, reminder.push_on, reminder.email_on, reminder.weekdays) == (
        True,
        True,
        False,
        1 << 6,
    )
    assert mail.outbox == []


def test_seconds_are_dropped_from_the_time(alice_client, alice):
    alice_client.post(URL, {**VALID, "at": "07:30:45"})
    assert saved(alice).at == time(7, 30)


def test_writes_only_by_post_and_only_signed_in(client, alice_client, alice):
    before = list(Reminder.objects.filter(user=alice).values())
    # GET (a bookmark, a link typed by hand) goes to the form: the settings page's reminders section.
    response = alice_client.get(URL)
    assert response.status_code == 302 and response.url == reverse("settings") + "#reminders"
    assert 'id="reminders"' in alice_client.get(response.url).content.decode()
    assert list(Reminder.objects.filter(user=alice).values()) == before
    assert alice_client.put(URL).status_code == 405
    assert alice_client.get(reverse("reminders:resend")).status_code == 405
    client.logout()
    response = client.post(URL, VALID)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert client.get(URL).url.startswith(reverse("login"))


def test_a_fresh_form_shows_every_day_ticked(alice_client):
    page = alice_client.get(reverse("settings")).content.decode()
    ticked = re.findall(r'<input type="checkbox" name="weekdays" value="(\d)"[^>]*checked>', page)
    assert len(ticked) == bin(EVERY_DAY).count("1")


def test_the_sections_one_read_gives_what_the_two_reads_gave(alice, bob, django_assert_num_queries):
    """reminders/selectors.py: settings_reads, the reminder with the calendar link and the number of
    browsers with push on in one query, against reminder_for and channel_devices (two)."""
    from django.utils import timezone

    from reminders import selectors
    from reminders.models import CalendarFeed, PushSubscription

    def fields(reminder):
        return {f.attname: getattr(reminder, f.attname) for f in Reminder._meta.concrete_fields}

    with django_assert_num_queries(1):
        reminder, channels = selectors.settings_reads(user=alice)
    assert reminder.pk is None and fields(reminder) == fields(Reminder(user=alice))
    assert channels == {"feed_since": None, "push_devices": 0}

    Reminder.objects.create(user=alice, enabled=True, at=time(7, 30), weekdays=0b101, email="a@example.com")
    CalendarFeed.objects.create(user=alice, token_hash="a" * 64)
    for n in range(2):
        PushSubscription.objects.create(
            user=alice, endpoint=f"https://push.example/{n}", p256dh="k", auth="a"
        )
    PushSubscription.objects.create(user=bob, endpoint="https://push.example/bob", p256dh="k", auth="a")
    with django_assert_num_queries(1):
        reminder, channels = selectors.settings_reads(user=alice)
    assert reminder.user is alice and not reminder._state.adding
    assert fields(reminder) == fields(selectors.reminder_for(alice))
    assert channels == selectors.channel_devices(user=alice)
    assert channels["push_devices"] == 2 and channels["feed_since"] <= timezone.now()
    # Bob's subscription alone: a reminder-less user with one browser.
    assert selectors.settings_reads(user=bob)[1] == {"feed_since": None, "push_devices": 1}


def attributes_in_order(html):
    """The markup with each <input>'s attributes sorted: the row prints `aria-invalid` before the
    `id` Django's boxes printed it after (the order no person can tell)."""
    return re.sub(
        r"<input ([^>]*)>",
        lambda tag: "<input " + " ".join(sorted(re.findall(r'[\w-]+(?:="[^"]*")?', tag.group(1)))) + ">",
        html,
    )


WEEKDAY_BOXES_BEFORE = (
    '{% for box in field %}<div class="form-check">{{ box.tag }}<label class="form-check-label" '
    'for="{{ box.id_for_label }}">{{ box.choice_label }}</label></div>{% endfor %}'
)


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize(
    "data",
    [
        None,
        {"enabled": "on", "weekdays": ["0", "3"]},
        {"enabled": "on"},
        {"enabled": "on", "weekdays": ["9", "1"]},
    ],
    ids=["saved", "two days", "none while on", "a tampered day"],
)
def test_the_cached_day_boxes_are_the_boxes_django_printed_one_by_one(alice, data, language):
    """reminders/forms.py: WeekdayBoxes, the row cached per set of days, against each box's own
    `box.tag` (what reminders/_weekdays_field.html printed before), twice (the second cached)."""
    from django.template import engines
    from django.utils import translation

    from reminders.forms import ReminderForm

    loop = engines["django"].from_string(WEEKDAY_BOXES_BEFORE)
    Reminder.objects.create(user=alice, enabled=True, weekdays=0b1010100)
    reminder = Reminder.objects.get(user=alice)
    with translation.override(language):
        for _ in range(2):
            form = ReminderForm(data, instance=reminder, zone_name=alice.time_zone)
            form.is_valid() if data else None
            field = form["weekdays"]
            row = str(field)
            assert row.count('type="checkbox"') == 7
            boxes = row.split('<div class="d-flex flex-wrap gap-3">', 1)[1].rsplit("</div>", 1)[0].strip()
            assert attributes_in_order(boxes) == attributes_in_order(loop.render({"field": field}))
    if data is None:
        assert (
            boxes.count("checked") == 3
            and 'value="2" class="form-check-input" id="reminder-weekdays_2" checked' in boxes
        )


@pytest.mark.parametrize(
    "value",
    [time(19, 0), time(7, 5, 30), "07:30", "", None, "25:99", "7:30", "19:00:00", "<b>"],
)
def test_the_kept_time_box_is_the_box_django_prints(value):
    """reminders/forms.py: TimeInput, kept per hours and minutes shown, against Django's own
    TimeInput, twice (the second time from the store); anything else is rendered afresh, not kept."""
    from django import forms

    from backcare import forms as base_forms
    from reminders.forms import TimeInput

    attrs = {"id": "reminder-at", "class": "timeinput form-control reminder-time", "aria-invalid": "true"}
    django_box = forms.TimeInput(format="%H:%M", attrs={"type": "time", "step": 60})
    base_forms._widgets.clear()  # whatever an earlier test kept
    kept_before = len(base_forms._widgets)
    for _ in range(2):
        ours = TimeInput(format="%H:%M", attrs={"type": "time", "step": 60}).render("at", value, attrs)
        assert ours == django_box.render("at", value, attrs)
    kept = len(base_forms._widgets) - kept_before
    assert kept == (1 if value in (time(19, 0), time(7, 5, 30), "07:30") else 0)
    if value is time(19, 0):
        assert 'value="19:00"' in ours and 'type="time"' in ours
