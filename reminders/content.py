"""What a day's reminder says, or why none goes: pure, no request, no queries.

The sender reads the day (reminders/selectors.py: `day_state`) and asks `decide`. The rules:

- a safety screen that holds the plan (emergency, urgent or talk-first advice without a
  clinician's OK): no reminder at all. Nobody is nudged toward exercise the screen says to stop;
  Today keeps saying why.
- no safety screen yet: a reminder to answer it (the plan starts after it).
- the check-in made and nothing due left undone: no reminder ("done").
- a rest day: the check-in only.
- a day to take carefully: today's check-in is a flare (journal/pain.py), or a leg-symptom run or
  a spread down the leg is in its banner's days (journal/safety.py; read or not, as for level-ups):
  the check-in first if it is not made, then the gentle set instead of the plan, and the reason.
  Never the plan, and never an exercise whose cautions say "not on a flare-up day".
- a rough day, or the gentle set while a "see a doctor soon" answer waits for an OK: the gentle
  set, said gently ("only what feels OK").
- otherwise: the exercises due and not yet done, and the check-in if it is not made.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from journal import safety, suggestions

SKIP_DONE = "done: check-in and today's plan already done"
SKIP_HELD = "safety screen holds the plan"


class Kind(StrEnum):
    SCREEN = "screen"  # answer the safety questions first
    REST = "rest"  # a rest day: the check-in only
    GENTLE = "gentle"  # a rough day or the gentle set
    CAREFUL = "careful"  # a flare, or a leg-symptom or spreading sign: the gentle set instead
    PLAN = "plan"  # the usual plan


class Sign(StrEnum):
    """Why a day is taken carefully (the first that holds)."""

    FLARE = "flare"  # today's check-in at the usual pain + 3 (journal/pain.py: is_flare)
    LEG_SYMPTOMS = "leg_symptoms"  # numbness or tingling below the knee 3 days running
    SPREADING = "spreading"  # symptoms spread down the leg during an exercise in the last 7 days


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
    sign: Sign | None = None  # a reason to take the day carefully, if any
    gentle_to_do: tuple[str, ...] = ()  # the gentle set's exercises due and not yet done
    # Names (of either list) whose cautions say "not on a flare-up day" (exercises/library.py).
    not_on_a_flare_day: frozenset = frozenset()


# The opening sentence of a day's reminder, by kind: one wording for the e-mail and the
# notification (a plain plan day opens with its list instead).
OPENING = {
    # Translators: CLINICAL: a reminder's opening before the safety screen is answered.
    Kind.SCREEN: _("Before your plan starts, BackCare asks a few safety questions. They take a minute."),
    Kind.REST: _(
        "Today is marked as a rest day: no exercises. A quick pain check-in keeps your diary complete."
    ),
    # Translators: CLINICAL: a rough day's reminder: nothing beyond what feels OK.
    Kind.GENTLE: _("Today is a gentle day: only what feels OK."),
}
# A careful day's opening, by its sign: the same words in the e-mail and the notification.
CAREFUL_OPENING = {
    Sign.FLARE: _("Your pain today is much higher than usual: take it gently."),
    Sign.LEG_SYMPTOMS: _(
        "You have noted numbness or tingling below the knee three days running: take it gently, "
        "answer the safety questions again on Today, and see a doctor or physiotherapist about it."
    ),
    Sign.SPREADING: _(
        "Symptoms spread down your leg during an exercise this week: take it gently, and answer "
        "the safety questions again on Today."
    ),
}
CAREFUL_CHECKIN = _("First, your pain check-in.")
CAREFUL_INSTEAD = _("Instead of your plan, the gentle set, only what feels OK:")


@dataclass(frozen=True)
class Decision:
    send: bool
    kind: Kind | None = None
    reason: str = ""  # why nothing goes
    checkin: bool = False  # ask for the check-in
    exercises: tuple[str, ...] = field(default=())
    done: int = 0
    due: int = 0
    sign: Sign | None = None  # a careful day's reason

    @property
    def opening(self):
        if self.kind == Kind.CAREFUL:
            return str(CAREFUL_OPENING[self.sign])
        return str(OPENING.get(self.kind, ""))

    @property
    def careful_checkin(self):
        """A careful day's line after the opening (the same in the e-mail and the notification)."""
        return str(CAREFUL_CHECKIN)

    @property
    def careful_instead(self):
        return str(CAREFUL_INSTEAD)

    @property
    def subject(self):
        if self.kind == Kind.SCREEN:
            return str(_("BackCare: a few safety questions before your plan"))
        if self.kind == Kind.REST:
            return str(_("BackCare: a rest day, and a quick check-in"))
        if self.kind == Kind.GENTLE:
            return str(_("BackCare: a gentle day's plan"))
        if self.kind == Kind.CAREFUL:
            return str(_("BackCare: take it gently today"))
        return str(_("BackCare: today's plan"))


def careful_sign(days, day, spread_days):
    """Why `day` is taken carefully (a `Sign`), or None: today's check-in is a flare
    (journal/suggestions.py: flare_today, the rule Today's gentle-day offer reads), or a leg-symptom
    run or a spread down the leg is within the days its banner shows (journal/safety.py), whether
    or not the banner was read (as for level-ups). `days` are `history.Day` rows of the week before
    `day` and the day itself; `spread_days` the dates symptoms spread during an exercise."""
    if suggestions.flare_today(days, day) is not None:
        return Sign.FLARE
    if safety.leg_symptom_run_start(days, day) is not None:
        return Sign.LEG_SYMPTOMS
    if safety.latest_spread_day(spread_days, day) is not None:
        return Sign.SPREADING
    return None


def decide(state: DayState) -> Decision:
    if state.needs_screen:
        return Decision(send=True, kind=Kind.SCREEN)
    if state.held:
        return Decision(send=False, reason=SKIP_HELD)
    checkin = not state.checked_in
    if state.sign is not None and state.day_type != "rest":
        # The check-in and the gentle set instead of the plan; nothing the day's cautions rule out.
        gentle = tuple(name for name in state.gentle_to_do if name not in state.not_on_a_flare_day)
        if not checkin and not gentle:
            return Decision(send=False, reason=SKIP_DONE)
        return Decision(send=True, kind=Kind.CAREFUL, checkin=checkin, exercises=gentle, sign=state.sign)
    if state.checked_in and not state.to_do:
        return Decision(send=False, reason=SKIP_DONE)
    if state.day_type == "rest":
        return Decision(send=True, kind=Kind.REST, checkin=checkin)
    kind = Kind.GENTLE if state.gentle_only or state.day_type == "rough" else Kind.PLAN
    return Decision(
        send=True, kind=kind, checkin=checkin, exercises=state.to_do, done=state.done, due=state.due
    )
