"""Secrets in URL paths, kept out of every log line.

A share link (/shared/<token>/), the calendar feed (/reminders/calendar/<token>.ics), a reminder
address's confirm and unsubscribe links and a password reset link carry a secret in their path.
gunicorn's access log (gunicorn.conf.py: TokenSafeLogger) and Django's own loggers (settings.LOGGING:
the `redact_tokens` filter, on "Not Found: /shared/<token>/" and the like) write them with the
secret replaced. tests/backcare/test_access_log.py checks every URL with a token is covered.
"""

import logging
import re

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


class RedactTokens(logging.Filter):
    """A handler filter: the record's message, formatted once, with every token replaced. Django's
    request loggers put the path in the message ("Not Found: %s") and the request in `extra`; the
    request is dropped from the record so no formatter can print its path again."""

    def filter(self, record):
        record.msg = redact(record.getMessage())
        record.args = None
        if hasattr(record, "request"):
            record.request = None
        return True
