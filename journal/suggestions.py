"""Level suggestions, version 2: the one rule set behind Today, Accept and "Not now".

Pure functions over rows already fetched (no request, no queries); docs/clinical-rules.md states
the rules in words. Each rule is a small function that returns the rule's id and the numbers and
dates it read, or None; the sentence the user reads is rendered from those values (`describe`), so
the same change can be told to the user now and to a clinician later. Nothing here writes: the
user always decides.

Inputs, all as the selectors return them:
- entries: the recent days (date, pain, day_type, leg_symptoms), any order;
- sessions: `DoneTick` rows of one exercise (its ticks), any order;
- today: the user's local date.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import NamedTuple

from django.utils.translation import gettext_lazy

from exercises import dose
from journal import date_words, pain
from journal.models import Dismissal, Entry, LevelChange, Tick

Kind = Dismissal.Kind
Rule = LevelChange.Rule

UP_SESSIONS = 3
UP_WINDOW_DAYS = 14
SAFE_DURING = 3
TOO_MUCH_DURING = 5
UP_MORNING_MARGIN = 1
DOWN_MORNING_MARGIN = 2
LEVEL_START_MARGIN = 1
QUIET_DAYS = 7  # no flare, leg symptoms or spreading in the last 7 days before a level-up
DOWN_LOOKBACK_DAYS = 7  # a step back reads sessions of the last 7 days
# The furthest back any rule here reads sessions (a level-up's two weeks): the ticks a page needs.
SESSION_WINDOW_DAYS = max(UP_WINDOW_DAYS, DOWN_LOOKBACK_DAYS, QUIET_DAYS)
SNOOZE_DAYS = {Kind.UP: 3, Kind.DOSE: 3, Kind.DOWN: 7, Kind.GENTLE: 1}
SEVERE_ONCE = 8  # pain during this or more in one session pauses the exercise
SEVERE_TWICE = 7  # ... or this or more in two scored sessions running


class DoneTick(NamedTuple):
    """An exercise done on a day (one session of it): its day, pain during (0-10 or None), effort
    (a `Tick.Effort` value or ""), full dose, spreading (None: not answered), exercise and how many
    times it was done that day (a times-a-day level's count; still one session for the rules).

    The one tick row of the rules, the selectors (`recent_ticks`) and the views.
    """

    date: date
    pain_during: int | None
    effort: str = ""
    full_dose: bool = True
    spread: bool | None = None
    exercise_id: int | None = None
    times: int = 1


@dataclass(frozen=True)
class Suggestion:
    """What the page offers and Accept re-checks: a kind, the rule that fired and its values."""

    kind: str  # Dismissal.Kind
    rule: str  # LevelChange.Rule
    values: dict = field(default_factory=dict)

    @property
    def reason(self):
        return describe(self.rule, self.values)


@dataclass(frozen=True)
class Snoozes:
    """The user's "not now" answers still running for one plan item (or for the day)."""

    up: bool = False
    down: bool = False
    gentle: bool = False
    dose: bool = False

    @classmethod
    def of(cls, kinds):
        return cls(
            up=Kind.UP in kinds, down=Kind.DOWN in kinds, gentle=Kind.GENTLE in kinds, dose=Kind.DOSE in kinds
        )


def _iso(day):
    return day.isoformat()


def _day_words(value):
    """A stored ISO date as "14 May", the month's name in the active language: what
    formats.date_format writes, by the format compiled once a language (journal/date_words.py)."""
    return date_words.writer("DAY_MONTH_FORMAT")(date.fromisoformat(value))


def _num(value):
    return f"{value:g}" if isinstance(value, int | float) else str(value)


def describe(rule, values):
    """The sentence for a rule and its values, with the user's own numbers and dates."""
    sentence = _sentence(rule, values)
    return f"{values['exercise']}: {sentence}" if "exercise" in values else sentence


# Each rule's sentence: dates read as "14 May", numbers as the user gave them (_words). Lazy, so
# each is read in the active language; a sentence is whole (a flare with and without a usual pain).
SENTENCES = {
    Rule.READY: gettext_lazy(
        "{sessions} sessions at full dose since {first}, pain during {safe_during} or less and the latest"
        " felt easy; mornings no more than {up_margin} above your usual {usual}; your 7-day average"
        " ({average}) is no more than {start_margin} above when this level began ({level_start})."
    ),
    Rule.DOSE: gettext_lazy(
        "{sessions} sessions at full dose since {first}, pain during {safe_during} or less and the latest"
        " felt easy; mornings no more than {up_margin} above your usual {usual}; your 7-day average"
        " ({average}) is no more than {start_margin} above when this level began ({level_start})."
        " The next step of this level: {dose}."
    ),
    Rule.PAIN_DURING: gettext_lazy(
        # Translators: CLINICAL: why a step back to an easier level is suggested.
        "Pain during the exercise was {pain_during} on {date}: above {too_much} is more than your back"
        " wants right now."
    ),
    Rule.NEXT_MORNING: gettext_lazy(
        # Translators: CLINICAL: why a step back to an easier level is suggested.
        "The morning after your session on {date} your pain was {morning}, {above} above your usual {usual}."
    ),
    Rule.RISING: gettext_lazy(
        # Translators: CLINICAL: why a step back to an easier level is suggested.
        "Your pain rose at two check-ins running after sessions, from {from} on {first} to {to} on {last}."
    ),
    Rule.SPREAD: gettext_lazy(
        # Translators: CLINICAL: leg symptoms spread during an exercise: step back and re-screen.
        "You noted that symptoms spread down your leg during it on {date}."
        " Please also go through the safety questions again."
    ),
    # Translators: CLINICAL: a flare-up (pain well above the usual): the gentle set is suggested.
    Rule.FLARE: gettext_lazy("Today's pain is {pain}, well above your usual {usual}: a flare."),
    Rule.MANUAL: gettext_lazy("You set the level to {level}."),
    Rule.SEVERE_PAIN: gettext_lazy(
        # Translators: CLINICAL: an exercise is paused after severe pain during it.
        "Pain during the exercise was {pain_during} on {date}{earlier_words}. Please stop this exercise"
        " and talk to a doctor or physiotherapist about the pain it caused."
    ),
    Rule.RESUME: gettext_lazy("You talked to a clinician and took this exercise up again on {date}."),
}
# Translators: CLINICAL: a flare-up when no usual pain is known yet: the gentle set is suggested.
FLARE_WITHOUT_USUAL = gettext_lazy("Today's pain is {pain}: a flare.")
_LIMITS = {
    "safe_during": SAFE_DURING,
    "up_margin": UP_MORNING_MARGIN,
    "start_margin": LEVEL_START_MARGIN,
    "too_much": TOO_MUCH_DURING,
}
_DATE_KEYS = {"first", "last", "date", "earlier", "paused_on"}


def _words(values):
    words = {key: _day_words(v) if key in _DATE_KEYS else _num(v) for key, v in values.items()}
    # A pause after two sessions running names the earlier one too.
    words["earlier_words"] = (
        gettext_lazy(", after {pain} on {day}").format(pain=words["earlier_pain"], day=words["earlier"])
        if "earlier" in values and "earlier_pain" in values
        else ""
    )
    usual = values.get("usual")
    if "morning" in values and usual is not None:
        words["above"] = _num(values["morning"] - usual)
    return words


def _sentence(rule, values):
    template = SENTENCES.get(rule)
    if rule == Rule.FLARE and values.get("usual") is None:
        template = FLARE_WITHOUT_USUAL
    return str(template).format(**_LIMITS, **_words(values)) if template else ""


# --- the words of the log --------------------------------------------------------------------


def _by_day(entries):
    return {e.date: e for e in entries}


def level_start(entries, since, today):
    """The 7-day average on the day the level began; for a level begun before any check-in, the
    first 7-day average known after it."""
    if not entries:
        return None
    # No average exists before the first day read: start there for a level begun long before it.
    day = max(since, min(e.date for e in entries))
    while day <= today:
        average = pain.seven_day_average(entries, day)
        if average is not None:
            return average
        day += timedelta(days=1)
    return None


def _recent(sessions, since, first):
    return sorted((s for s in sessions if s.date >= max(since, first)), key=lambda s: s.date)


def quiet_week(entries, spread_days, today):
    """True when the last 7 days had no flare, no leg symptoms and no spreading."""
    first = today - timedelta(days=QUIET_DAYS - 1)
    return not (
        any(first <= e.date <= today and e.leg_symptoms for e in entries)
        or any(first <= d <= today for d in spread_days)
        or any(
            first <= e.date <= today and pain.is_flare(e.pain, pain.usual_pain(entries, e.date))
            for e in entries
        )
    )


# --- the rules ---------------------------------------------------------------------------------


def ready_for_next_level(*, sessions, entries, since, today, evidence_since=None, context=None):
    """Rule READY: the session, morning and average conditions of a level-up (and of a dose step),
    or None.

    At least 3 sessions at full dose in the last 14 days, each with pain during <= 3 and effort not
    hard, the latest rated easy (`Tick.Effort`); the morning after each (where it has come) no more than 1 above
    the usual pain; today's 7-day average no more than 1 above the level start. Sessions count from
    `evidence_since` (the day the current dose step began; default `since`, the level's first
    day); the level start is always the level's. `context`: the day's `Context` (of these entries
    and today), whose days by date and 7-day average are worked out once for all the plan's items;
    without it, a Context of its own.
    """
    recent = [
        s
        for s in _recent(sessions, evidence_since or since, today - timedelta(days=UP_WINDOW_DAYS - 1))
        if s.full_dose and s.pain_during is not None
    ]
    if len(recent) < UP_SESSIONS:
        return None
    if any(s.pain_during > SAFE_DURING or s.effort == Tick.Effort.HARD for s in recent):
        return None
    if recent[-1].effort != Tick.Effort.EASY:
        return None
    ctx = context or Context(today=today, entries=entries)  # worked out here when not shared
    days = ctx.by_day
    confirmed = []
    for session in recent:
        morning_day = session.date + timedelta(days=1)
        if morning_day > today:
            continue
        morning = days.get(morning_day)
        if morning is None or morning.pain is None:
            continue  # a missed check-in is no evidence, either way
        usual = pain.usual_pain(entries, morning_day)
        if usual is None or morning.pain > usual + UP_MORNING_MARGIN:
            return None
        confirmed.append(usual)
    if len(confirmed) < UP_SESSIONS:
        return None
    average = ctx.average
    start = level_start(entries, since, today)
    if average is None or start is None or average > start + LEVEL_START_MARGIN:
        return None
    return Rule.READY, {
        "sessions": len(recent),
        "first": _iso(recent[0].date),
        "usual": confirmed[-1],
        "average": round(average, 1),
        "level_start": round(start, 1),
    }


def too_much(*, sessions, entries, since, today, context=None):
    """The step-back rules, first that holds: symptoms spread down the leg during a session; pain
    during above 5 in the latest scored session; the morning after any session usual + 2 or more;
    pain rising at two check-ins running after sessions. Only sessions of this level in the last 7
    days count. `context`: the day's `Context` (of these entries and today), whose days by date
    are built once for all the plan's items; without it, a Context of its own."""
    recent = _recent(sessions, since, today - timedelta(days=DOWN_LOOKBACK_DAYS - 1))
    if not recent:
        return None
    spread = [s for s in recent if s.spread]
    if spread:
        return Rule.SPREAD, {"date": _iso(spread[-1].date)}
    scored = [s for s in recent if s.pain_during is not None]
    if scored and scored[-1].pain_during > TOO_MUCH_DURING:
        return Rule.PAIN_DURING, {"date": _iso(scored[-1].date), "pain_during": scored[-1].pain_during}
    ctx = context or Context(today=today, entries=entries)  # worked out here when not shared
    bad_morning = _bad_next_morning(recent, entries, today, ctx.by_day)
    if bad_morning:
        return bad_morning
    return _rising(recent, entries, today)


def _bad_next_morning(recent, entries, today, days):
    """Rule NEXT_MORNING over every session of the window whose next morning has come and has a
    check-in, the newest first: a session ticked today (its morning still to come) hides no
    earlier one. `days`: the entries by date."""
    for session in reversed(recent):
        morning_day = session.date + timedelta(days=1)
        morning = days.get(morning_day)
        if morning_day > today or morning is None or morning.pain is None:
            continue
        usual = pain.usual_pain(entries, morning_day)
        if usual is not None and morning.pain >= usual + DOWN_MORNING_MARGIN:
            return Rule.NEXT_MORNING, {"date": _iso(session.date), "morning": morning.pain, "usual": usual}
    return None


def _rising(recent, entries, today):
    first = today - timedelta(days=DOWN_LOOKBACK_DAYS - 1)
    checkins = sorted(
        (e for e in entries if first <= e.date <= today and e.pain is not None), key=lambda e: e.date
    )
    if len(checkins) < 3:
        return None
    a, b, c = checkins[-3:]
    if not a.pain < b.pain < c.pain:
        return None
    session_days = {s.date for s in recent}
    after_sessions = any(a.date <= d < b.date for d in session_days) and any(
        b.date <= d < c.date for d in session_days
    )
    if not after_sessions:
        return None
    return Rule.RISING, {"first": _iso(a.date), "from": a.pain, "last": _iso(c.date), "to": c.pain}


def severe_pain(sessions, *, since, after=None):
    """Rule SEVERE_PAIN: the exercise is paused, or None.

    Pain during 8 or more in one session, or 7 or more in two scored sessions running (a session
    without a score neither counts nor breaks the run). Only sessions of this level count (from
    `since`, the day it began) and, after "I have talked to a clinician", only those after
    `after` (PlanItem.resumed_through). The first session where it holds is the pause's day.
    """
    scored = sorted(
        (
            s
            for s in sessions
            if s.pain_during is not None and s.date >= since and (after is None or s.date > after)
        ),
        key=lambda s: s.date,
    )
    previous = None
    for session in scored:
        values = {"date": _iso(session.date), "pain_during": session.pain_during}
        if session.pain_during >= SEVERE_ONCE:
            return Rule.SEVERE_PAIN, values
        if (
            session.pain_during >= SEVERE_TWICE
            and previous is not None
            and previous.pain_during >= SEVERE_TWICE
        ):
            return Rule.SEVERE_PAIN, {
                **values,
                "earlier": _iso(previous.date),
                "earlier_pain": previous.pain_during,
            }
        previous = session
    return None


def score_may_move_pause(*, paused, before, after):
    """Can a session's pain-during score going from `before` to `after` start or end its level's
    SEVERE_PAIN pause (`severe_pain` over the level's scored sessions)? None: no score, or (after)
    the session undone. The services read the level's scored sessions only when it can.

    A running pause may end or change with any score. Without one (the item's pause is kept in step
    with every score, services._pause_refresh), only a score of SEVERE_TWICE or more can make the
    rule hold, or the undo of a lower score that broke a run of two (7, 5, 7 without the 5).
    """
    if paused:
        return True
    if after is not None:
        return after >= SEVERE_TWICE
    return before is not None and before < SEVERE_TWICE


def paused(item):
    """The pause of a plan item (`PlannedItem` or `PlanItem`) as a `Suggestion` of rule
    SEVERE_PAIN (kind DOWN: the one way out besides a resume is a lower level), or None."""
    if getattr(item, "paused_on", None) is None:
        return None
    values = {key: v for key, v in item.pause_values.items() if key != "exercise"}  # the row names it
    return Suggestion(Kind.DOWN, Rule.SEVERE_PAIN, values)


def flare_today(entries, today):
    """Rule FLARE: today's check-in is a flare (relative to the usual pain), or None."""
    entry = _by_day(entries).get(today)
    if entry is None or entry.pain is None:
        return None
    usual = pain.usual_pain(entries, today)
    if not pain.is_flare(entry.pain, usual):
        return None
    return Rule.FLARE, {"date": _iso(today), "pain": entry.pain, "usual": usual}


# --- what the page offers ----------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What every suggestion of one day reads: the log and the user's standing."""

    today: date
    entries: list
    day_type: str = Entry.DayType.NORMAL
    screen_cleared: bool = True  # the safety screen is clear or a clinician's OK is recorded
    spread_days: frozenset = frozenset()
    max_level: dict = field(default_factory=dict)  # progression id -> highest level allowed

    # What every plan item's rules read alike, worked out once for the day when first asked (the
    # same values the rules work out from `entries` and `today` alone).
    @cached_property
    def by_day(self):
        """The entries by date."""
        return _by_day(self.entries)

    @cached_property
    def average(self):
        """Today's 7-day average (pain.seven_day_average), or None."""
        return pain.seven_day_average(self.entries, self.today)

    @cached_property
    def quiet(self):
        """`quiet_week` of the day: no flare, leg symptoms or spreading in the last 7 days."""
        return quiet_week(self.entries, self.spread_days, self.today)


def for_item(item, sessions, ctx, snoozes=Snoozes()):
    """The suggestion for one plan item (kind UP, DOSE or DOWN), or None.

    `item` has exercise (with level and its dose ranges), progression_id, since, dose_step,
    evidence_since and top_level. At level 1 there is no step back: `gentle_day` offers the gentle
    set instead.
    """
    if ctx.day_type != Entry.DayType.NORMAL:
        return None
    down = too_much(sessions=sessions, entries=ctx.entries, since=item.since, today=ctx.today, context=ctx)
    if down:
        if item.exercise.level > 1 and not snoozes.down:
            return Suggestion(Kind.DOWN, *down)
        # A snoozed step back, or at level 1 the gentle set's: "not now" never turns into a level-up.
        return None
    if getattr(item, "paused_on", None) is not None:
        return None  # paused after severe pain: no dose step, no level-up
    return _more(item, sessions, ctx, snoozes)


def _more(item, sessions, ctx, snoozes):
    """For an item no step-back rule holds for: the next dose step while it is below the top of its
    level's ranges, at the top the next level; or None.

    Both read the same evidence (`ready_for_next_level`, counted from the day the current step
    began) behind the same gates: a normal day, the screen clear, a quiet week (no flare, no leg
    symptoms, no spreading), no "not now" running for a dose step, a level-up or a step back.
    """
    if snoozes.up or snoozes.dose or snoozes.down or not ctx.screen_cleared:
        return None
    exercise = item.exercise
    top = dose.top_step(exercise)
    step = min(item.dose_step, top)
    if step >= top:
        allowed = min(item.top_level, ctx.max_level.get(item.progression_id, item.top_level))
        if exercise.level >= allowed:
            return None
    if not ctx.quiet:
        return None
    ready = ready_for_next_level(
        sessions=sessions,
        entries=ctx.entries,
        since=item.since,
        today=ctx.today,
        evidence_since=item.evidence_since,
        context=ctx,
    )
    if ready is None:
        return None
    if step >= top:
        return Suggestion(Kind.UP, *ready)
    _, values = ready
    following = dose.at_step(exercise, step + 1)
    return Suggestion(
        Kind.DOSE,
        Rule.DOSE,
        {
            **values,
            "from_step": step,
            "to_step": step + 1,
            "dose": dose.display(following, exercise, often=False),
        },
    )


def gentle_day(plan_sessions, ctx, snoozed=False):
    """The day's gentle-set suggestion, or None: today is a flare, or an exercise at level 1 meets
    a step-back rule (it has no lower level to go to). `plan_sessions` is [(item, sessions)]."""
    if ctx.day_type != Entry.DayType.NORMAL or snoozed:
        return None
    flare = flare_today(ctx.entries, ctx.today)
    if flare:
        return Suggestion(Kind.GENTLE, *flare)
    for item, sessions in plan_sessions:
        if item.exercise.level == 1:
            down = too_much(
                sessions=sessions, entries=ctx.entries, since=item.since, today=ctx.today, context=ctx
            )
            if down:
                rule, values = down
                return Suggestion(Kind.GENTLE, rule, {**values, "exercise": item.exercise.name})
    return None


def sessions_by_exercise(ticks):
    """`DoneTick`s grouped by exercise id."""
    grouped = {}
    for t in ticks:
        grouped.setdefault(t.exercise_id, []).append(t)
    return grouped


def spread_days(ticks):
    return frozenset(t.date for t in ticks if t.spread)


def snooze_until(kind, today):
    return today + timedelta(days=SNOOZE_DAYS[kind])


# --- the same rules told to a clinician (the report) -------------------------------------------

# A clinician's words for each rule (the report): a phrase after the verb ("Stepped back: ...").
CLINICAL_SENTENCES = {
    Rule.READY: gettext_lazy(
        "{sessions} full-dose sessions since {first}, pain during {safe_during}/10 or less, the latest"
        " rated easy; next-morning pain within {up_margin} of usual ({usual}/10); 7-day average"
        " {average}/10 (at the level's start {level_start}/10)"
    ),
    Rule.DOSE: gettext_lazy(
        "{sessions} full-dose sessions since {first}, pain during {safe_during}/10 or less, the latest"
        " rated easy; next-morning pain within {up_margin} of usual ({usual}/10); 7-day average"
        " {average}/10 (at the level's start {level_start}/10); next dose {dose}"
    ),
    Rule.PAIN_DURING: gettext_lazy(
        "pain during the exercise {pain_during}/10 on {date} (the rule: above {too_much}/10)"
    ),
    Rule.NEXT_MORNING: gettext_lazy(
        "next-morning pain {morning}/10 after the session on {date}, {above} above usual ({usual}/10)"
    ),
    Rule.RISING: gettext_lazy(
        "pain rose at two check-ins running after sessions, {from}/10 on {first} to {to}/10 on {last}"
    ),
    Rule.SPREAD: gettext_lazy("symptoms spread down the leg during the exercise on {date}"),
    Rule.FLARE: gettext_lazy("a flare, pain {pain}/10, usual {usual}/10"),
    Rule.MANUAL: gettext_lazy("level {level} chosen by the patient"),
    Rule.SEVERE_PAIN: gettext_lazy("{date}: pain during {pain_during}/10{earlier_clinical} in {exercise}"),
    Rule.RESUME: gettext_lazy("{date}: {exercise} taken up again after talking to a clinician"),
}
CLINICAL_FLARE_WITHOUT_USUAL = gettext_lazy("a flare, pain {pain}/10")
CLINICAL_VERBS = {
    LevelChange.Direction.UP: gettext_lazy("Levelled up"),
    LevelChange.Direction.DOWN: gettext_lazy("Stepped back"),
    LevelChange.Direction.MANUAL: gettext_lazy("Set by hand"),
    LevelChange.Direction.DOSE: gettext_lazy("Dose stepped up"),
    LevelChange.Direction.PAUSE: gettext_lazy("Paused"),
    LevelChange.Direction.RESUME: gettext_lazy("Resumed"),
}

_DATED_VERBS = {LevelChange.Direction.PAUSE, LevelChange.Direction.RESUME}


def describe_for_clinician(direction, rule, values, fallback=""):
    """A level or dose change in a clinician's words, from its stored rule and values ("Stepped back:
    pain during the exercise 6/10 on 3 Nov (the rule: above 5/10)"). A change kept without a rule,
    or with values this version cannot read, falls back to the sentence stored with it."""
    verb = CLINICAL_VERBS.get(direction) or gettext_lazy("Changed")
    template = CLINICAL_SENTENCES.get(rule)
    if template is None or not isinstance(values, dict):
        return f"{verb}: {fallback}" if fallback else str(verb)
    if rule == Rule.FLARE and values.get("usual") is None:
        template = CLINICAL_FLARE_WITHOUT_USUAL
    try:
        words = _words(values)
        words["earlier_clinical"] = (
            gettext_lazy(" after {pain}/10 on {day}, two sessions running,").format(
                pain=words["earlier_pain"], day=words["earlier"]
            )
            if "earlier" in values and "earlier_pain" in values
            else ""
        )
        # "Paused 3 Dec: pain during 8/10 in Bridge with march": the sentence starts with its date.
        joint = " " if direction in _DATED_VERBS else ": "
        return f"{verb}{joint}{str(template).format(**_LIMITS, **words)}"
    except (KeyError, ValueError, TypeError, AttributeError, IndexError):
        return f"{verb}: {fallback}" if fallback else str(verb)
