"""gunicorn settings, read from the environment (see README)."""

import os
import re

from gunicorn.glogging import Logger

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Addresses that carry a secret in their path: a share link (/shared/<token>/), the calendar feed
# (/reminders/calendar/<token>.ics), a reminder address's confirm and unsubscribe links, a password
# reset link. The access log writes them with the secret replaced, wherever it appears (the request
# line, the path, the referer of the page's own assets, any header or environ atom).
# tests/backcare/test_access_log.py checks every URL with a token is covered.
TOKEN_PATHS = [
    (re.compile(r"(/shared/)[^/?#\s\"]+"), r"\1[token]"),
    (re.compile(r"(/reminders/calendar/)[^/?#\s\".]+"), r"\1[token]"),
    (re.compile(r"(/reminders/(?:confirm|unsubscribe)/)[^/?#\s\"]+"), r"\1[token]"),
    (re.compile(r"(/accounts/reset/)[^/?#\s\"]+/(?!set-password/)[^/?#\s\"]+"), r"\1[uid]/[token]"),
    (re.compile(r"(/accounts/reset/)[^/?#\s\"]+(/set-password/)"), r"\1[uid]\2"),
]


def redact(text):
    """`text` with every token of TOKEN_PATHS replaced by a placeholder."""
    for pattern, replacement in TOKEN_PATHS:
        text = pattern.sub(replacement, text)
    return text


class TokenSafeLogger(Logger):
    """gunicorn's logger, whose access-log atoms never hold a token (TOKEN_PATHS)."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {name: redact(value) if isinstance(value, str) else value for name, value in atoms.items()}


logger_class = TokenSafeLogger
