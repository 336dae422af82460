"""Safety rules: the red-flag screen and the warning signs in the daily log.

Pure functions over rows already fetched; no request, no queries. The app points to care and
never diagnoses: every question is about the body, in plain words. docs/safety.md explains the
groups, the routing and what holds the plan.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from journal import history_numbers
from journal.models import LevelChange, SafetyAlert, SafetyScreen
from journal.pain import is_flare, seven_day_average, usual_pain

Outcome = SafetyScreen.Outcome
EMERGENCY = Outcome.EMERGENCY
URGENT = Outcome.URGENT
TALK_FIRST = Outcome.TALK_FIRST
SEE_SOON = Outcome.SEE_SOON
CLEAR = Outcome.CLEAR
# Most serious first: the outcome of a screen is the first of these answered yes.
SERIOUSNESS = (EMERGENCY, URGENT, TALK_FIRST, SEE_SOON)

RESCREEN_AFTER_DAYS = 28
LEG_SYMPTOM_RUN = 3
# A "symptoms spread down the leg" answer raises its banner for this many days.
SPREAD_SHOWN_DAYS = 7
# The "time to see a clinician" note (docs/clinical-rules.md, "Time to see a clinician"): at least
# this many days since the first check-in, a 7-day average of at least this much now, and it can be
# put away for this many days.
SEE_CLINICIAN_SPAN_DAYS = 42
SEE_CLINICIAN_MIN_AVERAGE = 4
SEE_CLINICIAN_PUT_AWAY_DAYS = 14


class PlanAccess(StrEnum):
    FULL = "full"
    GENTLE = "gentle"
    HELD = "held"


@dataclass(frozen=True)
class Question:
    key: str
    level: str
    words: str  # lazy (gettext_lazy): `text` reads it in the active language

    @property
    def text(self):
        return str(self.words)


QUESTIONS = [
    # Emergency now: call the emergency number, or go to an emergency department.
    Question(
        "saddle_numbness",
        EMERGENCY,
        # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
        gettext_lazy("New numbness or tingling around the genitals, the back passage or the buttocks"),
    ),
    Question(
        "bladder",
        EMERGENCY,
        # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
        gettext_lazy("New trouble starting or stopping when you pass urine, not feeling it, or leaking"),
    ),
    Question(
        "bowel",
        EMERGENCY,
        # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
        gettext_lazy("New loss of control of your bowels"),
    ),
    Question(
        "both_legs",
        EMERGENCY,
        # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
        gettext_lazy("New pain, numbness or weakness in both legs, or legs that give way"),
    ),
    Question(
        "weakness_worsening",
        EMERGENCY,
        # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
        gettext_lazy("A leg or foot getting weaker quickly, day by day or faster"),
    ),
    Question(
        "chest_pain",
        EMERGENCY,
        # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
        gettext_lazy("Back pain together with chest pain, or sudden severe pain between the shoulder blades"),
    ),
    # Urgent: a doctor or the urgent-care line today.
    Question(
        "fever",
        URGENT,
        # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
        gettext_lazy("Fever or chills along with the back pain"),
    ),
    Question(
        "weight_loss",
        URGENT,
        # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
        gettext_lazy("Losing weight without trying"),
    ),
    Question(
        "cancer",
        URGENT,
        # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
        gettext_lazy("Cancer now, or cancer in the past and this back pain is new"),
    ),
    Question(
        "constant_night_pain",
        URGENT,
        gettext_lazy(
            # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
            "Pain that is there all the time, is not eased by rest or by any position, and is worse at night"
        ),
    ),
    Question(
        "recent_accident",
        URGENT,
        gettext_lazy(
            # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
            "Back pain since a serious accident in the last few weeks, such as a car crash or a fall from a height"
        ),
    ),
    Question(
        "fragile_fall",
        URGENT,
        gettext_lazy(
            # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
            "Pain that started after a small fall or strain, when your bones may be fragile (thin bones, or "
            "steroid tablets taken for a long time)"
        ),
    ),
    Question(
        "low_immunity",
        URGENT,
        # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
        gettext_lazy("Weak immunity, from an illness or from medicines, or a serious infection recently"),
    ),
    Question(
        "injected_drugs",
        URGENT,
        # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
        gettext_lazy("Injecting drugs, now or in the recent past"),
    ),
    Question(
        "back_lump",
        URGENT,
        # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
        gettext_lazy("A new lump on your back, or a change in the shape of your back"),
    ),
    # Talk to a clinician before starting: no plan until their OK is recorded.
    Question(
        "pregnancy",
        TALK_FIRST,
        # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
        gettext_lazy("Pregnant, or you gave birth in the last 6 weeks"),
    ),
    Question(
        "back_surgery",
        TALK_FIRST,
        # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
        gettext_lazy("An operation on your back in the last year"),
    ),
    Question(
        "spine_condition",
        TALK_FIRST,
        # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
        gettext_lazy("A doctor has told you of a fracture, a tumour or an infection in your spine"),
    ),
    # See a doctor soon (1-2 weeks): the gentle set meanwhile.
    Question(
        "first_pain_age",
        SEE_SOON,
        # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
        gettext_lazy("This is the first back pain you have ever had, and you are over 50 or under 20"),
    ),
    Question(
        "fragile_bones",
        SEE_SOON,
        # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
        gettext_lazy("Thin bones (osteoporosis), or steroid tablets taken for 3 months or more"),
    ),
    Question(
        "morning_stiffness",
        SEE_SOON,
        # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
        gettext_lazy("Stiffness most mornings that lasts more than 30 minutes and eases as you move"),
    ),
    Question(
        "canal_narrowing",
        SEE_SOON,
        # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
        gettext_lazy("A doctor has told you of a narrowing of the spinal canal"),
    ),
]
QUESTION_KEYS = [q.key for q in QUESTIONS]
BY_KEY = {q.key: q for q in QUESTIONS}

# Questions of the first screen whose meaning changed: never asked again, kept so that old
# screens still read as they were answered (their outcome is stored with them).
RETIRED_QUESTIONS = [
    Question(
        "serious_accident",
        EMERGENCY,
        # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
        gettext_lazy("Did this back pain start after a serious accident, such as a car crash or a bad fall?"),
    ),
    Question(
        "night_pain",
        URGENT,
        gettext_lazy(
            # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
            "Is the pain there even when you rest, whatever position you try, or is it worse at night?"
        ),
    ),
    Question(
        "known_condition",
        TALK_FIRST,
        gettext_lazy(
            # Translators: CLINICAL: a red-flag question of the safety screen (ticked when true).
            "Have you been told you have a fracture, tumour or infection in the spine, or spinal stenosis "
            "(a narrowing of the spinal canal)?"
        ),
    ),
]
# Answers meaning "a narrowing of the spinal canal": the retired question asked it together with others.
NARROWING_KEYS = ("canal_narrowing", "known_condition")


@dataclass(frozen=True)
class Group:
    """One list of the screen: the form's checkbox `name`, with a "none of these" box of its own."""

    name: str
    title: str
    hint: str
    levels: tuple

    @property
    def questions(self):
        return [q for q in QUESTIONS if q.level in self.levels]


GROUPS = [
    Group(
        "emergency",
        # Translators: CLINICAL: the title of the safety screen's first list (signs needing care now).
        gettext_lazy("Emergency now"),
        # Translators: CLINICAL: the hint under that title.
        gettext_lazy("Signs that need care straight away."),
        (EMERGENCY,),
    ),
    Group(
        "urgent",
        # Translators: CLINICAL: the title of the safety screen's second list (a doctor today).
        gettext_lazy("Urgent, today"),
        # Translators: CLINICAL: the hint under that title.
        gettext_lazy("Signs that need a doctor today."),
        (URGENT,),
    ),
    Group(
        "before",
        # Translators: CLINICAL: the title of the safety screen's third list (talk to a clinician first).
        gettext_lazy("Before you start"),
        # Translators: CLINICAL: the hint under that title.
        gettext_lazy("Things a doctor or physiotherapist should know about before you exercise."),
        (TALK_FIRST, SEE_SOON),
    ),
]


def screen_outcome(answers):
    """The most serious level answered yes, else "clear"."""
    levels = {q.level for q in QUESTIONS if answers.get(q.key)}
    return next((level for level in SERIOUSNESS if level in levels), CLEAR)


def yes_answers(answers, level=None):
    """The questions answered yes, current and retired, in the order they are asked."""
    return [
        q
        for q in (*QUESTIONS, *RETIRED_QUESTIONS)
        if answers.get(q.key) and (level is None or q.level == level)
    ]


def previous_ticks(answers):
    """The form's initial ticks from an earlier screen's answers: {group name: [keys]}.

    A group is shown as "none of these" only when that screen answered every one of its current
    questions no; a screen from before a question existed leaves that group for the user to answer.
    """
    ticks = {}
    for group in GROUPS:
        keys = [q.key for q in group.questions if answers.get(q.key)]
        if keys:
            ticks[group.name] = keys
        elif all(answers.get(q.key) is False for q in group.questions):
            ticks[group.name] = ["none"]
    return ticks


def carried_clearance(previous, answers):
    """The clinician's OK a new screen keeps from the one before it, or None.

    An OK stays when the new answers are talk-first or see-soon only and every one of them was
    answered yes on the previous screen, which had the OK: the same thing, already seen by a
    clinician (a past operation needs no new OK every month). A new answer, or an urgent or
    emergency one, always needs a new decision.
    """
    if previous is None or previous.cleared_on is None or previous.outcome == EMERGENCY:
        return None
    if screen_outcome(answers) not in (TALK_FIRST, SEE_SOON):
        return None
    if all(previous.answers.get(q.key) for q in yes_answers(answers)):
        return previous.cleared_on
    return None


HELD_MESSAGES = {
    EMERGENCY: gettext_lazy(
        # Translators: CLINICAL: why the plan is held after an emergency answer on the safety screen.
        "Your safety check found a sign that needs emergency care, so your exercises stay paused "
        "until you answer the safety questions again."
    ),
    URGENT: gettext_lazy(
        # Translators: CLINICAL: why the plan is held after an urgent answer on the safety screen.
        "Your safety check found a sign that needs a doctor today, so your exercises stay paused "
        "until you note a clinician's OK."
    ),
    TALK_FIRST: gettext_lazy(
        # Translators: CLINICAL: why the plan is held until a clinician has been consulted.
        "Your safety check found something to talk over with a clinician before you start, so "
        "your exercises stay paused until you note their OK."
    ),
    SEE_SOON: gettext_lazy(
        # Translators: CLINICAL: why only the gentle set is planned until a doctor has seen the person.
        "Your safety check found something a doctor should see within 1–2 weeks, so until you note "
        "their OK your plan holds only the gentle set."
    ),
}


@dataclass(frozen=True)
class ScreenStatus:
    """What the latest screen means for the pages: how much of the plan may show, is a re-screen due."""

    needs_screen: bool
    # A SafetyScreen.Outcome value.
    outcome: str | None = None
    # HELD: emergency, urgent or talk-first without an OK; GENTLE: see-soon without an OK.
    plan: PlanAccess = PlanAccess.FULL
    # The screen is clear, or its clinician's OK is recorded (level-ups may be suggested).
    cleared: bool = False
    # Pregnancy answered yes on the latest screen: never face-down work, even after an OK.
    no_prone: bool = False
    # 1 when a narrowing of the spinal canal was answered yes: extension levels 2-3 never planned.
    no_extension_above: int | None = None
    # 4 weeks since the last screen.
    rescreen_due: bool = False
    # The one sentence shown when the plan is HELD or GENTLE (the server-side gate returns it too).
    held_message: str = ""

    @property
    def blocks_plan(self):
        return self.plan == PlanAccess.HELD

    @property
    def gentle_only(self):
        return self.plan == PlanAccess.GENTLE

    @property
    def needs_care_now(self):
        """Emergency or urgent advice stands (Today shows it instead of everything else)."""
        return self.outcome == EMERGENCY or (self.outcome == URGENT and not self.cleared)

    @property
    def talk_first(self):
        """A talk-first screen waiting for a clinician's OK."""
        return self.outcome == TALK_FIRST and not self.cleared

    @property
    def see_soon(self):
        """A see-soon screen waiting for a clinician's OK (the gentle set meanwhile)."""
        return self.outcome == SEE_SOON and not self.cleared


def screen_status(screen, today: date) -> ScreenStatus:
    """`screen` is the user's latest SafetyScreen (or None): outcome, taken_on, cleared_on, answers."""
    if screen is None:
        return ScreenStatus(needs_screen=True)
    outcome = screen.outcome
    answers = screen.answers or {}
    # Only a new screen lifts an emergency; every other outcome is lifted by a clinician's OK.
    cleared = outcome == CLEAR or (outcome != EMERGENCY and screen.cleared_on is not None)
    if cleared:
        plan = PlanAccess.FULL
    elif outcome == SEE_SOON:
        plan = PlanAccess.GENTLE
    else:
        plan = PlanAccess.HELD
    return ScreenStatus(
        needs_screen=False,
        outcome=outcome,
        plan=plan,
        cleared=cleared,
        no_prone=bool(answers.get("pregnancy")),
        no_extension_above=1 if any(answers.get(key) for key in NARROWING_KEYS) else None,
        rescreen_due=screen.taken_on <= today - timedelta(days=RESCREEN_AFTER_DAYS),
        held_message="" if plan == PlanAccess.FULL else str(HELD_MESSAGES[outcome]),
    )


def clearance_allowed(screen):
    """A clinician's OK is recorded once, on an urgent, talk-first or see-soon screen; never an emergency."""
    return (
        screen is not None and screen.outcome in (URGENT, TALK_FIRST, SEE_SOON) and screen.cleared_on is None
    )


def since(then: date, today: date):
    """The real time from `then` to `today` as (unit, count): ("day", 5), ("week", 6), ("month", 6),
    ("year", 2), or ("", 0) for less than a day. Months are calendar months, so a gap of half a year
    is 6 months (never "a week"). The words are the caller's, one whole sentence per unit."""
    days = (today - then).days
    if days < 1:
        return "", 0
    if days < 14:
        return "day", days
    months = (today.year - then.year) * 12 + today.month - then.month - (today.day < then.day)
    if months < 2:
        return "week", days // 7
    if months < 12:
        return "month", months
    return "year", months // 12


def since_words(then: date, today: date) -> str:
    """The real time from `then` to `today` in words: "5 days", "6 weeks", "6 months", "2 years".

    Only where the words stand alone; in a sentence, the whole sentence is one message per unit
    (`last_answered_words`), so each language can say "ago" its own way ("vor 5 Tagen").
    """
    unit, n = since(then, today)
    if unit == "day":
        return ngettext("%(count)d day", "%(count)d days", n) % {"count": n}
    if unit == "week":
        return ngettext("%(count)d week", "%(count)d weeks", n) % {"count": n}
    if unit == "month":
        return ngettext("%(count)d month", "%(count)d months", n) % {"count": n}
    if unit == "year":
        return ngettext("%(count)d year", "%(count)d years", n) % {"count": n}
    return _("less than a day")


def last_answered_words(then: date, today: date) -> str:
    """The safety screen's line about the last answers: "You last answered 5 days ago, on 5 June
    2026." One whole sentence per unit, in the active language, the date through Django's formats."""
    unit, n = since(then, today)
    found = {"count": n, "day": formats.date_format(then, "DATE_FORMAT")}
    if unit == "day":
        text = ngettext(
            "You last answered %(count)d day ago, on %(day)s.",
            "You last answered %(count)d days ago, on %(day)s.",
            n,
        )
    elif unit == "week":
        text = ngettext(
            "You last answered %(count)d week ago, on %(day)s.",
            "You last answered %(count)d weeks ago, on %(day)s.",
            n,
        )
    elif unit == "month":
        text = ngettext(
            "You last answered %(count)d month ago, on %(day)s.",
            "You last answered %(count)d months ago, on %(day)s.",
            n,
        )
    elif unit == "year":
        text = ngettext(
            "You last answered %(count)d year ago, on %(day)s.",
            "You last answered %(count)d years ago, on %(day)s.",
            n,
        )
    else:
        text = _("You last answered earlier today, on %(day)s.")
    return text % found


@dataclass(frozen=True)
class Alert:
    kind: str  # SafetyAlert.Kind value
    first_day: date
    message: str


def leg_symptom_run_start(entries, today: date):
    """First day of a run of 3+ consecutive days with leg symptoms that reaches today or yesterday."""
    days = {e.date for e in entries if e.leg_symptoms}
    end = today if today in days else today - timedelta(days=1)
    if end not in days:
        return None
    start = end
    while start - timedelta(days=1) in days:
        start -= timedelta(days=1)
    return start if (end - start).days + 1 >= LEG_SYMPTOM_RUN else None


def pain_rise(entries, today: date):
    """(today's pain, usual pain) when today's check-in is a flare, else None."""
    todays = next((e for e in entries if e.date == today), None)
    if todays is None or todays.pain is None:
        return None
    usual = usual_pain(entries, today)
    if not is_flare(todays.pain, usual):
        return None
    return todays.pain, usual


def latest_spread_day(spread_days, today: date):
    """The latest day of the last week on which symptoms spread down the leg during an exercise."""
    recent = [d for d in spread_days if today - timedelta(days=SPREAD_SHOWN_DAYS - 1) <= d <= today]
    return max(recent, default=None)


def active_alerts(entries, today: date, acknowledged, *, spread_days=frozenset()):
    """Alerts to show as a banner; each one asks for a re-screen.

    `acknowledged` is a set of (kind, first_day) the user has read; `spread_days` are the dates on
    which the user said symptoms spread down the leg during an exercise.
    """
    alerts = []
    start = leg_symptom_run_start(entries, today)
    if start is not None:
        alerts.append(
            Alert(
                SafetyAlert.Kind.LEG_SYMPTOMS,
                start,
                _(
                    # Translators: CLINICAL: the banner after three days of leg symptoms in a row.
                    "You have noted numbness or tingling below the knee for three days in a row. Please "
                    "answer the safety questions again, see a doctor or physiotherapist, and stop any "
                    "exercise that sends symptoms further down the leg."
                ),
            )
        )
    spread = latest_spread_day(spread_days, today)
    if spread is not None:
        alerts.append(
            Alert(
                SafetyAlert.Kind.SPREADING,
                spread,
                _(
                    # Translators: CLINICAL: the banner after symptoms spread down the leg during an
                    # exercise; day is a weekday and date, such as "Monday 8 June".
                    "On %(day)s you said symptoms spread further down the leg during an exercise. Stop "
                    "that exercise, go back to the level before it, and please answer the safety questions "
                    "again; see a doctor or physiotherapist if it happens again."
                )
                % {"day": formats.date_format(spread, "WEEKDAY_DATE_FORMAT")},
            )
        )
    rise = pain_rise(entries, today)
    if rise is not None:
        pain, usual = rise
        alerts.append(
            Alert(
                SafetyAlert.Kind.PAIN_RISE,
                today,
                # Read whatever the plan is (held, gentle or full): no "easier levels" it may not have.
                (
                    _(
                        # Translators: CLINICAL: the banner on a flare: today's pain well above the usual.
                        "Today's pain (%(pain)s) is %(above)s points above your usual %(usual)s. Take it "
                        "gently today: walk a little and often, and stop any exercise that makes it "
                        "worse. Please answer the safety questions again, and if it does not settle, "
                        "talk to a clinician."
                    )
                    % {"pain": pain, "above": f"{pain - usual:g}", "usual": f"{usual:g}"}
                    if usual is not None
                    else _(
                        # Translators: CLINICAL: the banner on a high pain with no usual pain known yet.
                        "Today's pain (%(pain)s) is high. Take it gently today: walk a little and often, "
                        "and stop any exercise that makes it worse. Please answer the safety questions "
                        "again, and if it does not settle, talk to a clinician."
                    )
                    % {"pain": pain}
                ),
            )
        )
    return [a for a in alerts if (a.kind, a.first_day) not in acknowledged]


class SeeClinician(NamedTuple):
    """Six weeks or more of log, pain still at 4 or more and not clearly better since the start:
    the first check-in's day and History's change figures (`history_numbers.change`), then and now."""

    since: date
    then: float
    now: float


def see_clinician_possible(entries, today: date):
    """Can the note show, judging by the last 7 days alone (their average is 4 or more)?

    The caller reads the diary's first week only when it can: most days cost no query.
    """
    now = seven_day_average(entries, today)
    return now is not None and now >= SEE_CLINICIAN_MIN_AVERAGE


def see_clinician(days, today: date):
    """A `SeeClinician` when the note shows, else None (docs/clinical-rules.md).

    `days` are `history_numbers.Day` rows (date, pain, day_type) in any order, a date at most once: the
    diary's first week of check-ins and the last 7 days, at least. The note shows while
    - the first check-in is 42 days ago or more (six weeks of log),
    - today's 7-day average (journal/pain.py: 3 check-ins or more) is 4 or more, and
    - History's change from the first week to the last (`history_numbers.change`, the very figure History
      shows over "All") is not a meaningful improvement (`Change.meaningful`).
    Putting it away is the caller's (`see_clinician_put_away`).
    """
    ordered = sorted({d.date: d for d in days if d.date <= today}.values(), key=lambda d: d.date)
    first = next((d for d in ordered if d.pain is not None), None)
    if first is None or (today - first.date).days + 1 < SEE_CLINICIAN_SPAN_DAYS:
        return None
    if not see_clinician_possible(ordered, today):
        return None
    change = history_numbers.change(ordered, today)
    if change is None or change.meaningful:
        return None
    return SeeClinician(first.date, change.first, change.last)


def see_clinician_put_away(until, today: date):
    """The note was put away until `until` (exclusive; a `Dismissal`), and that day has not come."""
    return until is not None and today < until


# --- Today's warnings: one box at a time ------------------------------------------------------


class WarningKind(StrEnum):
    """What one warning box on Today is about (docs/safety.md, "One box at a time")."""

    SAFETY = "safety"  # the latest screen's advice: emergency, urgent, talk-first, see-soon
    FLARE = "flare"  # today's pain well above the usual, with the gentle-set choice
    LEG = "leg"  # leg signs: three days of tingling, spreading during an exercise, today's answer
    EASIER = "easier"  # take it easier today: step-back offers, the gentle set after a level-1 sign
    RESCREEN = "rescreen"  # four weeks since the last safety check
    REVIEW = "review"  # the six-week note: time to see a clinician


# Most important first; a kind's boxes keep the order they were given in.
WARNING_ORDER = tuple(WarningKind)


@dataclass(frozen=True)
class TodayWarning:
    """One box: its kind, and what it shows (an alert, the gentle-set offer, the step-back offers
    as (plan item, Suggestion) pairs, today's leg answer, the six-week note)."""

    kind: WarningKind
    alert: Alert | None = None
    gentle: object = None
    step_backs: tuple = ()
    leg_today: bool = False
    see_clinician: SeeClinician | None = None

    @property
    def put_away(self):
        """Advice may be put away; the screen's own advice (a safety hold) never."""
        return self.kind != WarningKind.SAFETY


def warnings_in_order(
    *,
    status=None,
    alerts=(),
    gentle=None,
    step_backs=(),
    leg_today=False,
    see_clinician=None,
    rescreen_due=False,
):
    """Today's warnings, the most important first: safety > flare > leg signs > take it easier >
    re-screen > six-week note. The page shows the first as its one box and the rest one tap away.

    `status`: the `ScreenStatus`; emergency or urgent advice stands alone (nothing else is shown
    under it). `alerts`: `active_alerts` not yet read; `gentle`: the day's gentle-set `Suggestion`
    (its rule FLARE on a flare); `step_backs`: [(plan item, Suggestion of kind DOWN)];
    `leg_today`: today's check-in says numbness or tingling below the knee; `see_clinician`: the
    six-week note (`SeeClinician`) or None; `rescreen_due`: the four-weekly re-screen reminder.
    A flare's banner and the gentle-set choice are one box; a leg banner already says what
    today's leg answer would, so that answer adds no box of its own, and a flare or leg banner
    asks for the safety questions again, so the re-screen reminder waits until it is put away.
    """
    found = []
    if status is not None and (status.needs_care_now or status.talk_first or status.see_soon):
        found.append(TodayWarning(WarningKind.SAFETY))
        if status.needs_care_now:
            return found
    pain_rise = next((a for a in alerts if a.kind == SafetyAlert.Kind.PAIN_RISE), None)
    flare_gentle = gentle is not None and gentle.rule == LevelChange.Rule.FLARE
    if pain_rise is not None or flare_gentle:
        found.append(
            TodayWarning(WarningKind.FLARE, alert=pain_rise, gentle=gentle if flare_gentle else None)
        )
    leg_alerts = [a for a in alerts if a.kind in (SafetyAlert.Kind.LEG_SYMPTOMS, SafetyAlert.Kind.SPREADING)]
    found.extend(TodayWarning(WarningKind.LEG, alert=a) for a in leg_alerts)
    if leg_today and not leg_alerts:
        found.append(TodayWarning(WarningKind.LEG, leg_today=True))
    easier_gentle = gentle if gentle is not None and not flare_gentle else None
    if step_backs or easier_gentle is not None:
        found.append(TodayWarning(WarningKind.EASIER, gentle=easier_gentle, step_backs=tuple(step_backs)))
    # A flare or leg banner asks for the safety questions again itself: no second line saying so.
    if rescreen_due and not any(w.alert is not None for w in found):
        found.append(TodayWarning(WarningKind.RESCREEN))
    if see_clinician is not None:
        found.append(TodayWarning(WarningKind.REVIEW, see_clinician=see_clinician))
    return sorted(found, key=lambda w: WARNING_ORDER.index(w.kind))


RESCREEN_PUT_AWAY_DAYS = 7


def rescreen_put_away(until, today: date):
    """The re-screen reminder was put away until `until` (exclusive; a `Dismissal`), not yet come."""
    return until is not None and today < until
