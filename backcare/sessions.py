"""Django's database sessions, in `backcare.UserSession`, with the signed-in user's id as a column.

Django's documented way to extend the database session engine: the store writes the id it finds
under the auth session key when it saves, so `UserSession.objects.filter(user_id=...)` finds a
user's sessions (account deletion) without decoding the table. It reads the session row joined to
that user (`user_row`), so authentication takes the user from it instead of reading it again
(backcare/auth.py): one query for the session and its user on every signed-in request.
"""

import logging

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone


class SessionStore(DBStore):
    # The user the session row names, read with it (None: none, or not read yet).
    user_row = None

    @classmethod
    def get_model_class(cls):
        from backcare.models import UserSession

        return UserSession

    def _get_session_from_db(self):
        """Django's own read of the session row (DBStore._get_session_from_db), joined to its user."""
        self.user_row = None
        try:
            row = self.model.objects.select_related("user").get(
                session_key=self.session_key, expire_date__gt=timezone.now()
            )
        except (self.model.DoesNotExist, SuspiciousOperation) as e:
            if isinstance(e, SuspiciousOperation):
                logger = logging.getLogger(f"django.security.{e.__class__.__name__}")
                logger.warning(str(e))
            self._session_key = None
            return None
        self.user_row = row.user
        return row

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        try:
            session.user_id = int(data.get(SESSION_KEY))
        except (TypeError, ValueError):
            session.user_id = None
        return session
