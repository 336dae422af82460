"""What the Today page's offline queue asks before it sends what it kept (static/js/offline-queue.js)."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.views.decorators.http import require_GET


@login_required
@require_GET
def offline_token(request):
    """Who is logged in and a fresh CSRF token, private and never stored (the cache middleware).

    Logged out (the session expired while the phone was offline), `login_required` answers with the
    log-in redirect, which the queue reads as "log in again": the writes wait, bound to their user.
    """
    return JsonResponse({"user": request.user.pk, "csrf": get_token(request)})
