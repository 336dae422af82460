from types import MappingProxyType

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext
from django.views.decorators.http import require_POST

from backcare.urgent_care import care_for
from exercises import catalog
from exercises.catalog import translate_lines
from exercises.models import Exercise
from journal import (
    client_ops,
    date_words,
    days,
    history_numbers,
    selectors,
    services,
    suggestions,
    today_page,
)
from journal.days import first_day
from journal.decorators import plan_write, wants_json
from journal.forms import CheckinForm, DayTypeForm, SuggestionForm, TickForm, checkin_parts
from journal.models import Dismissal, Entry, LevelChange, PlanItem
from journal.today_words import checkin_summary, page_words, pain_saved, progress, streak_line
from learn import selectors as learn_selectors
from learn.today_line import line as lesson_line


def _parse_day(request, value):
    """The requested day, or None after adding a message (journal/days.py says which days are accepted)."""
    user = request.user
    day, error = days.parse(value, today=user.local_today(), first=first_day(user))
    if error and not wants_json(request):  # a JSON answer carries its own words, never a message
        messages.error(request, error)
    return day


_day_url = today_page.day_url


def _snoozed(request, today):
    """The "not now" answers, read only when the page model asks (something is due)."""
    return lambda: selectors.snoozed(user=request.user, today=today)


def _offers(request, plan, *, entries, ticks, today, day_type, only=None):
    """Today's suggestions (journal/today_page.py: offers), the "not now" answers read on demand."""
    return today_page.offers(
        plan,
        status=request.safety.status,
        entries=entries,
        ticks=ticks,
        today=today,
        day_type=day_type,
        snoozed=_snoozed(request, today),
        only=only,
    )


def _day_reads(request, day, entries=None, active=None):
    """(recent days, the day's entry, its type, plan items, exercises planned): what the page and
    the answers to its suggestions both start from. `entries`: the recent days, when already read;
    `active`: today's active plan, when already read with them."""
    if entries is None:
        entries = selectors.recent_entries(user=request.user, day=day)
    entry = next((e for e in entries if e.date == day), None)
    day_type = today_page.day_type_of(entry)
    plan, exercises = selectors.day_plan(
        user=request.user, day_type=day_type, status=request.safety.status, day=day, active=active
    )
    return entries, entry, day_type, plan, exercises


def _rows(request, day, *, entries, day_type, plan, exercises, ticks, only=None, decided=None):
    """The rows of the day's plan (journal/today_page.py: rows) from the reads given. The streak as
    it stood on the day shown (today's, on Today), from the days already read; one more query only
    for a streak reaching back past them. `only`: the exercise whose row alone is built (a tick's
    answer); `decided`: the day's statuses as its write decided them (services.DayRead.statuses)."""
    user = request.user
    today = user.local_today()
    streak = selectors.streak(
        user=user,
        today=day,
        active_days=history_numbers.active_days(e for e in entries if e.date <= day),
        read_from=selectors.window_start(day),
    )
    return today_page.rows(
        day,
        today=today,
        status=request.safety.status,
        entries=entries,
        day_type=day_type,
        plan=plan,
        exercises=exercises,
        ticks=ticks,
        streak=streak,
        snoozed=_snoozed(request, today),
        only=only,
        decided=decided,
    )


def _row_context(request):
    """What a plan row (the "plan-row" partial) reads besides the row: shared by the page and a
    tick's answer."""
    token = get_token(request)
    return {
        # The page's dozen forms share one token field, rendered once ({% csrf_token %} costs
        # about 7 µs a form); the templates print it as {{ csrf_input }}. The header's log-out form
        # ({% csrf_token %}) prints the same token: masked once a page, not twice (~45 µs each).
        "csrf_token": token,
        "csrf_input": format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token),
        # The row's fixed words and a done row's "how did it feel" choices, translated once.
        "row_words": today_page.row_words(),
    }


def _page_state(request, day):
    """Everything the Today / day page shows (journal/today_page.py), from a fixed number of queries."""
    user = request.user
    today = user.local_today()
    # The recent days and the two weeks of ticks in one query (the tick's own read); for today,
    # with the active plan in the same statement, as a tick reads it (one query fewer than reading
    # the plan after it). Another day shows the plan as it was then (selectors.plan_on).
    is_today = day == today
    read = selectors.days_with_ticks(user=user, day=day, with_plan=is_today)
    entries, ticks = read.days, read.ticks
    entries, entry, day_type, plan, exercises = _day_reads(request, day, entries, active=read.plan)
    found = _rows(
        request, day, entries=entries, day_type=day_type, plan=plan, exercises=exercises, ticks=ticks
    )
    state = request.safety
    return {
        **today_page.page_state(
            day,
            today=today,
            latest=state.latest,
            entries=entries,
            entry=entry,
            day_type=day_type,
            plan=plan,
            found=found,
            blocks_plan=state.status.blocks_plan,
            status=state.status,
            # The safety banners and the "time to see a clinician" note: Today only (each may read
            # once more, journal/middleware.py).
            alerts=state.alerts(entries, today, spread_days=suggestions.spread_days(ticks))
            if is_today
            else [],
            see_clinician=state.see_clinician(entries, today) if is_today else None,
        ),
        **_row_context(request),
    }


def _render_day(request, day, form=None):
    """The day's page, rendered afresh on every load (nothing of it is kept: `private, no-store`)."""
    context = _page_state(request, day)
    if (
        context["no_plan"]
        and context["is_today"]
        and form is None
        and selectors.start_open(user=request.user)
    ):
        # The start (journal/views/start.py) was left midway: it builds the plan, so back to it.
        return redirect("journal:start")
    entry = context["entry"]
    # The check-in's labels and widgets (journal/forms.py: checkin_parts): the form is built only
    # for a refused answer, whose fields show what was sent; the template asks it for errors only then.
    context["checkin"] = checkin_parts(entry, form)
    context["checkin_form"] = form
    context.update(today_page.checkin_state(entry, refused=form is not None))
    context["checkin_refused"] = form is not None
    # The sentences with a number in them (journal/today_words.py), in Python: no template nodes.
    is_today = context["is_today"]
    if context["checkin_folded"]:
        context["checkin_summary"] = checkin_summary(entry, is_today=is_today)
    context["pain_saved"] = pain_saved(entry)
    context["progress"] = progress(
        day_type=context["day_type"],
        planned=context["planned_count"],
        done=context["done_count"],
        is_today=is_today,
    )
    context["streak_line"] = streak_line(context["streak"])
    context["page_words"] = page_words()  # the page's fixed words, translated once a language
    urls = context["urls"] = today_page.urls()  # reversed once a process
    context["checkin_url"] = urls["checkin"].format(context["day_iso"])
    context["checkin_base"] = client_ops.checkin_base(entry)  # for a check-in queued offline
    context["day_type_url"] = urls["day_type"].format(context["day_iso"])
    if context["is_today"]:  # today's lesson line (learn/course.py): one query, the lessons are cached
        offer = context["lesson_offer"] = learn_selectors.todays_lesson(user=request.user, today=day)
        if offer:
            context["lesson_line"] = lesson_line(
                offer, lesson_url=urls["lesson"].format(offer.lesson.slug), lessons_url=urls["lessons"]
            )
    return render(request, "journal/today.html", context)


@login_required
def today(request):
    return _render_day(request, request.user.local_today())


@login_required
def day_view(request, day):
    user = request.user
    ahead = days.ahead(day, today=user.local_today())
    if ahead is not None and selectors.entry(user=user, day=ahead) is not None:
        # Saved, then put in the future by a move west: it stays viewable (writes stay refused).
        return _render_day(request, ahead)
    parsed = _parse_day(request, day)
    if parsed is None:
        return redirect("journal:today")
    if parsed == request.user.local_today():
        return redirect("journal:today")
    return _render_day(request, parsed)


def _client_op(request, kind):
    """The write's client operation id and base (journal/client_ops.py): (Op or None, message)."""
    return client_ops.parse(
        header=request.headers.get("X-Client-Op"),
        field=request.POST.get("client_op"),
        base=request.POST.get("base"),
        kind=kind,
    )


def _checkin_refused(request, day, message):
    """A check-in sent by the offline queue (JSON) gets a 400; the form a message and Today."""
    if wants_json(request):
        return JsonResponse({"ok": False, "message": message}, status=400)
    messages.error(request, message)
    return redirect(_day_url(day, request.user.local_today()) if day else reverse("journal:today"))


def _checkin_answer(request, day, entry, said, *, status=200):
    """What a check-in gets back once handled: for the offline queue (JSON) the day's base, where to
    look and the words to show (`said`: [(level, text)]), never a message kept for the next page
    (it could be a log-in page shown to whoever holds the phone next); for the form the messages
    and the day."""
    if wants_json(request):
        return JsonResponse(
            {
                "ok": status == 200,
                "conflict": status == 409,
                "bases": {"c": client_ops.checkin_base(entry)},
                "redirect": _day_url(day, request.user.local_today()),
                "messages": [{"level": messages.DEFAULT_TAGS[level], "text": text} for level, text in said],
            },
            status=status,
        )
    for level, text in said:
        messages.add_message(request, level, text)
    return redirect(_day_url(day, request.user.local_today()))


@login_required
@require_POST
def checkin(request, day):
    if wants_json(request):  # the offline queue's replay: a refused day is a 400, not Today
        parsed, error = days.parse(day, today=request.user.local_today(), first=first_day(request.user))
        if error:
            return _checkin_refused(request, None, _not_saved(error))
    else:
        parsed = _parse_day(request, day)
        if parsed is None:
            return redirect("journal:today")
    op, error = _client_op(request, client_ops.CHECKIN)
    if error:
        return _checkin_refused(request, parsed, error)
    # The saved answers are only the form's `initial`, which a posted form never shows: the day's
    # entry is read by the write, and here only for an answer that keeps it as it is. A pain
    # number with valid answers is cleaned by the form's fields, without building the form (its
    # clean() asks only for one answer, and the pain is one); anything else goes through the form.
    answers = cleaned_by_fields(CheckinForm, request.POST)
    if answers is None or answers["pain"] is None:
        form = CheckinForm(request.POST)
        if not form.is_valid():
            message = _("Your check-in was not saved: %(errors)s") % {
                "errors": " ".join(e for errs in form.errors.values() for e in errs)
            }
            if wants_json(request):
                return _checkin_refused(request, parsed, message)
            messages.error(request, message)
            return _render_day(request, parsed, form=form)
        answers = form.cleaned_data
    try:
        entry = services.checkin_save(
            user=request.user,
            day=parsed,
            pain=answers["pain"],
            notes=answers["notes"],
            leg_symptoms=answers["leg_symptoms"],
            op=op,
            status=request.safety.status,
        )
    except services.OpReplayed:
        said = [(messages.SUCCESS, _("Check-in already saved for %(day)s.") % {"day": _weekday_date(parsed)})]
        return _checkin_answer(request, parsed, selectors.entry(user=request.user, day=parsed), said)
    except services.OpConflict:
        said = [
            (
                messages.WARNING,
                _("Check-in for %(day)s: This day was changed elsewhere since; we kept the other version.")
                % {"day": _weekday_date(parsed)},
            )
        ]
        entry = selectors.entry(user=request.user, day=parsed)
        return _checkin_answer(request, parsed, entry, said, status=409)
    except services.OpTaken:
        return _checkin_refused(request, parsed, client_ops.OP_TAKEN)
    pain = answers["pain"]
    if pain is None:
        said = [
            (
                messages.SUCCESS,
                _("Check-in saved for %(day)s, without a pain number.") % {"day": _weekday_date(parsed)},
            )
        ]
    else:
        said = [
            (
                messages.SUCCESS,
                _(
                    # Translators: CLINICAL: the day's pain (0-10) was saved.
                    "Pain %(pain)s saved for %(day)s."
                )
                % {"pain": pain, "day": _weekday_date(parsed)},
            )
        ]
    if answers["leg_symptoms"]:
        said.append(
            (
                messages.WARNING,
                _(
                    # Translators: CLINICAL: said after a check-in that reports numbness or tingling
                    # below the knee.
                    "Numbness or tingling below the knee is worth having checked: please see a doctor or "
                    "physiotherapist about it, and stop any exercise that spreads it further down your leg."
                ),
            )
        )
    return _checkin_answer(request, parsed, entry, said)


def _planned_exercise(request, day, slug):
    """(the exercise `slug` if it is planned on that day for this user at that day's level, else
    None; the day's type, plan items and exercises planned)."""
    day_type = selectors.day_type(user=request.user, day=day)
    plan, exercises = selectors.day_plan(
        user=request.user, day_type=day_type, status=request.safety.status, day=day
    )
    found = next((exercise for exercise in exercises if exercise.slug == slug), None)
    return found, (day_type, plan, exercises)


NOT_PLANNED = gettext_lazy("Not saved: that exercise isn't in the plan for that day.")
CANT_BE_LOGGED = gettext_lazy("Not saved: that date can't be logged.")


def _not_saved(why):
    """A write refused, with why (a sentence already in the person's language)."""
    return _("Not saved: %(why)s") % {"why": why}


def _weekday_date(day):
    """ "Sunday 6 December" in the active language's order and names (docs/translations.md, Dates):
    `formats.date_format`'s words, from the format compiled once a language (journal/date_words.py),
    not a DateFormat and its names translated on each check-in's answer."""
    return date_words.writer("WEEKDAY_DATE_FORMAT")(day)


def _tick_refused(request, day, slug, message):
    """A tick refused before its write: the plan's answer first, as a tick checks the plan first (read
    only here, on the way out: the write reads the plan in its own transaction)."""
    if _planned_exercise(request, day, slug)[0] is None:
        message = NOT_PLANNED
    return _tick_error(request, day, message)


def _builds_row(request):
    """Does the answer to this tick or undo build the day's row (`_tick_response`)? Only for the
    page's script: the session's script and a page without JavaScript get words and a redirect, so
    their write reads only the two weeks its own counts need (services.DayRead.of: `window`)."""
    return wants_json(request) and request.POST.get("from") != "session"


def _tick_response(request, day, exercise, message, *, conflict=False, read=None):
    """The answer to a tick, undo or count: the row as the server has it. `conflict`: a write queued
    offline whose base is not the server's any more (journal/client_ops.py), answered 409.

    For the session's script (JSON, `from=session`) only whether it was saved, the words and the
    bases. For the page's script (JSON) only that row is built, with the same rules as the page (`_rows`),
    and rendered from the page's own "plan-row" partial. `read`: the day as the write read it in its
    transaction and left it (services.DayRead: the recent days for the suggestion rules and the
    streak, the two weeks of ticks, the plan with its pauses), so the answer reads nothing; without
    it (no write happened) the day is read here."""
    if wants_json(request) and read is not None and not _builds_row(request):
        # The guided session's script reads only whether it was saved and the words
        # (static/js/session.js: save): no row to build or render for it.
        return JsonResponse(
            {
                "ok": not conflict,
                "conflict": conflict,
                "message": message,
                "bases": client_ops.tick_bases(read.tick_of(exercise)),
            },
            status=409 if conflict else 200,
        )
    if wants_json(request):
        user = request.user
        decided = None
        if read is None:
            found = selectors.days_with_ticks(user=user, day=day)
            entries, ticks = found.days, found.ticks
            entry = next((e for e in entries if e.date == day), None)
            day_type = entry.day_type if entry else Entry.DayType.NORMAL
            plan, exercises = selectors.day_plan(
                user=user, day_type=day_type, status=request.safety.status, day=day
            )
        else:
            entries, ticks = read.days, read.ticks
            day_type, plan, exercises = read.day_type, read.plan, read.exercises
            # The statuses the write counted the day's done-of-due from: the schedule rules once.
            decided = read.statuses()
        found = _rows(
            request,
            day,
            entries=entries,
            day_type=day_type,
            plan=plan,
            exercises=exercises,
            ticks=ticks,
            only=exercise,
            decided=decided,
        )
        row = found.rows[0] if found.rows else None
        return JsonResponse(
            {
                "ok": not conflict,
                "conflict": conflict,
                "message": message,
                "bases": client_ops.tick_bases(row.tick if row else None),
                "row": render_to_string(
                    "journal/today.html#plan-row", {**_row_context(request), "row": row}, request=request
                )
                if row
                else "",
                "done_count": found.done_count,
                "planned_count": found.due_count,
                "streak": found.streak,
            },
            status=409 if conflict else 200,
        )
    if conflict:
        messages.warning(request, message)
        return redirect(_day_url(day, request.user.local_today()) + f"#ex-{exercise.slug}")
    messages.success(request, message)
    if request.POST.get("from") == "session":  # the session page's Done, without JavaScript
        return redirect("journal:session")
    return redirect(_day_url(day, request.user.local_today()) + f"#ex-{exercise.slug}")


def _tick_error(request, day, message, status=400):
    if wants_json(request):
        return JsonResponse({"ok": False, "message": message}, status=status)
    messages.error(request, message)
    return redirect(_day_url(day, request.user.local_today()) if day else reverse("journal:today"))


# What TickForm cleans an empty post to: a Done without answers (Today's button, the session's
# plain Done), the most common write of all.
NO_ANSWERS = MappingProxyType(
    {"pain_during": None, "effort": "", "partial": False, "spread": None, "add": False}
)


def cleaned_by_fields(form_class, posted):
    """`form_class(posted).cleaned_data` when every field is valid, cleaned by the class's own
    fields in their order, as `Form.full_clean` cleans them (each widget reads its value from the
    post, the field cleans it), without building the form: a form deep-copies every field and
    widget first (TickForm: 0.14 ms, its fields alone 0.01 ms). None when any field is not valid:
    then the caller builds the form, for its errors in its own words. Only for a form with no
    `clean_<field>` method, no disabled field and no prefix (checked); its `clean()`, if it has
    one, is the caller's to apply (or to fall back to the form for)."""
    cleaned = {}
    for name, field in form_class.base_fields.items():
        try:
            cleaned[name] = field.clean(field.widget.value_from_datadict(posted, {}, name))
        except ValidationError:
            return None
    return cleaned


def tick_answers(posted):
    """(the tick form's cleaned data, None), or (None, its errors in words). A post with none of
    the form's fields is a Done without answers: `NO_ANSWERS`, without building the form (each
    one deep-copies its fields: a twentieth of a tick); one with valid answers ("how did it
    feel") is cleaned by the form's fields (`cleaned_by_fields`); only one with an answer that is
    not valid builds the form, for its words."""
    if not any(name in posted for name in TickForm.base_fields):
        return NO_ANSWERS, None
    cleaned = cleaned_by_fields(TickForm, posted)
    if cleaned is not None:
        return cleaned, None
    form = TickForm(posted)
    if not form.is_valid():
        return None, " ".join(e for errs in form.errors.values() for e in errs)
    return form.cleaned_data, None


@login_required
@require_POST
@plan_write(gentle_ok=True)
def tick(request, day, exercise):
    parsed = _parse_day(request, day)
    if parsed is None:
        return _tick_error(request, None, CANT_BE_LOGGED)
    # The level from the library snapshot (no query); whether it is planned that day is checked by
    # the write, in its transaction (services.NotPlanned).
    planned = catalog.catalog().by_slug.get(exercise)
    if planned is None:
        return _tick_error(request, parsed, NOT_PLANNED)
    answers, errors = tick_answers(request.POST)
    if errors:
        return _tick_refused(request, parsed, exercise, _not_saved(errors))
    counts_up = planned.schedule == Exercise.Schedule.TIMES_A_DAY
    kind = client_ops.tick_kind(counts_up=counts_up, add=answers["add"], posted=request.POST)
    op, error = _client_op(request, kind)
    if error:
        return _tick_refused(request, parsed, exercise, error)
    try:
        saved, created, read = services.tick_record(
            user=request.user,
            day=parsed,
            exercise=planned,
            pain_during=answers["pain_during"],
            effort=answers["effort"],
            full_dose=not answers["partial"],
            spread=answers["spread"],
            add=counts_up and answers["add"],
            op=op,
            kind=kind,
            status=request.safety.status,
            window=_builds_row(request),
        )
    except services.NotPlanned:
        return _tick_error(request, parsed, NOT_PLANNED)
    except (services.OpReplayed, services.OpConflict, services.OpTaken) as outcome:
        return _op_outcome(request, parsed, planned, outcome)
    except services.ExercisePaused:
        return _tick_error(request, parsed, paused_words(request.user, planned))
    if counts_up and answers["add"]:
        message = _times_words(planned, saved.times)
    elif created:
        # Translators: said after an exercise is ticked done; %(name)s is the exercise.
        message = pgettext("tick", "%(name)s: done.") % {"name": planned.name}
    else:
        # Translators: said after a done exercise's answers are saved; %(name)s is the exercise.
        message = pgettext("tick", "%(name)s: saved.") % {"name": planned.name}
    if answers["spread"]:
        message = _(
            # Translators: CLINICAL: said after a tick that reports symptoms spreading down the leg;
            # %(said)s is what the tick said ("Gentle cat/cow: done.").
            "%(said)s Symptoms that spread down the leg are a reason to stop that exercise for now:"
            " please go through the safety questions again."
        ) % {"said": message}
    return _tick_response(request, parsed, planned, message, read=read)


@login_required
@require_POST
@plan_write(gentle_ok=True)
def untick(request, day, exercise):
    parsed = _parse_day(request, day)
    if parsed is None:
        return _tick_error(request, None, CANT_BE_LOGGED)
    found = catalog.catalog().by_slug.get(exercise)  # any level of the library, planned or not
    if found is None:
        raise Http404
    one = found.schedule == Exercise.Schedule.TIMES_A_DAY  # one time fewer, down to none
    op, error = _client_op(request, client_ops.UNDO_ONE if one else client_ops.UNTICK)
    if error:
        return _tick_error(request, parsed, error)
    try:
        left, read = services.tick_remove(
            user=request.user,
            day=parsed,
            exercise=found,
            one=one,
            op=op,
            status=request.safety.status,
            window=_builds_row(request),
        )
    except (services.OpReplayed, services.OpConflict, services.OpTaken) as outcome:
        return _op_outcome(request, parsed, found, outcome)
    if one:
        return _tick_response(request, parsed, found, _times_words(found, left), read=read)
    # Translators: said after a tick is undone; %(name)s is the exercise.
    message = _("%(name)s: marked as not done.") % {"name": found.name}
    return _tick_response(request, parsed, found, message, read=read)


def paused_words(user, exercise):
    """Why a tick of a paused exercise is refused, with the user's country's urgent-care words."""
    return _(
        "Not saved: %(name)s is paused after the pain it caused. Please stop it for now and talk to a"
        " doctor or physiotherapist about that pain (%(care)s); once you have, Today lets you take"
        " it up again."
    ) % {"name": exercise.name, "care": care_for(user.country).urgent_words}


@login_required
@require_POST
@plan_write(gentle_ok=False)
def pause_resume(request, pk):
    """ "I have talked to a clinician, go on": the paused exercise may be done again."""
    item = get_object_or_404(PlanItem, pk=pk, user=request.user, active=True)
    change = services.pause_resume(user=request.user, plan_item=item, today=request.user.local_today())
    if change is None:
        messages.info(request, NO_LONGER)
        return redirect("journal:today")
    messages.success(
        request,
        _("%(name)s is back in your plan. Go gently, and stop if it hurts like that again.")
        % {"name": change.to_exercise.name},
    )
    return redirect(reverse("journal:today") + f"#ex-{change.to_exercise.slug}")


def _op_outcome(request, day, exercise, outcome):
    """A tick, undo or count whose operation id was seen before (nothing changed: the row as it is),
    whose base is stale (409, the server's row kept) or whose id is another user's (400). The first
    two carry the day as the write read it (`outcome.read`)."""
    if isinstance(outcome, services.OpReplayed):
        message = _("%(name)s: already saved.") % {"name": exercise.name}
        return _tick_response(request, day, exercise, message, read=outcome.read)
    if isinstance(outcome, services.OpConflict):
        return _tick_response(
            request,
            day,
            exercise,
            _("%(name)s: This day was changed elsewhere since; we kept the other version.")
            % {"name": exercise.name},
            conflict=True,
            read=outcome.read,
        )
    return _tick_error(request, day, client_ops.OP_TAKEN)


def _times_words(exercise, times):
    """ "Stand up and lean back: 3 of 5 breaks." (the unit: the library's word, translated)."""
    return ngettext(
        # Translators: an exercise done some times a day; %(unit)s is the library's word for one
        # time, already translated ("breaks", "walks").
        "%(name)s: %(times)s of %(total)s %(unit)s.",
        "%(name)s: %(times)s of %(total)s %(unit)s.",
        exercise.times_per_day,
    ) % {"name": exercise.name, "times": times, "total": exercise.times_per_day, "unit": exercise.count_unit}


@login_required
@require_POST
@plan_write(gentle_ok=True)
def day_type(request, day):
    parsed = _parse_day(request, day)
    if parsed is None:
        return redirect("journal:today")
    form = DayTypeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a normal, rest or rough day."))
    else:
        chosen = form.cleaned_data["day_type"]
        services.day_type_set(user=request.user, day=parsed, day_type=chosen)
        messages.success(request, DAY_TYPE_MESSAGES[chosen])
    return redirect(_day_url(parsed, request.user.local_today()))


DAY_TYPE_MESSAGES = {
    Entry.DayType.ROUGH: gettext_lazy("Rough day: just the gentle set today. Your streak is safe."),
    Entry.DayType.REST: gettext_lazy("Rest day noted. Your streak is safe; see you tomorrow."),
    Entry.DayType.NORMAL: gettext_lazy("Back to your usual plan."),
}
# One sentence per day type a level change waits out (never a lower-cased label glued in).
NOT_NORMAL_DAY = {
    Entry.DayType.ROUGH: gettext_lazy(
        "Level changes wait for a normal day, and today is marked as a rough day; nothing was changed."
    ),
    Entry.DayType.REST: gettext_lazy(
        "Level changes wait for a normal day, and today is marked as a rest day; nothing was changed."
    ),
}
NO_LONGER = gettext_lazy("That suggestion no longer applies, so nothing was changed.")


def _todays_offers(request):
    """Today's suggestions as the page computes them: (day type, {exercise pk: ...}, gentle)."""
    today = request.user.local_today()
    entries, _entry, day_type, plan, _exercises = _day_reads(request, today)
    if not plan:
        return day_type, {}, None
    ticks = selectors.recent_ticks(user=request.user, day=today)
    offers, gentle = _offers(request, plan, entries=entries, ticks=ticks, today=today, day_type=day_type)
    return day_type, offers, gentle


def _refuse_on(request, day_type):
    """Refuse a suggestion's answer on a rest or rough day (the page shows none): True if refused."""
    if day_type == Entry.DayType.NORMAL:
        return False
    messages.info(request, NOT_NORMAL_DAY[Entry.DayType(day_type)])
    return True


@login_required
@require_POST
@plan_write(gentle_ok=False)
def accept(request, pk):
    """Take a level suggestion: only what the page would show now, re-checked by the same rules."""
    item = get_object_or_404(PlanItem, pk=pk, user=request.user, active=True)
    form = SuggestionForm(request.POST)
    day_type, offers, _gentle = _todays_offers(request)
    if _refuse_on(request, day_type):
        return redirect("journal:today")
    found = offers.get(item.exercise_id)
    if (
        not form.is_valid()
        or found is None
        or found[0].pk != item.pk
        or found[1].kind != form.cleaned_data["kind"]
    ):
        messages.info(request, NO_LONGER)
        return redirect("journal:today")
    planned, suggestion = found
    if suggestion.kind == Dismissal.Kind.DOSE:
        return _accept_dose_step(request, item, planned, suggestion)
    step = 1 if suggestion.kind == Dismissal.Kind.UP else -1
    target = selectors.exercise_at(progression=planned.progression_id, level=planned.exercise.level + step)
    change = None
    # The page never offers a level the safety answers rule out (`highest_allowed_levels`); checked
    # again here against the level's tags, so no Accept can reach one.
    if target is not None and selectors.allowed(target, request.safety.status):
        change = services.level_change_make(
            plan_item=item,
            to_exercise=target,
            direction=LevelChange.Direction.UP if step == 1 else LevelChange.Direction.DOWN,
            suggestion=suggestion,
            today=request.user.local_today(),
            from_exercise_id=planned.exercise_id,
        )
    if change is None:
        messages.info(request, NO_LONGER)
        return redirect("journal:today")
    messages.success(
        request,
        _("%(family)s: now level %(level)s, %(name)s.")
        % {
            "family": translate_lines(planned.progression.name),
            "level": target.level,
            "name": translate_lines(target.name),
        },
    )
    return redirect("journal:today")


def _accept_dose_step(request, item, planned, suggestion):
    change = services.dose_step_make(
        plan_item=item,
        suggestion=suggestion,
        today=request.user.local_today(),
        from_exercise_id=planned.exercise_id,
        from_step=planned.dose_step,
    )
    if change is None:
        messages.info(request, NO_LONGER)
    else:
        messages.success(
            request,
            # Translators: a dose step taken; %(dose)s is the new dose ("3 x 10 reps").
            _("%(name)s: now %(dose)s.")
            % {"name": translate_lines(planned.exercise.name), "dose": suggestion.values["dose"]},
        )
    return redirect("journal:today")


@login_required
@require_POST
@plan_write(gentle_ok=False)
def dismiss(request, pk):
    item = get_object_or_404(PlanItem, pk=pk, user=request.user)
    form = SuggestionForm(request.POST)
    if not form.is_valid():
        raise Http404
    kind = form.cleaned_data["kind"]
    services.suggestion_dismiss(
        user=request.user, plan_item=item, kind=kind, today=request.user.local_today()
    )
    if kind == Dismissal.Kind.DOWN:
        days = suggestions.SNOOZE_DAYS[Dismissal.Kind.DOWN]
        messages.info(
            request,
            ngettext(
                # Translators: CLINICAL: a suggestion to step back was turned down.
                "Okay, you keep this level. It won't be moved up for %(days)s day; step back any time"
                " it hurts more.",
                "Okay, you keep this level. It won't be moved up for %(days)s days; step back any time"
                " it hurts more.",
                days,
            )
            % {"days": days},
        )
    else:
        messages.info(request, _("Okay, not now. We'll look again in a few days."))
    return redirect("journal:today")


@login_required
@require_POST
@plan_write(gentle_ok=True)
def gentle_accept(request):
    """Take the day's gentle-set suggestion: today becomes a rough day."""
    day_type, _offered, gentle = _todays_offers(request)
    if _refuse_on(request, day_type):
        return redirect("journal:today")
    if gentle is None:
        messages.info(request, NO_LONGER)
        return redirect("journal:today")
    services.day_type_set(user=request.user, day=request.user.local_today(), day_type=Entry.DayType.ROUGH)
    messages.success(request, DAY_TYPE_MESSAGES[Entry.DayType.ROUGH])
    return redirect("journal:today")


@login_required
@require_POST
@plan_write(gentle_ok=True)
def gentle_dismiss(request):
    if _todays_offers(request)[2] is None:
        messages.info(request, NO_LONGER)
        return redirect("journal:today")
    services.suggestion_dismiss(
        user=request.user, plan_item=None, kind=Dismissal.Kind.GENTLE, today=request.user.local_today()
    )
    messages.info(
        request,
        _(
            # Translators: CLINICAL: the gentle set offered after high pain was turned down for today.
            "Okay, your usual plan today. Go by how it feels, and stop anything that hurts more."
        ),
    )
    return redirect("journal:today")
