"""Authentication from the user read with the session row (backcare/sessions.py: `user_row`).

`get_user` is Django's `django.contrib.auth.get_user` with one step changed: a session signed in
through the model backend takes its user from the row the session store read in the same query as
the session (the same checks as `ModelBackend.get_user`: that id, an active user) instead of
reading the user again. Everything else is Django's: the backend must still be listed, the session's
auth hash is verified against the user's password (a changed password ends the session; the
fallback secrets rotate it), and a session that fails is flushed. Any other backend, or a row that
does not match (no row, another id), reads the user as Django does.
"""

from functools import partial

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, _get_user_session_key, load_backend
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthenticationMiddleware
from django.contrib.auth.middleware import auser
from django.contrib.auth.models import AnonymousUser
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject


def _backend_user(request, backend, user_id):
    """`backend.get_user(user_id)`, from the session store's row when it is the model backend's."""
    row = getattr(request.session, "user_row", None)
    if (
        row is not None
        and row.pk == user_id
        and isinstance(backend, ModelBackend)
        and type(backend).get_user is ModelBackend.get_user
    ):
        return row if backend.user_can_authenticate(row) else None
    return backend.get_user(user_id)


def get_user(request):
    """django.contrib.auth.get_user (Django 5.2), the user from `_backend_user`."""
    user = None
    try:
        user_id = _get_user_session_key(request)
        backend_path = request.session[BACKEND_SESSION_KEY]
    except KeyError:
        pass
    else:
        if backend_path in settings.AUTHENTICATION_BACKENDS:
            backend = load_backend(backend_path)
            user = _backend_user(request, backend, user_id)
            # Verify the session
            if hasattr(user, "get_session_auth_hash"):
                session_hash = request.session.get(HASH_SESSION_KEY)
                if not session_hash:
                    session_hash_verified = False
                else:
                    session_auth_hash = user.get_session_auth_hash()
                    session_hash_verified = constant_time_compare(session_hash, session_auth_hash)
                if not session_hash_verified:
                    if session_hash and any(
                        constant_time_compare(session_hash, fallback_auth_hash)
                        for fallback_auth_hash in user.get_session_auth_fallback_hash()
                    ):
                        request.session.cycle_key()
                        request.session[HASH_SESSION_KEY] = session_auth_hash
                    else:
                        request.session.flush()
                        user = None
    return user or AnonymousUser()


class AuthenticationMiddleware(DjangoAuthenticationMiddleware):
    """Django's, with `request.user` from `get_user` above (`request.auser` stays Django's)."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: get_user(request))
        request.auser = partial(auser, request)
