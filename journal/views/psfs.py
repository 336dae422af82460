"""The Patient-Specific Functional Scale page: a round's form, and Today's "not now"."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from journal import psfs, selectors, services
from journal.forms_psfs import PsfsForm

ACTIVITY_FIELD = re.compile(r"(?:rating|retire)_(\d+)")


@login_required
@require_http_methods(["GET", "POST"])
def psfs_page(request):
    user = request.user
    activities = selectors.psfs_activities(user=user)
    form = PsfsForm(request.POST if request.method == "POST" else None, activities=activities)
    if request.method == "POST":
        ours = {str(a.pk) for a in activities}
        if any((m := ACTIVITY_FIELD.fullmatch(key)) and m[1] not in ours for key in request.POST):
            raise Http404("No such activity.")  # another user's activity (or a retired one) tampered in
        if form.is_valid():
            try:
                services.psfs_record(
                    user=user,
                    today=user.local_today(),
                    ratings=form.ratings,
                    retire=form.retire,
                    new=form.new,
                )
            except services.PsfsError as error:
                messages.error(request, _("Nothing was saved: %(error)s") % {"error": error})
            else:
                rated = [*form.ratings.values(), *(rating for _name, rating in form.new)]
                messages.success(
                    request,
                    _(
                        "Saved. Your activity score today is %(score)s out of 10; we will ask again in "
                        "%(days)s days."
                    )
                    % {
                        "score": formats.number_format(round(psfs.score(rated), 1), 1),
                        "days": psfs.INTERVAL_DAYS,
                    },
                )
                return redirect("journal:today")
        else:
            messages.error(request, _("Nothing was saved yet: please check the answers marked below."))
    return render(
        request,
        "journal/psfs.html",
        {"form": form, "first_round": not activities, "max_activities": psfs.MAX_ACTIVITIES},
    )


@login_required
@require_POST
def psfs_skip(request):
    services.psfs_skip(user=request.user, today=request.user.local_today())
    messages.success(
        request,
        _("Fine: we will ask about your activities again in %(days)s days.") % {"days": psfs.INTERVAL_DAYS},
    )
    return redirect("journal:today")
