"""Django's database sessions, in `backcare.UserSession`, with the signed-in user's id as a column.

Django's documented way to extend the database session engine: the store writes the id it finds
under the auth session key when it saves, so `UserSession.objects.filter(user_id=...)` finds a
user's sessions (account deletion) without decoding the table.
"""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DBStore


class SessionStore(DBStore):
    @classmethod
    def get_model_class(cls):
        from backcare.models import UserSession

        return UserSession

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        try:
            session.user_id = int(data.get(SESSION_KEY))
        except (TypeError, ValueError):
            session.user_id = None
        return session
