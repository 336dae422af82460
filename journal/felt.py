"""What the guided session's one-tap "Felt fine" records for an exercise: the person's usual answers.

Pure: reads `suggestions.DoneTick` rows the session page already has (the two weeks up to today,
`selectors.days_with_ticks`), no query. "Usual" is said honestly (docs/clinical-rules.md,
"Felt fine"):

- pain during: the person's latest pain-during answer for this exercise in those two weeks, if it
  was in the safe range (0–3, `suggestions.SAFE_DURING`); otherwise none. A higher score is never
  repeated for them by one tap (it would move a step back or a pause), and no score is invented
  where they never gave one;
- effort: "about right";
- symptoms spreading down the leg: not answered (only the person can say that; "Tell more" asks).
"""

from journal.models import Tick
from journal.suggestions import SAFE_DURING

USUAL_EFFORT = Tick.Effort.RIGHT


def usual_pain_during(ticks, exercise_id):
    """The latest pain-during score of `exercise_id` among `ticks` (DoneTick rows) if it is 0–3,
    else None (no score, or the latest one was above the safe range)."""
    scored = [tick for tick in ticks if tick.exercise_id == exercise_id and tick.pain_during is not None]
    if not scored:
        return None
    latest = max(scored, key=lambda tick: tick.date).pain_during
    return latest if latest <= SAFE_DURING else None


def usual_answers(ticks, exercise_id):
    """The fields "Felt fine" posts with the tick: effort, and pain during when there is a usual one."""
    pain = usual_pain_during(ticks, exercise_id)
    return {"effort": USUAL_EFFORT, **({"pain_during": pain} if pain is not None else {})}
