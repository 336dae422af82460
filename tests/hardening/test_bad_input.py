"""Bad input gets a clear message or is escaped; never a 500, and nothing saved is lost.

The sweeping tests walk the URLconf, so a form added later is covered without being listed here:
every POST route gets every field name we use filled with hostile values, every route taking a
date gets malformed and future dates, every page gets junk query parameters.
"""

import html
import json
import unicodedata
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from backcare.models import User
from journal.models import Entry, PlanItem, SafetyScreen
from journal.safety import GROUPS
from tests.backcare.test_urls import all_named_patterns
from tests.conftest import owned_rows
from tests.hardening.test_isolation import sample_kwargs, snapshot

pytestmark = pytest.mark.django_db

NOTE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300
)


# derandomize: the same 40 examples every run, so CI never fails on a case nobody has seen locally;
# to explore, run it locally with derandomize=False and pin what it finds with @example.
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(note=NOTE_TEXT)
@example(note="0\r0")  # cases hypothesis found once: a lone carriage return,
@example(note="\uf9f1")  # a compatibility ideograph (NFC changes it),
@example(note="<")  # and markup
def test_any_note_round_trips_and_renders_escaped(alice_today, screened_alice, note):
    day = screened_alice.local_today().isoformat()
    response = alice_today.post(reverse("journal:checkin", kwargs={"day": day}), {"pain": "3", "notes": note})
    assert response.status_code == 302
    stored = Entry.objects.get(user=screened_alice).notes
    # Forms strip surrounding white space; nothing else may change.
    assert stored == note.strip()
    assert html.escape(stored) in alice_today.get(reverse("journal:today")).content.decode()
    # The report shortens long notes with truncatechars, which returns the NFC form of the text.
    shown = html.escape(unicodedata.normalize("NFC", stored))
    assert shown in alice_today.get(reverse("journal:report")).content.decode()
    exported = json.loads(alice_today.get(reverse("journal:export_json")).content)
    assert [e["notes"] for e in exported["entries"]] == [stored]


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "مرحبا ‮right-to-left‬ ✓",
        '=HYPERLINK("x")',
    ],
)
def test_hostile_notes_are_escaped_on_every_page(alice_today, screened_alice, text):
    day = screened_alice.local_today().isoformat()
    alice_today.post(reverse("journal:checkin", kwargs={"day": day}), {"pain": "3", "notes": text})
    for url in (reverse("journal:today"), reverse("journal:report")):
        body = alice_today.get(url).content.decode()
        if "<" in text or '"' in text:
            assert text not in body
        assert html.escape(text) in body or text in body and "<" not in text
    csv_body = b"".join(alice_today.get(reverse("journal:export_csv")).streaming_content).decode()
    if text.startswith("="):
        assert "'" + text.replace('"', '""') in csv_body  # not run as a formula by a spreadsheet


def test_a_100_kb_note_is_refused_with_a_message_and_keeps_the_old_one(alice_today, screened_alice):
    url = reverse("journal:checkin", kwargs={"day": screened_alice.local_today().isoformat()})
    alice_today.post(url, {"pain": "4", "notes": "first note"})
    response = alice_today.post(url, {"pain": "5", "notes": "x" * 100_000})
    assert response.status_code == 200
    assert "under 2000 characters" in response.content.decode()
    assert list(Entry.objects.values_list("pain", "notes")) == [(4, "first note")]


def test_empty_and_tampered_submissions_change_nothing(alice_today, screened_alice):
    day = screened_alice.local_today().isoformat()
    alice_today.post(reverse("journal:checkin", kwargs={"day": day}), {"pain": "5", "notes": "first note"})
    before = list(Entry.objects.values_list("pain", "notes"))
    for data in ({}, {"pain": ""}, {"pain": "2", "leg_symptoms": "maybe"}, {"pain": "1e1"}, {"pain": " 3 "}):
        response = alice_today.post(reverse("journal:checkin", kwargs={"day": day}), data)
        assert response.status_code == 200
        assert "not saved" in response.content.decode()
    assert list(Entry.objects.values_list("pain", "notes")) == before
    item = PlanItem.objects.filter(user=screened_alice).first()
    for data in ({"kind": "sideways"}, {}):
        assert alice_today.post(reverse("journal:dismiss", kwargs={"pk": item.pk}), data).status_code == 404
    assert (
        alice_today.post(reverse("journal:accept", kwargs={"pk": 999999}), {"kind": "up"}).status_code == 404
    )
    response = alice_today.post(
        reverse("journal:plan_set", kwargs={"progression": "cat-cow"}), {"level": "99"}
    )
    assert response.status_code == 302
    assert PlanItem.objects.get(user=screened_alice, progression__slug="cat-cow").exercise.level == 1
    assert (
        alice_today.post(
            reverse("journal:plan_set", kwargs={"progression": "nope"}), {"level": "1"}
        ).status_code
        == 404
    )


def test_a_tampered_safety_answer_is_refused(alice_client, alice):
    answers = {"emergency": ["none"], "urgent": ["none"], "before": ["perhaps"]}
    response = alice_client.post(reverse("journal:safety"), answers)
    assert response.status_code == 200
    assert "not one of its answers" in response.content.decode()
    assert not SafetyScreen.objects.exists()


# The safety screen's checkbox groups.
SCREEN_GROUPS = [group.name for group in GROUPS]
# Every field name our forms use (Django's account forms included); the sweep fills all of them.
FIELDS = [
    *["pain", "notes", "leg_symptoms", "pain_during", "effort", "partial", "day_type", "kind", "level"],
    *["next", "cleared_on", "note", "first_day", "email", "time_zone", "password", "old_password"],
    *["new_password1", "new_password2", "username", "password1", "password2", *SCREEN_GROUPS],
]
BIG = "x" * 100_000
# Free-text fields get the 100 kB value; all fields at once would pass Django's 2.5 MB request cap.
TEXT_FIELDS = ["notes", "note", "email", "username", "time_zone", "first_day", "next", "cleared_on"]
HOSTILE = [
    "11",
    "-1",
    "abc",
    "1e1",
    "3.5",
    "9999-12-31",
    "2026-02-30",
    "0",
    BIG,
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "مرحبا ‮right-to-left‬",
    "a\x00b",
    "https://evil.example/",
]
# POST routes that act without reading a field: hostile fields make no difference to them.
ACT_WITHOUT_FIELDS = {"journal:untick", "journal:plan_remove", "journal:psfs_skip", "learn:read", "logout"}
# The calendar link's "new" and "stop" and push's "off on every device" (reminders/views.py).
ACT_WITHOUT_FIELDS |= {"reminders:calendar_new", "reminders:calendar_stop", "reminders:push_off"}
# JSON endpoints (static/js/push.js): a body that is not their JSON is a 400 with a message.
JSON_ENDPOINTS = {"reminders:push_subscribe", "reminders:push_unsubscribe"}
# Tables a refused request is meant to write to: a failed log-in is counted by django-axes.
AXES_TABLES = {"axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"}
# Forms that ask for a password count a wrong one toward the log-in lock (and answer 429 once locked).
RECORDS_FAILURES = dict.fromkeys(("login", "password_change", "journal:delete_account"), AXES_TABLES)
BAD_DAYS = ["2026-13-45", "26-1-1", "0000-00-00", "9999-12-31", "tomorrow", "%00", "2026-01-01T00:00"]


def form_data(value):
    if value is None:
        return {}
    return dict.fromkeys(TEXT_FIELDS if value is BIG else FIELDS, value)


@pytest.fixture
def alice_with_history(alice_today, alice_with_history):
    """The shared one (tests/conftest.py), logged in, with a note on every day."""
    Entry.objects.filter(user=alice_with_history).update(notes="first note")
    return alice_with_history


def test_hostile_values_in_every_field_of_every_form_change_nothing(alice_today, alice_with_history):
    checked, problems = [], {}
    for name, pattern in all_named_patterns():
        if name in ACT_WITHOUT_FIELDS or name.startswith("admin:"):
            continue
        url = reverse(name, kwargs=sample_kwargs(alice_with_history, pattern))
        allowed = RECORDS_FAILURES.get(name, set())
        # What a person owns, and the log-in records a refused request must not write unless it asked
        # for a password: not the library's reference tables or the sessions, read twice a value and form.
        watched = AXES_TABLES - allowed
        for value in [None, *HOSTILE]:
            before = owned_rows(also=watched)
            caches["default"].clear()  # every value reaches the form, not the per-address limit
            try:
                response = alice_today.post(url, form_data(value))
            except Exception as error:  # noqa: BLE001 - the test client re-raises what would be a 500
                problems.setdefault(name, []).append(f"{type(error).__name__} with {value!r:.30}")
                continue
            if (
                response.status_code not in (200, 302, 404, 405)
                and not (response.status_code == 429 and name in RECORDS_FAILURES)
                and not (response.status_code == 400 and name in JSON_ENDPOINTS)
            ):
                problems.setdefault(name, []).append(f"status {response.status_code} with {value!r:.30}")
            if owned_rows(also=watched) != before:
                problems.setdefault(name, []).append(f"data changed with {value!r:.30}")
        checked.append(name)
    for expected in ("journal:checkin", "journal:tick", "journal:day_type", "settings", "journal:safety"):
        assert expected in checked
    assert not problems, "\n".join(f"{name}: {found}" for name, found in problems.items())


def test_malformed_and_future_dates_are_refused_everywhere(alice_today, alice_with_history):
    future = (alice_with_history.local_today() + timedelta(days=1)).isoformat()
    before = snapshot()
    routes = [(n, p) for n, p in all_named_patterns() if "day" in p.pattern.converters]
    assert len(routes) >= 5
    for name, pattern in routes:
        kwargs = sample_kwargs(alice_with_history, pattern)
        for day in [*BAD_DAYS, future]:
            url = reverse(name, kwargs={**kwargs, "day": day})
            assert alice_today.get(url).status_code in (302, 405), url
            response = alice_today.post(url, {"pain": "3", "day_type": "rest"})
            assert response.status_code in (302, 405), url
    assert snapshot() == before


def test_junk_query_parameters_never_break_a_page(alice_today, alice_with_history):
    for name, pattern in all_named_patterns():
        if name in {"logout"} or name.startswith("admin:"):
            continue
        url = reverse(name, kwargs=sample_kwargs(alice_with_history, pattern))
        for query in (
            "range=-1&page=abc",
            "range=<b>&page=999999",
            "range=all&page=-3",
            "range=" + "9" * 5000,
        ):
            assert alice_today.get(f"{url}?{query}").status_code < 500, url


@pytest.mark.parametrize("value", [None, *HOSTILE])
def test_hostile_sign_up_and_log_in_never_fail_and_create_no_account(client, alice, value):
    for name in ("signup", "login", "password_reset"):
        # 429: the per-address limit on sign-ups and reset mail (tests/hardening/test_rate_limits.py).
        assert client.post(reverse(name), form_data(value)).status_code in (200, 302, 429), name
    assert list(User.objects.values_list("username", flat=True)) == ["alice"]
