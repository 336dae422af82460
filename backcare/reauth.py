"""Asking a signed-in user for their password again, throttled like the log-in.

The password goes through `django.contrib.auth.authenticate` with the request, so django-axes counts
a wrong one as a failed log-in for that name and address and, after `AXES_FAILURE_LIMIT` of them,
locks both the log-in and every re-authentication for the cool-off, answering with the same lock
page (AxesMiddleware sees `request.axes_locked_out`).
"""

from django.contrib.auth import authenticate


def password_confirmed(request, password):
    """True when `password` is the signed-in user's; a wrong one counts toward the lock."""
    user = request.user
    found = authenticate(request, username=user.get_username(), password=password)
    return found is not None and found.pk == user.pk


def locked_out(request):
    return bool(getattr(request, "axes_locked_out", False))
