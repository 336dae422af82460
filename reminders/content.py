"""What a day's reminder says, or why none goes: pure, no request, no queries.

The sender reads the day (reminders/selectors.py: `day_state`) and asks `decide`. The rules:

- a safety screen that holds the plan (emergency, urgent or talk-first advice without a
  clinician's OK): no reminder at all. Nobody is nudged toward exercise the screen says to stop;
  Today keeps saying why.
- no safety screen yet: a reminder to answer it (the plan starts after it).
- the check-in made and nothing due left undone: no reminder ("done").
- a rest day: the check-in only.
- a rough day, or the gentle set while a "see a doctor soon" answer waits for an OK: the gentle
  set, said gently ("only what feels OK").
- otherwise: the exercises due and not yet done, and the check-in if it is not made.
"""

from dataclasses import dataclass, field
from enum import StrEnum

SKIP_DONE = "done: check-in and today's plan already done"
SKIP_HELD = "safety screen holds the plan"


class Kind(StrEnum):
    SCREEN = "screen"  # answer the safety questions first
    REST = "rest"  # a rest day: the check-in only
    GENTLE = "gentle"  # a rough day or the gentle set
    PLAN = "plan"  # the usual plan


@dataclass(frozen=True)
class DayState:
    """What the sender knows of the user's day."""

    needs_screen: bool = False
    held: bool = False  # the screen holds the plan
    gentle_only: bool = False  # the gentle set until a clinician's OK
    day_type: str = "normal"  # Entry.DayType value
    checked_in: bool = False
    to_do: tuple[str, ...] = ()  # names of the exercises due and not yet done, in plan order
    done: int = 0  # of the day's due exercises, done
    due: int = 0  # the day's due exercises


# The opening sentence of a day's reminder, by kind: one wording for the e-mail and the
# notification (a plain plan day opens with its list instead).
OPENING = {
    Kind.SCREEN: "Before your plan starts, BackCare asks a few safety questions. They take a minute.",
    Kind.REST: "Today is marked as a rest day: no exercises. A quick pain check-in keeps your diary complete.",
    Kind.GENTLE: "Today is a gentle day: only what feels OK.",
}


@dataclass(frozen=True)
class Decision:
    send: bool
    kind: Kind | None = None
    reason: str = ""  # why nothing goes
    checkin: bool = False  # ask for the check-in
    exercises: tuple[str, ...] = field(default=())
    done: int = 0
    due: int = 0

    @property
    def opening(self):
        return OPENING.get(self.kind, "")

    @property
    def subject(self):
        if self.kind == Kind.SCREEN:
            return "BackCare: a few safety questions before your plan"
        if self.kind == Kind.REST:
            return "BackCare: a rest day, and a quick check-in"
        if self.kind == Kind.GENTLE:
            return "BackCare: a gentle day's plan"
        return "BackCare: today's plan"


def decide(state: DayState) -> Decision:
    if state.needs_screen:
        return Decision(send=True, kind=Kind.SCREEN)
    if state.held:
        return Decision(send=False, reason=SKIP_HELD)
    if state.checked_in and not state.to_do:
        return Decision(send=False, reason=SKIP_DONE)
    checkin = not state.checked_in
    if state.day_type == "rest":
        return Decision(send=True, kind=Kind.REST, checkin=checkin)
    kind = Kind.GENTLE if state.gentle_only or state.day_type == "rough" else Kind.PLAN
    return Decision(
        send=True, kind=kind, checkin=checkin, exercises=state.to_do, done=state.done, due=state.due
    )
