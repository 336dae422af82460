"""The starter plan built from the answers of the start (docs/starter-plan.md). Pure: no request,
no queries.

`starter_plan(answers, levels, screen)` decides which families a new plan holds, at which level
and dose step; `summary(plan, answers)` says in one short paragraph what was chosen and why, with
the person's own answers. Every answer may be skipped (None): a skipped answer takes the most
cautious branch. Every family starts at its level 1, never above; equipment the person does not
have and positions their safety answers rule out leave a family out (and the summary says so),
never move it to another level. The same answers and library give the same plan.

`answers` is anything with `episode`, `leg`, `equipment` (a list of `Equipment` tags or None),
`minutes` and `sitting` (journal.models.StartAnswers); `levels` the library's levels, each with
`level`, `positions`, `equipment_tags`, `extension` and a `progression` with `slug`, `name`,
`category` and `order` (exercises/catalog.py); `screen` a journal.safety.ScreenStatus or None.
"""

from dataclasses import dataclass

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from exercises import dose, positions
from exercises.positions import Equipment
from journal import safety

# The answers' stored values (journal.models.StartAnswers keeps them as TextChoices / IntegerChoices).
UNDER_6_WEEKS, WEEKS_6_TO_12, OVER_3_MONTHS = "under_6_weeks", "6_to_12_weeks", "over_3_months"
BACK_ONLY, BUTTOCK_OR_THIGH, BELOW_KNEE = "back_only", "buttock_or_thigh", "below_knee"
MINUTES = (5, 10, 20)

# Things nearly every home has (a soft floor or a mat, a chair or a couch, a cushion): taken as at
# hand, so the start asks only about equipment a person may well not have.
AT_HOME = frozenset({Equipment.NONE, Equipment.MAT, Equipment.CHAIR, Equipment.CUSHION})
# What the start asks about ("Equipment at hand"): the rest of the library's equipment tags.
ASKED = (
    Equipment.EXERCISE_BALL,
    Equipment.BOX_OR_BENCH,
    Equipment.WEIGHT_OR_BAND,
    Equipment.ROLLER_OR_TENNIS_BALL,
)

# Always in the plan: belly breathing (feet up) and the daily walk.
ALWAYS = ("belly-breathing", "walking")
# Only when most of the day is spent sitting.
SITTING_BREAKS = "sitting-breaks"
# The families each time budget adds, each budget holding the smaller one's.
BY_MINUTES = {
    5: ("cat-cow", "supine-marching"),
    10: ("cat-cow", "supine-marching", "rocking", "glute-bridge"),
    20: ("cat-cow", "supine-marching", "rocking", "glute-bridge", "bird-dog", "back-extension"),
}
HABIT = "habit"
STRENGTH = "strength"


@dataclass(frozen=True)
class Planned:
    """One family of the starter plan: its level (always its first) and the dose step to start at
    (None in a rebuilt plan: the family keeps the level and dose step it has)."""

    family: str
    level: object
    dose_step: int


@dataclass(frozen=True)
class LeftOut:
    """A family the budget chose but the plan leaves out, and why, in a few words for the person."""

    family: str
    name: str
    why: str


@dataclass(frozen=True)
class StarterPlan:
    items: tuple
    left_out: tuple
    # The strength families start at the top of level 1's range (an episode over 3 months).
    graded: bool

    def families(self):
        return [item.family for item in self.items]


def minutes_of(answers):
    """The time budget: a skipped answer (or an unknown one) is the smallest."""
    return answers.minutes if answers.minutes in MINUTES else MINUTES[0]


def at_hand(answers):
    """The equipment tags at hand: what is in every home, and what the person said they have
    (nothing more when the question was skipped)."""
    said = answers.equipment or ()
    return AT_HOME | {tag for tag in said if tag in ASKED}


def graded_start(answers, screen):
    """Do the strength families start at the top of level 1's range? Only for an episode over 3
    months (graded activity), with symptoms that stay above the knee, after a clear screen. Every
    skipped answer, an episode under 3 months, symptoms below the knee, no screen, or a screen that
    needed a clinician's OK (talk-first or see-soon, even after the OK) starts at the low end."""

    return (
        answers.episode == OVER_3_MONTHS
        and answers.leg in (BACK_ONLY, BUTTOCK_OR_THIGH)
        and screen is not None
        and screen.outcome == safety.CLEAR
    )


def _first_levels(levels):
    """{family slug: its lowest level} of the library."""
    first = {}
    for level in levels:
        slug = level.progression.slug
        if slug not in first or level.level < first[slug].level:
            first[slug] = level
    return first


def chosen_families(answers):
    """The families the answers ask for, before any gate: always, the time budget's, sitting breaks."""
    wanted = [*ALWAYS, *BY_MINUTES[minutes_of(answers)]]
    if answers.sitting:
        wanted.append(SITTING_BREAKS)
    return wanted


def starter_plan(answers, levels, screen):
    """The starter plan for these answers (docs/starter-plan.md), in the library's order."""
    first = _first_levels(levels)
    have = at_hand(answers)
    graded = graded_start(answers, screen)
    items, left_out = [], []
    wanted = [slug for slug in chosen_families(answers) if slug in first]
    for slug in sorted(wanted, key=lambda s: (first[s].progression.order, s)):
        level = first[slug]
        missing = positions.missing_equipment(level, have)
        if missing:
            words = ", ".join(str(word) for word in positions.labels(missing, Equipment))
            left_out.append(
                LeftOut(slug, level.progression.name, _("it needs %(things)s") % {"things": words})
            )
            continue
        if not positions.allowed(level, screen):
            left_out.append(LeftOut(slug, level.progression.name, str(positions.why_not(level, screen))))
            continue
        strength = level.progression.category == STRENGTH
        step = dose.top_step(level) if graded and strength else 0
        items.append(Planned(slug, level, step))
    return StarterPlan(items=tuple(items), left_out=tuple(left_out), graded=graded)


def _and(names):
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return _("%(some)s and %(last)s") % {"some": ", ".join(names[:-1]), "last": names[-1]}


# Languages whose nouns keep their capital inside a sentence: a habit's name ("Gehen") is not
# lower-cased there as it is in English or Spanish ("walking", "caminar").
CAPITAL_NOUNS = {"de"}


def _in_a_sentence(name):
    """A family's name as it reads inside a sentence in the active language."""
    return name if (get_language() or "").split("-")[0] in CAPITAL_NOUNS else name.lower()


def _time_words(answers):
    if answers.minutes not in MINUTES:
        return _("You did not say how much time you have, so your plan starts with the shortest set")
    return _("You have about %(minutes)s minutes a day") % {"minutes": answers.minutes}


def _equipment_words(answers):
    said = [tag for tag in ASKED if tag in (answers.equipment or ())]
    if not said:
        return _("no equipment")
    return _and(str(word) for word in positions.labels(said, Equipment))


def summary(plan, answers):
    """What was chosen and why, in one short paragraph with the person's answers (a list of
    sentences, to be shown together)."""
    exercises = [item for item in plan.items if item.level.progression.category != HABIT]
    habits = [item for item in plan.items if item.level.progression.category == HABIT]
    count = len(exercises)
    sentences = [
        ngettext(
            "%(time)s and %(equipment)s, so your plan has %(count)s gentle exercise: %(names)s.",
            "%(time)s and %(equipment)s, so your plan has %(count)s gentle exercises: %(names)s.",
            count,
        )
        % {
            "time": _time_words(answers),
            "equipment": _equipment_words(answers),
            "count": count,
            "names": _and(item.level.name for item in exercises),
        }
    ]
    if habits:
        sentences.append(
            _("Every day also holds %(habits)s.")
            % {"habits": _and(_in_a_sentence(item.level.progression.name) for item in habits)}
        )
    if plan.graded:
        sentences.append(
            _(
                "Everything starts at level 1. As your back has been troubling you for over 3 months, "
                "the strength exercises start at the upper end of level 1, and grow from there step by step."
            )
        )
    else:
        sentences.append(_("Everything starts at level 1, at its easiest dose, and grows step by step."))
    for left in plan.left_out:
        sentences.append(_("%(name)s is left out: %(why)s.") % {"name": left.name, "why": left.why})
    sentences.append(_("You can change all of this in Settings."))
    return sentences


# --- a plan rebuilt from the answers (Settings) ------------------------------------------------


@dataclass(frozen=True)
class Rebuilt:
    """A plan rebuilt from the answers: each family's level (`Planned`, `kept` when it stays at the
    level the plan has now) and the families of the plan that leave it (slugs)."""

    items: tuple
    removed: tuple


def rebuilt_plan(answers, levels, screen, current):
    """The plan "Rebuild my plan from these answers" makes (docs/starter-plan.md, "Rebuilding").

    `current`: {family slug: the level exercise the plan has now} (active items only). The families
    are the starter rule's for the answers; a family already in the plan keeps its level while the
    safety answers allow it and its equipment is at hand (progress is not thrown away), otherwise it
    starts again where the starter rule starts it; a family new to the plan starts at level 1 (the
    rule's own level, never higher). A family of the plan the answers no longer ask for leaves it.
    """
    plan = starter_plan(answers, levels, screen)
    have = at_hand(answers)
    items = []
    for item in plan.items:
        now = current.get(item.family)
        if now is not None and positions.allowed(now, screen) and not positions.missing_equipment(now, have):
            items.append(Planned(item.family, now, None))
        else:
            items.append(item)
    chosen = {item.family for item in items}
    return Rebuilt(items=tuple(items), removed=tuple(slug for slug in current if slug not in chosen))
