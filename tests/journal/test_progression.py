"""The level rules, without a database."""

from dataclasses import dataclass
from datetime import date, timedelta

from journal.progression import Session, suggest

TODAY = date(2026, 5, 20)
SINCE = TODAY - timedelta(days=30)


@dataclass
class E:
    date: date
    pain: int | None
    day_type: str = "normal"


def days_ago(n):
    return TODAY - timedelta(days=n)


def steady_log(pain=4, days=20):
    return [E(days_ago(n), pain) for n in range(days, 0, -1)]


def sessions(*pairs):
    """(days ago, pain during) → Session rows."""
    return [Session(days_ago(n), p) for n, p in pairs]


def run(s, entries, level=2, top=3, **kw):
    return suggest(sessions=s, entries=entries, since=SINCE, level=level, top_level=top, today=TODAY, **kw)


def test_three_easy_sessions_with_calm_mornings_suggest_the_next_level():
    result = run(sessions((6, 2), (4, 3), (2, 1)), steady_log(4))
    assert result.kind == "up"
    assert result.reason == (
        "3 sessions at full dose, pain during 3 or less, mornings no more than 1 above your usual 4."
    )


def test_the_reason_carries_the_users_own_baseline():
    result = run(sessions((6, 2), (4, 3), (2, 1)), steady_log(6))
    assert "your usual 6" in result.reason


def test_two_sessions_are_not_enough_evidence():
    assert run(sessions((4, 2), (2, 1)), steady_log(4)) is None


def test_sessions_without_pain_during_are_no_evidence():
    s = [Session(days_ago(6), None), Session(days_ago(4), None), *sessions((2, 1), (1, 1))]
    assert run(s, steady_log(4)) is None


def test_sessions_before_the_level_began_do_not_count():
    s = sessions((40, 1), (35, 1), (2, 1))
    assert run(s, steady_log(4, days=45)) is None


def test_no_baseline_means_no_level_up():
    entries = [E(days_ago(7), 4), E(days_ago(5), 4), E(days_ago(3), 4), E(days_ago(1), 4)]
    # Fewer than 3 check-ins before the first session: no baseline, no suggestion.
    assert run(sessions((6, 2), (4, 2), (2, 2)), entries) is None


def test_a_morning_two_above_usual_blocks_level_up():
    log = steady_log(4)
    for e in log:
        if e.date == days_ago(3):
            e.pain = 6
    assert run(sessions((6, 2), (4, 2)), log) is None or run(sessions((6, 2), (4, 2)), log).kind != "up"


def test_pain_during_four_or_five_holds():
    assert run(sessions((6, 2), (4, 3), (2, 5)), steady_log(4)) is None


def test_pain_during_above_five_suggests_a_step_back():
    result = run(sessions((6, 2), (1, 7)), steady_log(4))
    assert result.kind == "down"
    assert "was 7" in result.reason


def test_a_bad_next_morning_suggests_a_step_back():
    log = steady_log(4)
    log[-1].pain = 7  # yesterday's session, this morning's check-in
    log.append(E(TODAY, 7))
    result = run(sessions((2, 3), (1, 3)), log[:-1] + [E(TODAY, 7)])
    assert result.kind == "down"
    assert "above your usual 4" in result.reason


def test_pain_rising_two_days_running_suggests_a_step_back():
    log = steady_log(3, days=20)[:-2] + [E(days_ago(2), 3), E(days_ago(1), 4), E(TODAY, 5)]
    result = run(sessions((3, 3)), log)
    assert result.kind == "down"
    assert "from 3 to 5" in result.reason


def test_no_level_up_past_the_top():
    assert run(sessions((6, 2), (4, 3), (2, 1)), steady_log(4), level=3, top=3) is None


def test_no_step_back_below_the_bottom():
    assert run(sessions((6, 2), (1, 8)), steady_log(4), level=1) is None


def test_paused_level_up_on_a_rough_day_or_a_safety_banner():
    assert run(sessions((6, 2), (4, 3), (2, 1)), steady_log(4), paused=True) is None


def test_a_dismissed_suggestion_stays_away():
    assert run(sessions((6, 2), (4, 3), (2, 1)), steady_log(4), dismissed={"up"}) is None
    assert run(sessions((6, 2), (1, 7)), steady_log(4), dismissed={"down"}) is None
