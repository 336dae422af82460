"""Severe pain during an exercise pauses it (clinical rules version 3; docs/clinical-rules.md,
"Severe pain during an exercise"), without a database: the smallest logs that make the rule hold
and the smallest changes that break it."""

from dataclasses import dataclass
from datetime import date, timedelta

from journal import suggestions
from journal.models import LevelChange
from journal.suggestions import DoneTick
from tests.journal.test_suggestion_rules import READY, TODAY, Item, ago, easy, log, suggest

SINCE = TODAY - timedelta(days=30)


def scores(*pairs):
    """Sessions from (days ago, pain during) pairs."""
    return [DoneTick(ago(n), score, "right") for n, score in pairs]


def severe(sessions, since=SINCE, after=None):
    return suggestions.severe_pain(sessions, since=since, after=after)


def test_pain_during_eight_once_pauses():
    rule, values = severe(scores((1, 8)))
    assert rule == "severe_pain"
    assert values == {"date": "2026-05-19", "pain_during": 8}
    assert severe(scores((1, 7))) is None  # the smallest change that breaks it


def test_pain_during_seven_in_two_sessions_running_pauses():
    rule, values = severe(scores((3, 7), (1, 7)))
    assert values == {"date": "2026-05-19", "pain_during": 7, "earlier": "2026-05-17", "earlier_pain": 7}
    assert severe(scores((3, 6), (1, 7))) is None


def test_seven_five_seven_is_not_two_running():
    assert severe(scores((5, 7), (3, 5), (1, 7))) is None


def test_six_does_not_pause():
    assert severe(scores((3, 6), (1, 6))) is None


def test_a_session_without_a_score_neither_counts_nor_breaks_the_run():
    sessions = [*scores((3, 7)), DoneTick(ago(2), None), *scores((1, 7))]
    assert severe(sessions)[1]["date"] == "2026-05-19"


def test_the_first_session_where_it_holds_is_the_pauses_day():
    assert severe(scores((4, 9), (2, 2), (1, 8)))[1] == {"date": "2026-05-16", "pain_during": 9}


def test_after_a_resume_only_later_sessions_count():
    sessions = scores((4, 8))
    assert severe(sessions, after=ago(4)) is None
    # A 7 after the resume is one session running, not two with the 8 before it.
    assert severe([*sessions, *scores((1, 7))], after=ago(4)) is None
    # Until a new severe score.
    assert severe([*sessions, *scores((1, 8))], after=ago(4))[1]["date"] == "2026-05-19"
    assert severe([*sessions, *scores((2, 7), (1, 7))], after=ago(4))[1]["date"] == "2026-05-19"


def test_sessions_before_the_level_began_do_not_count():
    assert severe(scores((5, 8)), since=ago(4)) is None
    assert severe(scores((4, 8)), since=ago(4)) is not None


def test_the_sentence_says_stop_and_talk_to_a_clinician():
    assert suggestions.describe("severe_pain", {"date": "2026-05-19", "pain_during": 8}) == (
        "Pain during the exercise was 8 on 19 May. Please stop this exercise and talk to a doctor"
        " or physiotherapist about the pain it caused."
    )
    values = {"date": "2026-05-19", "pain_during": 7, "earlier": "2026-05-17", "earlier_pain": 7}
    assert suggestions.describe("severe_pain", values).startswith(
        "Pain during the exercise was 7 on 19 May, after 7 on 17 May. Please stop"
    )


def test_the_report_tells_the_pause_and_the_resume_with_their_days_and_scores():
    values = {"date": "2026-12-03", "pain_during": 8, "exercise": "Bridge with march"}
    assert (
        suggestions.describe_for_clinician(LevelChange.Direction.PAUSE, "severe_pain", values)
        == "Paused 3 Dec: pain during 8/10 in Bridge with march"
    )
    twice = {**values, "pain_during": 7, "earlier": "2026-12-01", "earlier_pain": 7}
    assert (
        suggestions.describe_for_clinician(LevelChange.Direction.PAUSE, "severe_pain", twice)
        == "Paused 3 Dec: pain during 7/10 after 7/10 on 1 Dec, two sessions running, in Bridge with march"
    )
    resumed = {"date": "2026-12-05", "paused_on": "2026-12-03", "exercise": "Bridge with march"}
    assert (
        suggestions.describe_for_clinician(LevelChange.Direction.RESUME, "resume", resumed)
        == "Resumed 5 Dec: Bridge with march taken up again after talking to a clinician"
    )


@dataclass
class PausedItem(Item):
    paused_on: date | None = None
    pause_values: dict | None = None


def test_a_paused_item_gets_no_level_up_nor_dose_step():
    assert suggest(READY, log(4), item=PausedItem()).kind == "up"
    paused = PausedItem(paused_on=ago(8), pause_values={"date": "2026-05-12", "pain_during": 8})
    assert suggest(READY, log(4), item=paused) is None


def test_a_paused_item_still_gets_its_step_back():
    paused = PausedItem(paused_on=ago(1), pause_values={"date": "2026-05-19", "pain_during": 8})
    result = suggest(easy(6, 4) + scores((1, 8)), log(4), item=paused)
    assert (result.kind, result.rule) == ("down", "pain_during")


def test_the_pause_of_an_item():
    assert suggestions.paused(PausedItem()) is None
    values = {"date": "2026-05-19", "pain_during": 8, "exercise": "Heel taps"}
    pause = suggestions.paused(PausedItem(paused_on=ago(1), pause_values=values))
    assert pause.rule == "severe_pain" and "exercise" not in pause.values
    assert pause.reason.startswith("Pain during the exercise was 8 on 19 May.")
