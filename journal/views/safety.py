from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from journal import safety, selectors, services, suggestions
from journal.forms_safety import ClearanceForm, SafetyScreenForm


@login_required
@require_http_methods(["GET", "POST"])
def screen(request):
    """The red-flag questions in three groups; a finished screen is a new row, never over an old one."""
    last = request.safety.latest
    today = request.user.local_today()
    form = SafetyScreenForm(
        request.POST if request.method == "POST" else None,
        previous_answers=last.answers if last else None,
    )
    if request.method == "POST":
        if form.is_valid():
            screen = services.safety_screen_record(user=request.user, today=today, answers=form.answers())
            if safety.screen_status(screen, today).plan != safety.PlanAccess.FULL:
                return redirect("journal:safety_result")
            if screen.outcome == safety.CLEAR:
                messages.success(request, _("Thank you. Nothing in your answers needs a doctor first."))
            else:
                messages.success(
                    request,
                    _(
                        "Thank you. These answers were already covered by a clinician's OK on %(day)s, so "
                        "it still stands."
                    )
                    % {"day": formats.date_format(screen.cleared_on, "DATE_FORMAT")},
                )
            return redirect("journal:today")
        open_groups = form.open_groups()
        messages.error(
            request,
            ngettext(
                "Nothing was saved yet: please answer every group (%(count)d still open, marked below).",
                "Nothing was saved yet: please answer every group (%(count)d still open, marked below).",
                open_groups,
            )
            % {"count": open_groups},
        )
    return render(
        request,
        "journal/safety/screen.html",
        {
            "form": form,
            "last": last,
            "last_answered": safety.last_answered_words(last.taken_on, today) if last else "",
        },
    )


def _render_result(request, clearance_form=None):
    screen = request.safety.screen
    if clearance_form is None and safety.clearance_allowed(screen):
        clearance_form = ClearanceForm(screen=screen, today=request.user.local_today())
    return render(
        request,
        "journal/safety/result.html",
        {
            "screen": screen,
            "status": request.safety.status,
            "yes": safety.yes_answers(screen.answers),
            "talk_first_yes": safety.yes_answers(screen.answers, safety.TALK_FIRST),
            "see_soon_yes": safety.yes_answers(screen.answers, safety.SEE_SOON),
            "carried": screen.cleared_on is not None and screen.cleared_on < screen.taken_on,
            "clearance_form": clearance_form,
        },
    )


@login_required
def result(request):
    """What the latest answers mean, and where a clinician's OK is recorded."""
    if request.safety.latest is None:
        return redirect("journal:safety")
    return _render_result(request)


@login_required
@require_POST
def clear(request):
    screen = request.safety.screen
    if screen is None:
        return redirect("journal:safety")
    if not safety.clearance_allowed(screen):
        if screen.outcome == safety.EMERGENCY:
            # Translators: CLINICAL: an emergency outcome cannot be cleared by noting a clinician's OK.
            messages.error(request, _("Emergency advice is lifted only by answering the questions again."))
        elif screen.cleared_on:
            messages.info(
                request,
                _("A clinician's OK is already noted, on %(day)s.")
                % {"day": formats.date_format(screen.cleared_on, "DATE_FORMAT")},
            )
        else:
            messages.info(
                request, _("Your answers did not need a clinician's OK, so there is nothing to record.")
            )
        return redirect("journal:safety_result")
    today = request.user.local_today()
    form = ClearanceForm(request.POST, screen=screen, today=today)
    if not form.is_valid():
        messages.error(request, _("Not saved: please check the date below."))
        return _render_result(request, clearance_form=form)
    services.safety_clearance_record(
        user=request.user,
        screen=screen,
        cleared_on=form.cleaned_data["cleared_on"],
        note=form.cleaned_data["note"],
        today=today,
    )
    # Translators: CLINICAL: after a clinician's OK is noted.
    messages.success(request, _("Noted. Your plan is back: go gently, and stop if anything feels wrong."))
    return redirect("journal:today")


def _spread_days(user, today):
    """The recent days the user said symptoms spread down the leg during an exercise."""
    return suggestions.spread_days(selectors.recent_ticks(user=user, day=today))


@login_required
@require_POST
def acknowledge(request):
    """The user has read a warning banner: keep that, so it is not shown again."""
    kind = request.POST.get("kind", "")
    try:
        first_day = date.fromisoformat(request.POST.get("first_day", ""))
    except ValueError:
        first_day = None
    today = request.user.local_today()
    entries = selectors.recent_entries(user=request.user, day=today)
    showing = {
        (a.kind, a.first_day)
        for a in safety.active_alerts(
            entries, today, acknowledged=set(), spread_days=_spread_days(request.user, today)
        )
    }
    if (kind, first_day) not in showing:
        messages.error(
            request, _("That warning is not showing any more, so there was nothing to mark as read.")
        )
        return redirect("journal:today")
    services.safety_alert_acknowledge(user=request.user, kind=kind, first_day=first_day)
    # Translators: CLINICAL: after a warning banner (leg symptoms, a flare) is marked as read.
    messages.info(request, _("Thank you for reading it. Take it gently, and see a clinician if it goes on."))
    return redirect("journal:today")


@login_required
@require_POST
def see_clinician_put_away(request):
    """Put the "time to see a clinician" note away for 14 days (it is advice, not a warning sign)."""
    today = request.user.local_today()
    entries = selectors.recent_entries(user=request.user, day=today)
    if request.safety.see_clinician(entries, today) is None:
        messages.error(request, _("That note is not showing any more, so there was nothing to put away."))
        return redirect("journal:today")
    services.see_clinician_put_away(user=request.user, today=today)
    messages.info(
        request,
        _("Put away for 14 days. It comes back then if your pain is still not clearly better."),
    )
    return redirect("journal:today")


@login_required
@require_POST
def rescreen_put_away(request):
    """Put the four-weekly re-screen reminder away for 7 days (a reminder, not a warning sign)."""
    today = request.user.local_today()
    latest = request.safety.latest
    status = request.safety.status
    if not status.rescreen_due or safety.rescreen_put_away(latest.rescreen_until, today):
        messages.error(request, _("That reminder is not showing any more, so there was nothing to put away."))
        return redirect("journal:today")
    services.rescreen_put_away(user=request.user, today=today)
    messages.info(request, _("Put away for 7 days. It comes back then if the safety check is still due."))
    return redirect("journal:today")
