"""The languages BackCare is written in, and which one a person reads (docs/translations.md).

`settings.LANGUAGES` is the list; a user's choice is `User.language` (blank: follow the browser).
Outside a request (mail, push, the calendar file, the report made by a command) the words are put
in the person's language with `translation.override(languages.for_user(user))`.
"""

from django.conf import settings
from django.utils import translation

LANGUAGE_MAX_LENGTH = 8


def language_choices():
    """(code, name) pairs for the user's field and forms: callable, so a new language needs no migration."""
    return list(settings.LANGUAGES)


def is_known(code):
    """Whether `code` is one of the languages BackCare is written in."""
    return bool(code) and any(code == known for known, _ in settings.LANGUAGES)


def active_or_default():
    """The active language if it is one of ours (it is, inside a request LocaleMiddleware saw), else the default."""
    active = translation.get_language()
    return active if is_known(active) else settings.LANGUAGE_CODE


def for_user(user):
    """The language to write to `user` in when no request is there: theirs, or the default."""
    return user.language if is_known(user.language) else settings.LANGUAGE_CODE
