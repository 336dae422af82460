"""The pure parts of sharing: a change told to a clinician, tokens, fingerprints, a link's state."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from journal import sharing
from journal.suggestions import describe_for_clinician

READY = {"sessions": 3, "first": "2026-11-01", "usual": 4, "average": 3.9, "level_start": 4.2}


@pytest.mark.parametrize(
    ("direction", "rule", "values", "words"),
    [
        (
            "down",
            "pain_during",
            {"date": "2026-11-03", "pain_during": 6},
            "Stepped back: pain during the exercise 6/10 on 3 Nov (the rule: above 5/10)",
        ),
        (
            "down",
            "next_morning",
            {"date": "2026-11-03", "morning": 7, "usual": 4},
            "Stepped back: next-morning pain 7/10 after the session on 3 Nov, 3 above usual (4/10)",
        ),
        (
            "down",
            "rising",
            {"first": "2026-11-01", "from": 3, "last": "2026-11-05", "to": 6},
            "Stepped back: pain rose at two check-ins running after sessions, 3/10 on 1 Nov to 6/10 on 5 Nov",
        ),
        (
            "down",
            "spread",
            {"date": "2026-11-03"},
            "Stepped back: symptoms spread down the leg during the exercise on 3 Nov",
        ),
        (
            "up",
            "ready",
            READY,
            "Levelled up: 3 full-dose sessions since 1 Nov, pain during 3/10 or less, the latest rated easy;"
            " next-morning pain within 1 of usual (4/10); 7-day average 3.9/10 (at the level's start 4.2/10)",
        ),
        ("dose", "dose", {**READY, "dose": "2 × 10 reps"}, "; next dose 2 × 10 reps"),
        ("manual", "manual", {"level": 3}, "Set by hand: level 3 chosen by the patient"),
    ],
)
def test_each_rule_reads_for_a_clinician(direction, rule, values, words):
    said = describe_for_clinician(direction, rule, values, "fallback")
    assert words in said
    assert "your" not in said.lower()


@pytest.mark.parametrize(
    ("rule", "values"),
    [
        ("", {}),
        ("pain_during", {"date": "yesterday"}),
        ("pain_during", {}),
        ("ready", "not a dict"),
        ("gone", {}),
    ],
)
def test_a_change_it_cannot_read_keeps_its_stored_sentence(rule, values):
    assert (
        describe_for_clinician("up", rule, values, "3 sessions at full dose")
        == "Levelled up: 3 sessions at full dose"
    )


def test_tokens_are_long_random_and_only_their_fingerprint_is_kept():
    tokens = {sharing.new_token() for _ in range(50)}
    assert len(tokens) == 50 and all(len(t) >= 43 for t in tokens)
    token = tokens.pop()
    assert sharing.fingerprint(token) == sharing.fingerprint(token)
    assert len(sharing.fingerprint(token)) == 64 and token not in sharing.fingerprint(token)


def test_a_links_state():
    now = datetime(2026, 11, 30, 12, tzinfo=UTC)
    link = SimpleNamespace(revoked_at=None, expires_at=now + timedelta(seconds=1))
    assert sharing.state(link, now) == "open"
    assert sharing.state(SimpleNamespace(revoked_at=None, expires_at=now), now) == "expired"
    assert (
        sharing.state(SimpleNamespace(revoked_at=now, expires_at=now + timedelta(days=1)), now) == "withdrawn"
    )
    assert sharing.expiry(now, 7) == now + timedelta(days=7)
