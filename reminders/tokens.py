"""Signed links in reminder mail (django.core.signing, a salt per purpose): pure, no queries.

Each token carries the user's id and the address it was made for, signed with SECRET_KEY, and
expires. Nothing is stored: a token for an address the user has since changed is refused by the
view that reads it, because the address no longer matches.
"""

from datetime import timedelta

from django.core import signing

CONFIRM = "reminders.confirm-address"
UNSUBSCRIBE = "reminders.unsubscribe"
MAX_AGE = {
    CONFIRM: timedelta(days=3),
    # Long enough for an old mail's link to work: unsubscribing must not fail for being late.
    UNSUBSCRIBE: timedelta(days=120),
}


class BadLink(Exception):
    """A token that is tampered with, made for another purpose, or too old."""

    def __init__(self, expired=False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def make(purpose, *, user_id, address):
    return signing.dumps([user_id, address], salt=purpose, compress=True)


def read(purpose, token):
    """(user id, address) from a token made for `purpose`; BadLink otherwise."""
    try:
        value = signing.loads(token, salt=purpose, max_age=MAX_AGE[purpose])
    except signing.SignatureExpired:
        raise BadLink(expired=True) from None
    except (signing.BadSignature, ValueError, TypeError, UnicodeError, OverflowError):
        raise BadLink from None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not isinstance(value[0], int)
        or not isinstance(value[1], str)
    ):
        raise BadLink
    return value[0], value[1]
