"""Bad input gets a clear message or is escaped; never a 500, and nothing saved is lost."""

import html

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.models import Entry, PlanItem, SafetyScreen
from journal.safety import QUESTION_KEYS

pytestmark = pytest.mark.django_db

NOTE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300
)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(note=NOTE_TEXT)
def test_any_note_round_trips_and_renders_escaped(alice_today, screened_alice, note):
    day = screened_alice.local_today().isoformat()
    response = alice_today.post(reverse("journal:checkin", kwargs={"day": day}), {"pain": "3", "notes": note})
    assert response.status_code == 302
    stored = Entry.objects.get(user=screened_alice).notes
    # The form strips surrounding white space and keeps everything else as typed.
    assert stored == note.strip()
    body = alice_today.get(reverse("journal:report")).content.decode()
    if stored and "<" in stored:
        assert stored not in body
    assert "<script>alert" not in body


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


def test_empty_and_tampered_submissions_change_nothing(alice_today, screened_alice):
    day = screened_alice.local_today().isoformat()
    alice_today.post(reverse("journal:checkin", kwargs={"day": day}), {"pain": "5", "notes": "kept"})
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
    answers = dict.fromkeys(QUESTION_KEYS, "no")
    answers["bladder"] = "perhaps"
    response = alice_client.post(reverse("journal:safety"), answers)
    assert response.status_code == 200
    assert not SafetyScreen.objects.exists()
