"""Safety rules: the red-flag screen and the warning signs in the daily log.

Pure functions over rows already fetched; no request, no queries. The app points to care and
never diagnoses: every question is about the body, in plain words.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from journal.pain import is_flare, usual_pain

EMERGENCY = "emergency"
URGENT = "urgent"
TALK_FIRST = "talk_first"
CLEAR = "clear"

REMIND_AFTER_DAYS = 7
LEG_SYMPTOM_RUN = 3


@dataclass(frozen=True)
class Question:
    key: str
    level: str
    text: str


QUESTIONS = [
    # Emergency: stop and get emergency care now.
    Question(
        "saddle_numbness",
        EMERGENCY,
        "Is there new numbness or tingling between your legs: around the genitals, the back passage "
        "or the buttocks?",
    ),
    Question(
        "bladder",
        EMERGENCY,
        "Is passing urine newly different: hard to start or stop, you can't feel it, or you leak?",
    ),
    Question("bowel", EMERGENCY, "Have you newly lost control of your bowels?"),
    Question(
        "both_legs",
        EMERGENCY,
        "Do you have pain, numbness or weakness in both legs, or do your legs give way?",
    ),
    Question(
        "weakness_worsening", EMERGENCY, "Is a leg or foot getting weaker quickly, day by day or faster?"
    ),
    Question(
        "serious_accident",
        EMERGENCY,
        "Did this back pain start after a serious accident, such as a car crash or a bad fall?",
    ),
    # Urgent: see a doctor today.
    Question("fever", URGENT, "Do you have a fever, or feel generally unwell, along with the back pain?"),
    Question("weight_loss", URGENT, "Have you been losing weight without trying?"),
    Question("cancer", URGENT, "Have you had cancer in the past, and is this back pain new?"),
    Question(
        "night_pain",
        URGENT,
        "Is the pain there even when you rest, whatever position you try, or is it worse at night?",
    ),
    Question(
        "fragile_fall",
        URGENT,
        "Did the pain start after a small fall or strain, and could your bones be fragile "
        "(osteoporosis, or steroid tablets taken for a long time)?",
    ),
    Question(
        "low_immunity",
        URGENT,
        "Is your immune system weakened (by an illness or by medicines), or have you had an infection "
        "recently?",
    ),
    # Talk to a clinician before starting the exercises.
    Question("pregnancy", TALK_FIRST, "Are you pregnant?"),
    Question("back_surgery", TALK_FIRST, "Have you had an operation on your back?"),
    Question(
        "known_condition",
        TALK_FIRST,
        "Have you been told you have a fracture, tumour or infection in the spine, or spinal stenosis "
        "(a narrowing of the spinal canal)?",
    ),
]
QUESTION_KEYS = [q.key for q in QUESTIONS]


def screen_outcome(answers):
    """The most serious level answered yes, else "clear"."""
    levels = {q.level for q in QUESTIONS if answers.get(q.key)}
    for level in (EMERGENCY, URGENT, TALK_FIRST):
        if level in levels:
            return level
    return CLEAR


def yes_answers(answers, level=None):
    return [q for q in QUESTIONS if answers.get(q.key) and (level is None or q.level == level)]


class PlanAccess(StrEnum):
    FULL = "full"
    GENTLE = "gentle"
    HELD = "held"


HELD_MESSAGE = "Your exercise plan is on hold after your safety answers; the daily check-in stays open."


@dataclass(frozen=True)
class ScreenStatus:
    """What the latest screen means for the pages: may the plan show, is a reminder due."""

    needs_screen: bool
    outcome: str | None = None
    plan: PlanAccess = PlanAccess.FULL
    cleared: bool = False
    no_prone: bool = False
    no_extension_above: int | None = None
    rescreen_due: bool = False
    held_message: str = ""
    talk_first: bool = False
    reminder_due: bool = False

    @property
    def blocks_plan(self):
        return self.plan == PlanAccess.HELD

    @property
    def gentle_only(self):
        return self.plan == PlanAccess.GENTLE


def screen_status(screen, today: date) -> ScreenStatus:
    """`screen` is the user's latest SafetyScreen (or None): its outcome, taken_on, cleared_on."""
    if screen is None:
        return ScreenStatus(needs_screen=True)
    outcome = screen.outcome
    if outcome == EMERGENCY:
        # Only a new screen lifts an emergency answer.
        blocks = True
    elif outcome == URGENT:
        blocks = screen.cleared_on is None
    else:
        blocks = False
    return ScreenStatus(
        needs_screen=False,
        outcome=outcome,
        plan=PlanAccess.HELD if blocks else PlanAccess.FULL,
        cleared=outcome == CLEAR or screen.cleared_on is not None,
        held_message=HELD_MESSAGE if blocks else "",
        talk_first=outcome == TALK_FIRST and screen.cleared_on is None,
        reminder_due=screen.taken_on <= today - timedelta(days=REMIND_AFTER_DAYS),
    )


def clearance_allowed(screen):
    """A clinician's OK can be recorded once, on an urgent or talk-first screen; never on an emergency."""
    return screen is not None and screen.outcome in (URGENT, TALK_FIRST) and screen.cleared_on is None


def level_up_paused(status: ScreenStatus, alerts) -> bool:
    """Hold back level-up suggestions while a warning banner is unread, or a clinician's OK is awaited."""
    return bool(alerts) or status.talk_first


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
    """(today's pain, baseline) when today's score is 3+ points above the baseline, else None."""
    todays = next((e for e in entries if e.date == today), None)
    if todays is None or todays.pain is None:
        return None
    usual = usual_pain(entries, today)
    if not is_flare(todays.pain, usual):
        return None
    return todays.pain, usual


def active_alerts(entries, today: date, acknowledged):
    """Alerts to show as a banner. `acknowledged` is a set of (kind, first_day) the user has seen."""
    alerts = []
    start = leg_symptom_run_start(entries, today)
    if start is not None:
        alerts.append(
            Alert(
                "leg_symptoms",
                start,
                "You have noted numbness or tingling below the knee for three days in a row. "
                "Please see a doctor or physiotherapist, and stop any exercise that sends symptoms further down the leg.",
            )
        )
    rise = pain_rise(entries, today)
    if rise is not None:
        pain, usual = rise
        alerts.append(
            Alert(
                "pain_rise",
                today,
                (
                    f"Today's pain ({pain}) is {pain - usual:g} points above your usual {usual:g}. "
                    if usual is not None
                    else f"Today's pain ({pain}) is high. "
                )
                + "Take it gently, keep to the easier levels, and if it does not settle, talk to a clinician.",
            )
        )
    return [a for a in alerts if (a.kind, a.first_day) not in acknowledged]
