from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from backcare.browser import clear_site_data, drop_messages
from backcare.reauth import locked_out
from journal import selectors, services
from journal.days import first_day
from journal.forms_account import DeleteAccountForm
from journal.services import account_delete


@login_required
@require_POST
def delete_account(request):
    form = DeleteAccountForm(request.POST, request=request)
    if not form.is_valid():
        # Locked out: AxesMiddleware answers with the log-in's lock page instead of this redirect.
        if not locked_out(request):
            messages.error(request, _("That password is not right, so nothing was deleted."))
        return redirect("settings")
    user = request.user
    drop_messages(request)  # the diary's own messages never reach the landing page
    logout(request)
    account_delete(user=user)
    messages.success(request, _("Your account and everything in it have been deleted."))
    # The browser deletes the kept Today and the offline queue (backcare/browser.py, docs/offline.md).
    return clear_site_data(redirect("landing"))


@login_required
@require_http_methods(["GET", "POST"])
def old_days(request):
    """Days saved under older rules outside the diary's dates (journal/days.py): listed here, kept in
    the export, and deleted only on the user's say-so."""
    user = request.user
    first = first_day(user)
    found = selectors.days_outside(user=user, first=first, today=user.local_today())
    if request.method == "POST":
        removed = services.days_delete(user=user, dates=[e.date for e in found])
        messages.success(
            request,
            ngettext("%(count)d day deleted.", "%(count)d days deleted.", removed) % {"count": removed},
        )
        return redirect("journal:old_days")
    return render(request, "journal/old_days.html", {"days": found, "first": first})
