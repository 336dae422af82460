"""What the session's one-tap "Felt fine" records (journal/felt.py): pure, no database."""

from datetime import date

from journal.felt import usual_answers, usual_pain_during
from journal.suggestions import DoneTick

DAY = date(2026, 12, 1)


def tick(day, pain, exercise=1):
    return DoneTick(date=date(2026, 12, day), pain_during=pain, exercise_id=exercise)


def test_no_pain_score_without_an_earlier_answer():
    assert usual_pain_during([], 1) is None
    assert usual_pain_during([tick(1, None)], 1) is None
    assert usual_answers([], 1) == {"effort": "right"}


def test_the_latest_score_of_that_exercise_counts_not_the_first_nor_another_exercises():
    ticks = [tick(3, 1), tick(5, 2), tick(4, 0), tick(6, None), tick(7, 3, exercise=2)]
    assert usual_pain_during(ticks, 1) == 2
    assert usual_answers(ticks, 1) == {"effort": "right", "pain_during": 2}


def test_the_safe_range_holds_at_3_and_breaks_at_4():
    assert usual_pain_during([tick(1, 3)], 1) == 3
    assert usual_pain_during([tick(1, 4)], 1) is None
    # An earlier safe score does not stand in for a latest one above the range.
    assert usual_pain_during([tick(1, 2), tick(2, 6)], 1) is None


def test_felt_fine_never_answers_the_leg_question():
    assert "spread" not in usual_answers([tick(1, 1)], 1)
