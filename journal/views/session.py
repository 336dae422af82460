"""The guided session: today's exercises that are due and not yet done, one per screen, each dose
broken into the phases static/js/session.js runs (exercises/phases.py). Without JavaScript it is an
ordered list, each exercise with a plain Done form to the tick URL."""

from dataclasses import dataclass, field, fields
from functools import partial

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.template.backends.utils import csrf_input
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_safe

from backcare import language_cache
from exercises import catalog, dose, phases
from exercises.models import Exercise, Progression
from journal import felt, schedule, selectors, today_page
from journal.forms import LEG_CHOICES, PAIN_CHOICES
from journal.models import Entry, Tick


@dataclass
class Step:
    """One exercise of the session: its phases and where its tick goes."""

    exercise: Exercise
    phases: list[phases.Phase]
    tick_url: str
    dose_text: str  # the plan item's dose step for people: "2 × 8 each side, daily"
    usual: dict = field(default_factory=dict)  # what "Felt fine" posts (journal/felt.py)
    dose_step: int = 0
    number_words: str = ""  # "Exercise 2 of 5" (`step_words`)

    @property
    def body(self):
        """The step's level at its dose step (name, figure, cue, cautions, dose and phases): the
        same for everyone, so rendered once per library version and language
        (`catalog.library_fragment`), as Today's exercise text is."""
        exercise = self.exercise
        context = {"exercise": exercise, "dose_text": self.dose_text, "phases": self.phases}
        return catalog.library_fragment(
            f"journal:session-step:{exercise.pk}:{self.dose_step}",
            exercise,
            partial(render_to_string, "journal/_session_step.html", context),
        )


# The fields of a phase, as the session's script reads them.
PHASE_FIELDS = tuple(f.name for f in fields(phases.Phase))


def phase_data(phase):
    """A phase as a dict for the page's JSON: `dataclasses.asdict` without its deep copy of each
    value (every field is a str, a number or None), a tenth of its cost."""
    return {name: getattr(phase, name) for name in PHASE_FIELDS}


# The words the session repeats, translated once a language (backcare/language_cache.py: words).
NOTE_WORDS = {
    "scored": gettext_lazy("Saves pain during %(pain)s of 10, as last time, and effort about right."),
    "unscored": gettext_lazy("Saves effort about right, with no pain score."),
}
STEP_WORDS = {
    "number": gettext_lazy("Exercise %(number)s of %(total)s"),
    "done": pgettext_lazy("button", "Done"),
    "how_to": gettext_lazy("How to do it"),
}
SPOKEN_WORDS = {
    "switch": gettext_lazy("Switch sides"),
    "rest": gettext_lazy("Rest"),
    "begin": gettext_lazy("Begin"),
    "paused": gettext_lazy("Paused"),
    "resumed": gettext_lazy("Going again"),
    "felt": gettext_lazy("How did it feel?"),
    "finished": gettext_lazy("Session done. Well done."),
    # Shown, not spoken: %(seconds)s is the level's tempo.
    "tempo": gettext_lazy("Counting for you: one every %(seconds)s s"),
}
_note_words = language_cache.words(NOTE_WORDS)
_step_words = language_cache.words(STEP_WORDS)
_spoken_words = language_cache.words(SPOKEN_WORDS)


def usual_note(usual):
    """What "Felt fine" will save, in words, beside the button."""
    words = _note_words()
    if "pain_during" in usual:
        return words["scored"] % {"pain": usual["pain_during"]}
    return words["unscored"]


def step_words(steps):
    """The words every step repeats, translated once a language (`STEP_WORDS`) instead of by a
    template tag a step (each `{% translate %}` and `{% blocktranslate %}` node costs more than the
    gettext it calls): each step's "Exercise 2 of 5" (set on the step), and its Done button's and
    link's words."""
    total = len(steps)
    words = _step_words()
    for number, step in enumerate(steps, 1):
        step.number_words = words["number"] % {"number": number, "total": total}
    return words


def spoken_words():
    """The words the session's voice says besides each exercise's name and cue, and the counts
    (static/js/session.js speaks only what the page gives it, so they can be translated): the same
    for everyone who reads the language (`SPOKEN_WORDS`), a copy a page."""
    return dict(_spoken_words())


def due_steps(exercises, statuses, done, day_iso, dose_steps=None):
    """The session's steps: `exercises` planned (Today's rows, in order) that are due on the day
    (`statuses`, journal/schedule.py), less habits and those done; each at its plan item's dose
    step (`dose_steps`, exercise pk -> step; 0, the low end, for the rough-day and gentle sets)."""
    tick_url = today_page.urls()["tick"].format(day_iso, "{}")  # reversed once a process
    dose_steps = dose_steps or {}
    return [
        Step(
            exercise=ex, phases=list(found), tick_url=tick_url.format(ex.slug), dose_text=text, dose_step=step
        )
        for ex, status in zip(exercises, statuses, strict=True)
        if status.due and ex.progression.category != Progression.Category.HABIT and ex.pk not in done
        for step in [max(0, min(dose_steps.get(ex.pk, 0), dose.top_step(ex)))]
        for found, text in [dose_parts(ex, step)]
    ]


def dose_parts(exercise, step):
    """(the phases, the dose in words) of a level at its dose step: library data, the same for
    everyone, so worked out once per library version and language (`catalog.library_fragment`)."""

    def work():
        at_step = dose.at_step(exercise, step)
        return tuple(phases.breakdown(at_step, exercise)), dose.display(at_step, exercise)

    return catalog.library_fragment(f"journal:session-dose:{exercise.pk}:{step}", exercise, work)


def fixed_parts(today_url):
    """The player, the "how did it feel" questions and the closing box (journal/_session_fixed.html):
    about 35 translated words and the answers' buttons, the same for everyone who reads the
    language, so rendered once a process for each language (`catalog.render_cached`, as the
    library's fragments; afresh with DEBUG) instead of once a page. Nothing per user or request
    goes in: `today_url` is the same for everyone."""
    context = {
        "today_url": today_url,
        "pain_options": PAIN_CHOICES,
        "effort_options": Tick.Effort.choices,
        "spread_choices": LEG_CHOICES,
    }
    return catalog.render_cached(
        "journal:session-fixed", partial(render_to_string, "journal/_session_fixed.html", context)
    )


@login_required
@require_safe
def session(request):
    user = request.user
    status = request.safety.status
    if status.blocks_plan:
        # Today says why the plan is held (its safety block); nobody is led through exercises.
        return redirect("journal:today")
    today = user.local_today()
    # The two weeks of days with their ticks and the active plan, in one statement (a tick's read,
    # from the first day its rules need): the day's type, what is due and done, the usual answers.
    found = selectors.days_with_ticks(user=user, day=today, with_plan=True, since=selectors.ticks_from(today))
    ticks = found.ticks
    day_type = next((day.day_type for day in found.days if day.date == today), Entry.DayType.NORMAL)
    done = {tick.exercise_id for tick in ticks if tick.date == today}
    plan, exercises = selectors.day_plan(user=user, day_type=day_type, status=status, active=found.plan)
    statuses = schedule.statuses(exercises, day=today, ticks=ticks, family_of=selectors.family_of)
    # An exercise paused after severe pain is not due: the session skips it.
    statuses = schedule.not_due(statuses, exercises, selectors.paused_exercises(plan))
    steps = due_steps(exercises, statuses, done, today.isoformat(), selectors.dose_steps(plan))
    for step in steps:
        step.usual = felt.usual_answers(ticks, step.exercise.pk)
    all_phases = [phase for step in steps for phase in step.phases]
    today_url = today_page.urls()["today"]
    return render(
        request,
        "journal/session.html",
        {
            "steps": steps,
            "day_type": day_type,
            "rest_day": day_type == Entry.DayType.REST,
            "minutes": max(1, round(phases.seconds_estimate(all_phases) / 60)),
            "csrf_input": csrf_input(request),
            "today_url": today_url,
            "fixed_parts": fixed_parts(today_url) if steps else "",
            "words": step_words(steps),
            "session_data": {
                "timeScale": settings.SESSION_TIME_SCALE,
                "words": spoken_words(),
                "exercises": [
                    {
                        "slug": step.exercise.slug,
                        "name": step.exercise.name,
                        "cue": step.exercise.first_cue,
                        "phases": [phase_data(p) for p in step.phases],
                        "usual": step.usual,
                        "usualNote": usual_note(step.usual),
                    }
                    for step in steps
                ],
            },
        },
    )
