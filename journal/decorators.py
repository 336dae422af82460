"""The server-side gate for writes that belong to the exercise plan (docs/clinical-rules.md)."""

from functools import wraps

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def wants_json(request):
    """The page's script asked (fetch): answer JSON instead of a redirect with a message."""
    return request.headers.get("X-Requested-With") == "fetch"


def plan_write(*, gentle_ok):
    """Refuse the view while the latest safety screen holds the plan, with the words the page shows.

    `gentle_ok`: the write is also allowed while the plan holds only the gentle set (a tick of a
    gentle exercise, a day type); level changes are not. Put it under @login_required, so
    `request.safety` (journal.middleware) is there. The daily check-in is never gated.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            status = request.safety.status
            if status.blocks_plan or (status.gentle_only and not gentle_ok):
                message = _(
                    # Translators: CLINICAL: a write refused while the safety answers hold the plan;
                    # %(why)s is the held plan's own sentence.
                    "Not saved: %(why)s"
                ) % {"why": status.held_message}
                if wants_json(request):
                    return JsonResponse({"ok": False, "message": message}, status=403)
                messages.error(request, message)
                return redirect("journal:today")
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
