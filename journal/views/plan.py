from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exercises import positions
from exercises.catalog import translate_lines
from exercises.models import Progression
from journal import selectors, services
from journal.decorators import plan_write

# A hand-chosen move of more than this many levels at once is confirmed first, and so is adding a
# family to the plan above its level 1 (docs/clinical-rules.md).
JUMP_WITHOUT_CONFIRMING = 1


def _next_url(request):
    target = request.POST.get("next", "")
    # A plain redirect to a local path: redirect() would try a relative `next` such as "11" as a URL name.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def _back(request):
    target = _next_url(request)
    return HttpResponseRedirect(target) if target else redirect("settings")


@login_required
@require_POST
@plan_write(gentle_ok=False)
def plan_set(request, progression):
    family = get_object_or_404(Progression, slug=progression)
    try:
        level = int(request.POST.get("level", ""))
    except ValueError:
        level = None
    exercise = selectors.exercise_at(progression=family, level=level) if level else None
    if exercise is None:
        messages.error(
            request,
            _("%(family)s has no level “%(level)s”; nothing changed.")
            % {"family": translate_lines(family.name), "level": request.POST.get("level", "")},
        )
        return _back(request)
    if not selectors.allowed(exercise, request.safety.status):
        messages.error(
            request,
            _(
                "Not saved: after your safety answers, %(name)s is not one to do on your own: %(why)s. "
                "Ask the clinician you see which levels suit you."
            )
            % {"name": exercise.name, "why": positions.why_not(exercise, request.safety.status)},
        )
        return _back(request)
    item = selectors.plan_item(user=request.user, progression=family)
    in_plan = item is not None and item.active
    if item is not None and item.paused_on is not None and exercise.level >= item.exercise.level:
        # Paused after severe pain: a lower level (or "I have talked to a clinician") ends it.
        messages.error(
            request,
            _(
                "Not saved: %(name)s is paused after the pain it caused. Talk to a doctor or"
                " physiotherapist first, or choose a lower level."
            )
            % {"name": item.exercise.name},
        )
        return _back(request)
    # A family not in the plan (never, or removed) starts from its level 1: adding it higher is a
    # jump of its own (version 3).
    jump = abs(exercise.level - (item.exercise.level if in_plan else 1))
    confirm = jump > JUMP_WITHOUT_CONFIRMING if in_plan else exercise.level > 1
    if confirm and request.POST.get("confirm") != "yes":
        return render(
            request,
            "journal/plan_confirm.html",
            {
                "family": family,
                "exercise": exercise,
                "current": item.exercise if in_plan else None,
                "jump": jump,
                "next": _next_url(request),
            },
        )
    services.plan_set_level(
        user=request.user, progression=family, exercise=exercise, today=request.user.local_today()
    )
    messages.success(
        request,
        _("%(family)s: in your plan at level %(level)s, %(name)s.")
        % {
            "family": translate_lines(family.name),
            "level": exercise.level,
            "name": translate_lines(exercise.name),
        },
    )
    return _back(request)


@login_required
@require_POST
@plan_write(gentle_ok=False)
def plan_remove(request, progression):
    family = get_object_or_404(Progression, slug=progression)
    services.plan_remove(user=request.user, progression=family, today=request.user.local_today())
    messages.success(
        request, _("%(family)s is no longer in your plan.") % {"family": translate_lines(family.name)}
    )
    return _back(request)
