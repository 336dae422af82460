from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from exercises.models import Exercise
from journal import progression, selectors, services
from journal.addresses import OPEN, address_format
from journal.forms import LEG_CHOICES, PAIN_CHOICES, CheckinForm, DayTypeForm, SuggestionForm, TickForm
from journal.models import Entry, LevelChange, PlanItem, Tick
from journal.streaks import current_streak

EFFORT_WORDS = {value: label.lower() for value, label in Tick.Effort.choices}


@dataclass
class Row:
    """One line of the day's plan: the exercise, its tick if done, and any level suggestion."""

    exercise: Exercise
    done: bool
    tick_url: str
    untick_url: str
    tick: selectors.DoneTick | None = None
    suggestion: tuple | None = None  # (plan item, progression.Suggestion)

    @property
    def feeling(self):
        """What a done row's "how did it feel" summary says."""
        tick = self.tick
        if tick is None or (tick.pain_during is None and not tick.effort):
            return "How did it feel? (optional)"
        pain = "–" if tick.pain_during is None else tick.pain_during
        effort = f", {EFFORT_WORDS.get(tick.effort, tick.effort)}" if tick.effort else ""
        return f"Pain during {pain}{effort} · change"


def _parse_day(request, value):
    """The requested day, or None after adding a message: future and malformed dates are refused."""
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        messages.error(request, "That is not a date we understand. Dates look like 2026-03-01.")
        return None
    if day > request.user.local_today():
        messages.error(request, "That day hasn't happened yet, so there is nothing to log.")
        return None
    return day


def _day_url(day, today):
    return (
        reverse("journal:today") if day == today else reverse("journal:day", kwargs={"day": day.isoformat()})
    )


def _wants_json(request):
    return request.headers.get("X-Requested-With") == "fetch"


def _sessions(ticks):
    """The recent ticks that can count as evidence (they carry a pain-during score) as progression
    sessions, grouped by exercise pk."""
    sessions = defaultdict(list)
    for t in ticks:
        if t.pain_during is not None:
            sessions[t.exercise_id].append(progression.Session(t.date, t.pain_during, t.full_dose))
    return sessions


def _suggest(item, *, sessions, entries, today, paused, dismissed=frozenset()):
    """The level suggestion for one plan item; `sessions` are its exercise's (see _sessions)."""
    return progression.suggest(
        sessions=sessions,
        entries=entries,
        since=item.since,
        level=item.exercise.level,
        top_level=item.top_level,
        today=today,
        paused=paused,
        dismissed=dismissed,
    )


def _suggestions(request, plan, *, entries, ticks, today):
    """Level suggestions by exercise pk for today's plan; snoozes are read only if one is due."""
    state = getattr(request, "safety", None)
    paused = bool(state and state.pauses_level_up(entries, today))
    sessions = _sessions(ticks)
    found = {}
    for item in plan:
        suggestion = _suggest(
            item, sessions=sessions[item.exercise_id], entries=entries, today=today, paused=paused
        )
        if suggestion:
            found[item.exercise_id] = item
    if not found:
        return {}  # a snooze only ever hides a suggestion, so there is nothing to hide
    snoozed = selectors.snoozed(user=request.user, today=today)
    suggestions = {}
    for exercise_id, item in found.items():
        suggestion = _suggest(
            item,
            sessions=sessions[exercise_id],
            entries=entries,
            today=today,
            paused=paused,
            dismissed={kind for pk, kind in snoozed if pk == item.pk},
        )
        if suggestion:
            suggestions[exercise_id] = (item, suggestion)
    return suggestions


def _page_state(request, day):
    """Everything the Today / day page shows, from a fixed number of queries."""
    user = request.user
    today = user.local_today()
    entries = selectors.recent_entries(user=user, day=day)
    entry = next((e for e in entries if e.date == day), None)
    day_type = entry.day_type if entry else Entry.DayType.NORMAL
    ticks = selectors.recent_ticks(user=user, day=day)
    done = {t.exercise_id: t for t in ticks if t.date == day}

    plan = []
    if day_type == Entry.DayType.ROUGH:
        exercises = selectors.gentle_exercises()
    elif day_type == Entry.DayType.REST:
        exercises = []
    else:
        plan = selectors.active_plan(user=user)
        exercises = [item.exercise for item in plan]
    day_iso = day.isoformat()
    tick_url = address_format("journal:tick", day=day_iso, exercise=OPEN)
    untick_url = address_format("journal:untick", day=day_iso, exercise=OPEN)
    rows = [
        Row(
            exercise=ex,
            done=ex.pk in done,
            tick=done.get(ex.pk),
            tick_url=tick_url.format(ex.slug),
            untick_url=untick_url.format(ex.slug),
        )
        for ex in exercises
    ]

    state = getattr(request, "safety", None)
    if day == today and day_type == Entry.DayType.NORMAL and not (state and state.status.blocks_plan):
        suggestions = _suggestions(request, plan, entries=entries, ticks=ticks, today=today)
        for row in rows:
            row.suggestion = suggestions.get(row.exercise.pk)

    if day == today:
        streak = selectors.current_streak(user=user, today=today, entries=entries, ticks=ticks)
    else:
        streak = current_streak(selectors.streak_days(user=user, today=today), today)
    return {
        "day": day,
        "day_iso": day_iso,
        "today": today,
        "is_today": day == today,
        "entry": entry,
        "day_type": day_type,
        "rows": rows,
        "done_count": sum(row.done for row in rows),
        "planned_count": len(rows),
        "streak": streak,
        "entries": entries,
        "alerts": state.alerts(entries, today) if state and day == today else [],
        "day_url": _day_url(day, today),
        # The page's dozen forms share one token field, written once ({% csrf_token %} costs
        # about 7 µs a form); the templates print it as {{ csrf_input }}.
        "csrf_input": format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
        ),
        # The choices of a done row's "how did it feel" selects.
        "pain_options": PAIN_CHOICES,
        "effort_options": Tick.Effort.choices,
    }


def _checkin_shown(entry, form):
    """What the check-in card shows: the saved answers, or a refused form's typed ones and errors.

    A plain visit needs no form object (building one costs more than the rest of the card).
    """
    if form is None:
        saved = CheckinForm.saved_answers(entry)
        pain = saved.get("pain")
        return {
            "pain": None if pain is None else str(pain),
            "leg": saved.get("leg_symptoms"),
            "notes": saved.get("notes", ""),
            "pain_errors": [],
            "notes_errors": [],
        }
    return {
        "pain": str(form["pain"].value()),
        "leg": form["leg_symptoms"].value(),
        "notes": form["notes"].value() or "",
        "pain_errors": form["pain"].errors,
        "notes_errors": form["notes"].errors,
    }


def _render_day(request, day, form=None):
    context = _page_state(request, day)
    context["checkin"] = _checkin_shown(context["entry"], form)
    context["checkin_url"] = reverse("journal:checkin", kwargs={"day": context["day_iso"]})
    context["day_type_url"] = reverse("journal:day_type", kwargs={"day": context["day_iso"]})
    context["leg_choices"] = LEG_CHOICES
    return render(request, "journal/today.html", context)


@login_required
def today(request):
    return _render_day(request, request.user.local_today())


@login_required
def day_view(request, day):
    parsed = _parse_day(request, day)
    if parsed is None:
        return redirect("journal:today")
    if parsed == request.user.local_today():
        return redirect("journal:today")
    return _render_day(request, parsed)


@login_required
@require_POST
def checkin(request, day):
    parsed = _parse_day(request, day)
    if parsed is None:
        return redirect("journal:today")
    entry = Entry.objects.filter(user=request.user, date=parsed).first()
    form = CheckinForm.for_entry(entry, request.POST)
    if not form.is_valid():
        messages.error(
            request,
            "Your check-in was not saved: " + " ".join(e for errs in form.errors.values() for e in errs),
        )
        return _render_day(request, parsed, form=form)
    services.checkin_save(
        user=request.user,
        day=parsed,
        pain=form.cleaned_data["pain"],
        notes=form.cleaned_data["notes"],
        leg_symptoms=form.cleaned_data["leg_symptoms"],
    )
    messages.success(request, f"Pain {form.cleaned_data['pain']} saved for {parsed:%A %-d %B}.")
    if form.cleaned_data["leg_symptoms"]:
        messages.warning(
            request,
            "Numbness or tingling below the knee can come from an irritated nerve. Please see a doctor or "
            "physiotherapist about it, and stop any exercise that spreads it further down your leg.",
        )
    return redirect(_day_url(parsed, request.user.local_today()))


def _planned_exercise(request, day, slug):
    """The exercise `slug` if it is planned on that day for this user, else None."""
    entry = Entry.objects.filter(user=request.user, date=day).only("day_type").first()
    day_type = entry.day_type if entry else Entry.DayType.NORMAL
    for exercise in selectors.planned_exercises(user=request.user, day_type=day_type):
        if exercise.slug == slug:
            return exercise
    return None


def _tick_response(request, day, exercise, message):
    if _wants_json(request):
        context = _page_state(request, day)
        row = next((r for r in context["rows"] if r.exercise.pk == exercise.pk), None)
        return JsonResponse(
            {
                "ok": True,
                "message": message,
                "row": render_to_string("journal/_plan_row.html", {**context, "row": row}, request=request)
                if row
                else "",
                "done_count": context["done_count"],
                "planned_count": context["planned_count"],
                "streak": context["streak"],
            }
        )
    messages.success(request, message)
    return redirect(_day_url(day, request.user.local_today()) + f"#ex-{exercise.slug}")


def _tick_error(request, day, message, status=400):
    if _wants_json(request):
        return JsonResponse({"ok": False, "message": message}, status=status)
    messages.error(request, message)
    return redirect(_day_url(day, request.user.local_today()) if day else reverse("journal:today"))


@login_required
@require_POST
def tick(request, day, exercise):
    parsed = _parse_day(request, day)
    if parsed is None:
        return _tick_error(request, None, "Not saved: that date can't be logged.")
    planned = _planned_exercise(request, parsed, exercise)
    if planned is None:
        return _tick_error(request, parsed, "Not saved: that exercise isn't in the plan for that day.")
    form = TickForm(request.POST)
    if not form.is_valid():
        errors = " ".join(e for errs in form.errors.values() for e in errs)
        return _tick_error(request, parsed, f"Not saved: {errors}")
    _, created = services.tick_record(
        user=request.user,
        day=parsed,
        exercise=planned,
        pain_during=form.cleaned_data["pain_during"],
        effort=form.cleaned_data["effort"],
        full_dose=not form.cleaned_data["partial"],
    )
    return _tick_response(
        request, parsed, planned, f"{planned.name}: done." if created else f"{planned.name}: saved."
    )


@login_required
@require_POST
def untick(request, day, exercise):
    parsed = _parse_day(request, day)
    if parsed is None:
        return _tick_error(request, None, "Not saved: that date can't be logged.")
    found = get_object_or_404(Exercise, slug=exercise)
    services.tick_remove(user=request.user, day=parsed, exercise=found)
    return _tick_response(request, parsed, found, f"{found.name}: marked as not done.")


@login_required
@require_POST
def day_type(request, day):
    parsed = _parse_day(request, day)
    if parsed is None:
        return redirect("journal:today")
    form = DayTypeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a normal, rest or rough day.")
    else:
        chosen = form.cleaned_data["day_type"]
        services.day_type_set(user=request.user, day=parsed, day_type=chosen)
        messages.success(
            request,
            {
                Entry.DayType.ROUGH: "Rough day: just the gentle set today. Your streak is safe.",
                Entry.DayType.REST: "Rest day noted. Your streak is safe; see you tomorrow.",
                Entry.DayType.NORMAL: "Back to your usual plan.",
            }[chosen],
        )
    return redirect(_day_url(parsed, request.user.local_today()))


def _suggestion_for(request, item):
    """Recompute the suggestion for a plan item now: accept what the page showed, nothing else."""
    today = request.user.local_today()
    plan = {p.pk: p for p in selectors.active_plan(user=request.user)}
    item = plan.get(item.pk)
    if item is None:
        return None
    entries = selectors.recent_entries(user=request.user, day=today)
    state = getattr(request, "safety", None)
    entry = next((e for e in entries if e.date == today), None)
    paused = (entry is not None and entry.day_type == Entry.DayType.ROUGH) or bool(
        state and state.pauses_level_up(entries, today)
    )
    ticks = selectors.recent_ticks(user=request.user, day=today)
    sessions = _sessions(ticks)[item.exercise_id]
    return item, _suggest(item, sessions=sessions, entries=entries, today=today, paused=paused)


@login_required
@require_POST
def accept(request, pk):
    item = get_object_or_404(PlanItem, pk=pk, user=request.user, active=True)
    form = SuggestionForm(request.POST)
    found = _suggestion_for(request, item) if form.is_valid() else None
    suggestion = found[1] if found else None
    if suggestion is None or suggestion.kind != form.cleaned_data["kind"]:
        messages.info(request, "That suggestion no longer applies, so nothing was changed.")
        return redirect("journal:today")
    step = 1 if suggestion.kind == "up" else -1
    target = Exercise.objects.filter(
        progression_id=item.progression_id, level=item.exercise.level + step
    ).first()
    if target is None:
        messages.info(request, "There is no level to move to, so nothing was changed.")
        return redirect("journal:today")
    services.level_change_make(
        plan_item=item,
        to_exercise=target,
        direction=LevelChange.Direction.UP if step == 1 else LevelChange.Direction.DOWN,
        reason=suggestion.reason,
        today=request.user.local_today(),
    )
    messages.success(request, f"{item.progression.name}: now level {target.level}, {target.name}.")
    return redirect("journal:today")


@login_required
@require_POST
def dismiss(request, pk):
    item = get_object_or_404(PlanItem, pk=pk, user=request.user)
    form = SuggestionForm(request.POST)
    if not form.is_valid():
        raise Http404
    services.suggestion_dismiss(
        plan_item=item, kind=form.cleaned_data["kind"], today=request.user.local_today()
    )
    messages.info(request, "Okay, not now. We'll look again in a few days.")
    return redirect("journal:today")
