"""Sharing the report with a clinician: the user's links (make, list with their views, withdraw) and
the read-only report a link opens without an account (journal/sharing.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backcare import ratelimit
from backcare.client_ip import client_ip
from journal import selectors, services, sharing
from journal.forms_share import ShareLinkForm
from journal.models import ShareLink
from journal.views.history_page import report_context


@login_required
@require_http_methods(["GET", "POST"])
def share(request):
    """The user's share links and the form for a new one. A new link's address is shown in the
    answer to the POST, once: only its fingerprint is kept, so no later page can show it again."""
    user = request.user
    created = None
    form = ShareLinkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            link, token = services.share_link_create(user=user, **form.cleaned_data, now=timezone.now())
            url = request.build_absolute_uri(reverse("shared_report", kwargs={"share_token": token}))
            created = (link, url)
            form = ShareLinkForm()
        else:
            messages.error(request, _("No link was made: please correct the marked fields."))
    now = timezone.now()
    links = [(link, sharing.state(link, now)) for link in selectors.share_links(user=user)]
    return render(
        request,
        "journal/share/links.html",
        {"form": form, "links": links, "created": created, "views_listed": sharing.VIEWS_LISTED},
    )


@login_required
@require_POST
def share_revoke(request, pk):
    """Withdraw one of the user's links at once (another user's link is a 404)."""
    link = get_object_or_404(ShareLink, pk=pk, user=request.user)
    services.share_link_revoke(user=request.user, pk=link.pk, now=timezone.now())
    messages.success(request, _("The link was withdrawn: it no longer opens the report."))
    return redirect("journal:share")


def _closed(request, state, status):
    response = render(request, "journal/share/closed.html", {"state": state}, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def shared_report(request, share_token):
    """The report a link opens, for anyone holding it: only the report, with what the link allows,
    in its owner's time zone. Each opening is logged for the owner (the one GET that writes: the
    owner asked to see when their link was read). A token that matches no link counts toward the
    address's limit (journal/sharing.py); an expired or withdrawn one is refused with 410."""
    address = client_ip(request) or "unknown"
    if ratelimit.exhausted("share_token", address):
        return _closed(request, "limited", 429)
    link = None
    if len(share_token) <= sharing.TOKEN_MAX_LENGTH:
        link = selectors.share_link_by_fingerprint(token_hash=sharing.fingerprint(share_token))
    if link is None:
        ratelimit.hit("share_token", address)
        return _closed(request, "unknown", 404)
    state = sharing.state(link, timezone.now())
    if state != "open":
        return _closed(request, state, 410)
    owner = link.user
    if request.method == "GET":
        services.share_view_record(link=link)
    with timezone.override(owner.tzinfo):
        context = report_context(owner, request, show_notes=link.show_notes, show_safety=link.show_safety)
        response = render(
            request,
            "journal/report.html",
            {
                **context,
                "patient_name": link.display_name,
                "shared": True,
                "base": "journal/share/base.html",
            },
        )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
