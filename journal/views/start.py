"""The start: a few questions after the safety screen and before the first Today, one a screen, each
skippable, from which the starter plan is built (journal/starter.py, docs/starter-plan.md).

Plain forms and redirects (no JavaScript needed): the screen is in the URL, how far the person has
come is kept on their answers' row (`reached`), so a person who leaves midway comes back to the
screen they left (Today sends them here while the start is open and they have no plan). The last
question's answer (or "Not now") finishes the start and builds the plan; the closing page says what
was chosen and why.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from exercises import catalog
from journal import selectors, services, starter
from journal.decorators import plan_write
from journal.forms_start import FORMS, SKIPPED, StartAnswersForm

STEPS = tuple(FORMS)


def _open_answers(request):
    answers = selectors.start_answers(user=request.user)
    return answers if answers is not None and answers.finished_on is None else None


@login_required
def start(request):
    """Where the person is in the start: the furthest screen reached, or Today once it is done."""
    answers = _open_answers(request)
    if answers is None:
        return redirect("journal:today")
    return redirect("journal:start_step", step=STEPS[min(answers.reached, len(STEPS) - 1)])


def _initial(answers, step):
    if step == "minutes":
        return {"minutes": answers.minutes, "sitting": answers.sitting}
    if step in ("episode", "leg"):
        return {step: getattr(answers, step) or None}
    if step == "equipment":
        return {"equipment": answers.equipment or []}
    if step == "reminder":
        return {"at": "19:00", "channel": "email"}
    return {}


def _render(request, step, form, status=200):
    index = STEPS.index(step)
    return render(
        request,
        "journal/start/step.html",
        {
            "form": form,
            "step": step,
            "number": index + 1,
            "total": len(STEPS),
            "back": STEPS[index - 1] if index else None,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def step(request, step):
    if step not in FORMS:
        raise Http404
    answers = _open_answers(request)
    if answers is None:
        return redirect("journal:today")
    index = STEPS.index(step)
    if index > answers.reached:  # not there yet: the screen the person has reached
        return redirect("journal:start_step", step=STEPS[answers.reached])
    user, today = request.user, request.user.local_today()
    form_class = FORMS[step]
    if request.method == "GET":
        return _render(request, step, form_class(initial=_initial(answers, step)))

    action = request.POST.get("action")
    if action not in ("next", "skip"):
        messages.error(request, _("Nothing was saved: choose Next or Skip."))
        return _render(request, step, form_class(initial=_initial(answers, step)), status=400)
    if action == "skip":
        if step == "activities":
            services.start_activities(user=user, step=index, activities=[], today=today)
        elif step in SKIPPED:
            services.start_answer(user=user, step=index, values=SKIPPED[step], today=today)
    else:
        form = form_class(request.POST)
        if not form.is_valid():
            messages.error(request, _("Nothing was saved yet: please check your answer below, or skip it."))
            return _render(request, step, form)
        if step == "activities":
            services.start_activities(user=user, step=index, activities=form.chosen(), today=today)
        elif step == "reminder":
            # The reminders app saves it (settings.START_REMINDER_STEP): journal never imports reminders.
            if not import_string(settings.START_REMINDER_STEP)(request, form.cleaned_data):
                messages.error(
                    request, _("The reminder was not saved: choose another way, or tap “Not now”.")
                )
                return _render(request, step, form)
        else:
            services.start_answer(user=user, step=index, values=form.answers(), today=today)
    if step == STEPS[-1]:
        services.start_finish(user=user, today=today)
        return redirect("journal:start_done")
    return redirect("journal:start_step", step=STEPS[index + 1])


@login_required
def done(request):
    """What the plan holds and why, from the answers; and the way to Today."""
    answers = selectors.start_answers(user=request.user)
    if answers is None or answers.finished_on is None:
        return redirect("journal:start")
    status = request.safety.status
    plan = starter.starter_plan(answers, catalog.catalog().exercises.values(), status)
    return render(
        request,
        "journal/start/done.html",
        {"summary": starter.summary(plan, answers), "held": status.blocks_plan},
    )


# --- the answers in Settings ------------------------------------------------------------------


def _finished_answers(request):
    """The person's finished answers, or 404 (an account made before the start has none)."""
    answers = selectors.start_answers(user=request.user)
    if answers is None or answers.finished_on is None:
        raise Http404("No answers of the start to change.")
    return answers


@login_required
@require_POST
def answers_save(request):
    """Settings: keep the changed answers; the plan stays as it is (the page says so)."""
    from backcare.settings_page import settings_page

    _finished_answers(request)
    form = StartAnswersForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Your answers were not saved: please check the ones marked below."))
        response = settings_page(request, start_form=form)
        response.status_code = 400
        return response
    services.start_answers_update(user=request.user, values=form.answers())
    messages.success(
        request,
        _("Your answers are saved. Your plan is as it was: rebuild it from them if you like."),
    )
    return redirect(reverse("settings") + "#start-answers-heading")


def _rebuilt(request):
    answers = _finished_answers(request)
    status = request.safety.status
    current = {
        item.exercise.progression.slug: item.exercise for item in selectors.active_plan(user=request.user)
    }
    return starter.rebuilt_plan(answers, catalog.catalog().exercises.values(), status, current), current


@login_required
def plan_rebuild_confirm(request):
    """What "Rebuild my plan from these answers" would make, and the button that does it."""
    if request.safety.status.blocks_plan:
        messages.error(request, request.safety.status.held_message)
        return redirect("settings")
    rebuilt, current = _rebuilt(request)
    return render(
        request,
        "journal/start/rebuild.html",
        {"rebuilt": rebuilt, "removed": [current[slug] for slug in rebuilt.removed]},
    )


@login_required
@require_POST
@plan_write(gentle_ok=False)
def plan_rebuild(request):
    """Replace the plan with the one the answers give (after the confirm page's "Yes")."""
    _finished_answers(request)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Nothing was changed: confirm on this page to rebuild your plan."))
        return redirect("journal:plan_rebuild_confirm")
    services.plan_rebuild_from_start(user=request.user, today=request.user.local_today())
    messages.success(request, _("Your plan is rebuilt from your answers."))
    return redirect("journal:today")
