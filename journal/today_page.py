"""Today's page model: what Today (or a past day) shows, from the rows the view has read.

No request and no query here: the view (journal/views/today.py) reads the user's recent days, the
day's plan and the two weeks of ticks through journal/selectors.py, and passes them in with the
user's day, the safety state and the streak; this module decides the rows (what is due and each
row's count, the pause after severe pain, the dose step, the tick, today's suggestions), the
page's state and the offers, and returns plain objects. The one read that depends on what is
decided here, the "not now" answers, is a callable the view passes (`snoozed`): it is called only
when something is due, as a snooze only ever hides a suggestion.

The same rules build the whole page and the one row a tick's answer shows (`only`), so the two
always agree (tests/journal/test_tick_answer.py).
"""

from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from types import MappingProxyType

from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from backcare.language_cache import per_language
from exercises import dose
from exercises.models import Exercise, Progression
from journal import client_ops, felt, pain, psfs, safety, schedule, selectors, suggestions
from journal.forms import LEG_CHOICES, PAIN_CHOICES
from journal.models import Dismissal, Entry, Tick
from journal.row_urls import OPEN, OPEN_NUMBER, url_format

# The effort's words as the choices give them, read in the active language when a row is shown
# (the labels are lazy: lowering them here at import would keep English).
EFFORT_LABELS = dict(Tick.Effort.choices)


@dataclass
class Row:
    """One line of the day's plan: the exercise, its dose step, its tick if done, and any level
    suggestion."""

    exercise: Exercise
    tick_url: str
    untick_url: str
    tick: suggestions.DoneTick | None = None
    suggestion: tuple | None = None  # (plan item, suggestions.Suggestion)
    status: schedule.Status | None = None  # due today, and its own count (journal/schedule.py)
    dose_step: int = 0  # the plan item's; 0 (the low end) for the rough-day and gentle sets
    pause: tuple | None = None  # (plan item, Suggestion of rule SEVERE_PAIN): paused after severe pain
    # What a done row's one-tap "Felt fine" posts: the person's usual answers (journal/felt.py).
    usual: dict | None = None

    @property
    def dose(self):
        """Today's dose of it: what a tick at "full dose" says was done."""
        return dose.at_step(self.exercise, self.dose_step)

    @property
    def dose_text(self):
        return dose.display(self.dose, self.exercise, often=False)

    @property
    def done(self):
        """Ticked on the day (a times-a-day row: at least once)."""
        return self.tick is not None

    @cached_property
    def complete(self):
        """Done for the day: ticked, or for a times-a-day row its count has reached the target."""
        return self.status.done if self.status else self.done

    @property
    def feeling(self):
        """What a done row's "how did it feel" summary says."""
        tick = self.tick
        if tick is None or (tick.pain_during is None and not tick.effort and tick.spread is None):
            # Translators: Today, the summary of a done exercise's optional questions.
            return _("How did it feel? (optional)")
        words = {"pain": "–" if tick.pain_during is None else tick.pain_during}
        if tick.effort:
            words["effort"] = str(EFFORT_LABELS.get(tick.effort, tick.effort)).lower()
        # Translators: Today, a done exercise's answers and a link to change them: "Pain during 3, about right · change".
        if tick.effort and tick.spread:
            # Translators: CLINICAL: the answers include symptoms spreading down the leg.
            text = _("Pain during %(pain)s, %(effort)s, spread down the leg · change")
        elif tick.effort:
            text = _("Pain during %(pain)s, %(effort)s · change")
        elif tick.spread:
            # Translators: CLINICAL: the answers include symptoms spreading down the leg.
            text = _("Pain during %(pain)s, spread down the leg · change")
        else:
            text = _("Pain during %(pain)s · change")
        return text % words

    @cached_property
    def bases(self):
        """The row's bases for a write queued offline (journal/client_ops.py): {"t": ..., "f": ...}."""
        return client_ops.tick_bases(self.tick)

    @property
    def level_offer(self):
        """The row's own offer, a level-up or a dose step: a step back is in Today's "take it
        easier" box instead (`step_backs`), never on the row."""
        return self.suggestion is not None and self.suggestion[1].kind != Dismissal.Kind.DOWN

    @property
    def spread_answer(self):
        """The saved answer to "did symptoms spread down your leg" as the radio values: yes, no or None."""
        if self.tick is None or self.tick.spread is None:
            return None
        return "yes" if self.tick.spread else "no"


def row_words():
    """The fixed words of a plan row and of a done row's "how did it feel" forms, translated (and
    HTML-escaped) once a process for each language instead of once a row: the same for everyone
    who reads that language (journal/views/today.py: `_row_context`, the page's rows and a tick's
    answer). The choices come as plain text, so the radios' per-process cache
    (plan_tags.felt_choices) is keyed cheaply."""
    return _row_words(translation.get_language())


@per_language
def _row_words(language):
    # `language` is the cache's key: the words below are read in it (it is the active one).
    return MappingProxyType(
        {
            "paused": escape(_("Paused")),
            "add_one": escape(_("Add one")),
            "undo_one": escape(_("Undo one")),
            "undo": escape(_("Undo")),
            "done": escape(pgettext("button: mark an exercise done", "Done")),
            "felt_fine": escape(_("Felt fine")),
            "tell_more": escape(_("Tell more")),
            "pain_during": escape(_("Pain during it (0 = none, 10 = worst)")),
            "effort": escape(_("How hard was it?")),
            # Translators: CLINICAL: asked after an exercise is ticked; symptoms spreading down the leg are a warning sign.
            "spread": escape(_("Did symptoms spread down your leg during it?")),
            "save": escape(_("Save")),
            # A format: the row's dose goes in (escaped with it) when the row is drawn.
            "less_than_full": _("I did less than the full dose (%(dose)s)"),
            "pain_options": tuple((value, str(label)) for value, label in PAIN_CHOICES),
            "effort_options": tuple((value, str(label)) for value, label in Tick.Effort.choices),
            "spread_choices": tuple((value, str(label)) for value, label in LEG_CHOICES),
        }
    )


@dataclass
class Rows:
    """The day's rows (all, or the one a tick's answer shows), its due-only counts and streak."""

    rows: list
    done_count: int
    due_count: int
    streak: int
    gentle: object = None


# The URLs Today and its partials link to or post to: the same for everyone, so reversed once a
# process (for each script prefix, as the header's, backcare/context_processors.py) instead of a
# dozen reverse() calls a page. FIXED: no argument; DAY (LESSON): the day (the lesson's slug) as
# `{}` (a str.format string, journal/row_urls.py), and for the rows' writes the exercise as a second
# `{}`.
FIXED = {
    "today": "journal:today",
    "session": "journal:session",
    "exercises": "exercises:list",
    "settings": "settings",
    "lessons": "learn:list",
    "safety": "journal:safety",
    "safety_acknowledge": "journal:safety_acknowledge",
    "rescreen_put_away": "journal:rescreen_put_away",
    "see_clinician_put_away": "journal:see_clinician_put_away",
    "gentle_accept": "journal:gentle_accept",
    "gentle_dismiss": "journal:gentle_dismiss",
    "offline_token": "journal:offline_token",
    "login": "login",
    "psfs": "journal:psfs",
    "psfs_skip": "journal:psfs_skip",
}
DAY = {"day": "journal:day", "checkin": "journal:checkin", "day_type": "journal:day_type"}
LESSON = {"lesson": "learn:detail"}  # the lesson's slug as `{}`
DAY_AND_EXERCISE = {"tick": "journal:tick", "untick": "journal:untick"}
PLAN_ITEM = {"accept": "journal:accept", "dismiss": "journal:dismiss"}  # the plan item's pk as `{}`


@lru_cache(maxsize=4)
def _urls(script_prefix):
    # reverse() puts the script prefix in front; the same prefix always gives the same URLs.
    found = {key: reverse(name) for key, name in FIXED.items()}
    found.update({key: url_format(name, day=OPEN) for key, name in DAY.items()})
    found.update({key: url_format(name, lesson=OPEN) for key, name in LESSON.items()})
    found.update({key: url_format(name, day=OPEN, exercise=OPEN) for key, name in DAY_AND_EXERCISE.items()})
    found.update({key: url_format(name, pk=OPEN_NUMBER) for key, name in PLAN_ITEM.items()})
    return found


def urls():
    """Today's URLs ({key: URL or format}, FIXED, DAY, DAY_AND_EXERCISE and PLAN_ITEM above), reversed
    once a process."""
    return _urls(get_script_prefix())


def day_url(day, today):
    """Where the day's page is: Today's own URL for today."""
    found = urls()
    return found["today"] if day == today else found["day"].format(day.isoformat())


def suggestion_context(plan, *, status, entries, ticks, today, day_type):
    """What the suggestion rules read besides an item and its sessions (suggestions.Context)."""
    return suggestions.Context(
        today=today,
        # The days as a pain.Days: each day's usual pain worked out once for all the plan's items.
        entries=pain.Days(entries),
        day_type=day_type,
        screen_cleared=status.cleared and not status.blocks_plan and not status.gentle_only,
        spread_days=suggestions.spread_days(ticks),
        # A level-up never reaches a level the safety answers rule out (its tags).
        max_level=selectors.highest_allowed_levels(plan, status),
    )


def offers(plan, *, status, entries, ticks, today, day_type, snoozed, only=None):
    """Today's suggestions: {exercise pk: (plan item, Suggestion)} and the day's gentle-set one.

    The one place the page, Accept and the gentle-day Accept ask. `snoozed()` reads the "not now"
    answers ({(plan item pk or None, kind)}, selectors.snoozed): called only when something is due
    (a snooze only ever hides a suggestion). `only`: the one plan item a tick's answer shows (its
    row's suggestion, no gentle-set one): the same rules for that item, so its row is the page's.
    """
    ctx = suggestion_context(
        plan, status=status, entries=entries, ticks=ticks, today=today, day_type=day_type
    )
    sessions = suggestions.sessions_by_exercise(ticks)
    asked = plan if only is None else [only]

    def offer(item, snoozed_now):
        snoozes = suggestions.Snoozes.of({kind for pk, kind in snoozed_now if pk == item.pk})
        return suggestions.for_item(item, sessions.get(item.exercise_id, []), ctx, snoozes)

    def gentle_offer(snoozed_now):
        return suggestions.gentle_day(
            [(item, sessions.get(item.exercise_id, [])) for item in plan],
            ctx,
            snoozed=(None, Dismissal.Kind.GENTLE) in snoozed_now,
        )

    found = {item.pk: offer(item, set()) for item in asked}
    gentle = gentle_offer(set()) if only is None else None
    if any(found.values()) or gentle is not None:
        # Something is due: only the items (and the gentle set) with a "not now" on them can
        # answer differently once the snoozes are known, so only they are asked again.
        said = snoozed()
        for item in asked:
            if any(pk == item.pk for pk, _ in said):
                found[item.pk] = offer(item, said)
        if gentle is not None and (None, Dismissal.Kind.GENTLE) in said:
            gentle = gentle_offer(said)
    return {item.exercise_id: (item, found[item.pk]) for item in asked if found[item.pk]}, gentle


def day_type_of(entry):
    """The day's type: its entry's, or a normal day when nothing is saved."""
    return entry.day_type if entry else Entry.DayType.NORMAL


def rows(
    day,
    *,
    today,
    status,
    entries,
    day_type,
    plan,
    exercises,
    ticks,
    streak,
    snoozed,
    only=None,
    family_of=None,
    decided=None,
):
    """The rows of the day's plan, every rule that decides what a row shows applied once for the
    request: what is due and each row's count (journal/schedule.py), the pause after severe pain,
    the dose step, the tick, today's suggestions. `only`: the exercise whose row alone is built (a
    tick's answer); the counts and the streak (as the view read it) still cover the whole day.
    `family_of(exercise pk)`: its progression (default: from the library snapshot, no query). `decided`: the
    day's statuses (paused ones not due) as a write decided them from the same ticks and plan
    (journal/services.py: DayRead.statuses), not decided again."""
    done = {t.exercise_id: t for t in ticks if t.date == day}
    day_iso = day.isoformat()
    found_urls = urls()
    tick_url = found_urls["tick"].format(day_iso, "{}")
    untick_url = found_urls["untick"].format(day_iso, "{}")
    # Paused after severe pain (from the plan items' own columns): not due, no Done.
    pauses = {item.exercise_id: (item, suggestions.paused(item)) for item in plan if item.paused_on}
    statuses = decided
    if statuses is None:
        # Two weeks of ticks name a handful of exercises: each one's family looked up once.
        family_of = selectors.families() if family_of is None else cache(family_of)
        statuses = schedule.statuses(exercises, day=day, ticks=ticks, family_of=family_of)
        statuses = schedule.not_due(statuses, exercises, pauses)
    steps = selectors.dose_steps(plan)
    found = [
        Row(
            exercise=ex,
            tick=done.get(ex.pk),
            tick_url=tick_url.format(ex.slug),
            untick_url=untick_url.format(ex.slug),
            status=status_,
            dose_step=steps.get(ex.pk, 0),
            pause=pauses.get(ex.pk),
            usual=felt.usual_answers(ticks, ex.pk) if ex.pk in done else None,
        )
        for ex, status_ in zip(exercises, statuses, strict=True)
        if only is None or ex.pk == only.pk
    ]
    done_count, due_count, _ = schedule.done_of_due(statuses)

    gentle = None
    if day == today and plan and (only is None or found):
        item = None
        if only is not None:
            item = next((i for i in plan if i.exercise_id == only.pk), None)
        if only is None or item is not None:
            offered, gentle = offers(
                plan,
                status=status,
                entries=entries,
                ticks=ticks,
                today=today,
                day_type=day_type,
                snoozed=snoozed,
                only=item,
            )
            for row in found:
                row.suggestion = offered.get(row.exercise.pk)
    return Rows(found, done_count, due_count, streak, gentle)


def session_due(found, *, day, today):
    """ "Start today's session": today, a non-habit exercise is due and not yet done."""
    return day == today and any(
        row.status.due
        and not row.complete
        and row.exercise.progression.category != Progression.Category.HABIT
        for row in found.rows
    )


def step_backs(found):
    """The step-back offers of the day's rows, as (plan item, Suggestion): Today lists them in one
    "take it easier" box, never one on every row (a bad morning reaches every exercise of the day
    before)."""
    return tuple(
        row.suggestion
        for row in found.rows
        if row.suggestion is not None and row.suggestion[1].kind == Dismissal.Kind.DOWN
    )


def warnings(day, *, today, status, entry, found, alerts, see_clinician, rescreen_put_away=False):
    """Today's warning boxes, the most important first (journal/safety.py: warnings_in_order);
    another day shows none."""
    if day != today:
        return []
    return safety.warnings_in_order(
        status=status,
        alerts=alerts,
        gentle=found.gentle,
        step_backs=step_backs(found),
        leg_today=bool(entry is not None and entry.leg_symptoms),
        see_clinician=see_clinician,
        rescreen_due=status.rescreen_due and not rescreen_put_away,
    )


def page_state(
    day,
    *,
    today,
    latest,
    entries,
    entry,
    day_type,
    plan,
    found,
    blocks_plan,
    alerts,
    see_clinician,
    status=None,
):
    """Everything the Today / day page shows, as the template's names.

    `latest`: the latest safety screen as the safety state read it (its last PSFS round's date);
    `plan`: the day's plan items; `blocks_plan`: the screen holds the plan (then no plan item is
    no missing plan);
    `alerts` and `see_clinician`: the safety state's banners and note for Today (None / [] on
    another day, the view asks them only for today); `status`: the screen's `ScreenStatus`, for
    the warnings' order."""
    is_today = day == today
    found_warnings = (
        warnings(
            day,
            today=today,
            status=status,
            entry=entry,
            found=found,
            alerts=alerts,
            see_clinician=see_clinician,
            rescreen_put_away=safety.rescreen_put_away(getattr(latest, "rescreen_until", None), today),
        )
        if status is not None
        else []
    )
    return {
        "day": day,
        "day_iso": day.isoformat(),
        "today": today,
        "is_today": is_today,
        "entry": entry,
        "day_type": day_type,
        # No plan item on a normal day the screen lets the plan show: the start may still be open.
        "no_plan": not plan and day_type == Entry.DayType.NORMAL and not blocks_plan,
        "rows": found.rows,
        # Only what is due on the day counts (journal/schedule.py): "x of y done".
        "done_count": found.done_count,
        "planned_count": found.due_count,
        "session_due": session_due(found, day=day, today=today),
        "streak": found.streak,
        "entries": entries,
        "gentle": found.gentle,
        "alerts": alerts if is_today else [],
        # "Time to see a clinician" (journal/safety.py): Today only.
        "see_clinician": see_clinician if is_today else None,
        "day_url": day_url(day, today),
        # One box at a time, the most important first; the rest behind "N more notes".
        "warning": found_warnings[0] if found_warnings else None,
        "more_warnings": found_warnings[1:],
        "safety_first": bool(found_warnings) and found_warnings[0].kind == safety.WarningKind.SAFETY,
        # Today asks for a PSFS round when one is due; the last round's date came with the screen.
        "psfs_due": is_today
        and latest is not None
        and psfs.is_due(screened=True, last_round_on=latest.psfs_last_on, today=today),
    }


def checkin_state(entry, *, refused):
    """How the check-in card shows: saved answers fold it to one line (pain empty is a gap, so a
    note alone counts); a refused answer (`refused`) keeps it open."""
    checked_in = entry is not None and (
        entry.pain is not None or bool(entry.notes) or entry.leg_symptoms is not None
    )
    return {"checked_in": checked_in, "checkin_folded": checked_in and not refused}
