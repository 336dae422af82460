from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from backcare import html_words
from backcare.language_cache import per_language
from backcare.urgent_care import care_for

NAV = {
    "landing": "landing",
    "today": "journal:today",
    "history": "journal:history",
    "exercises": "exercises:list",
    "settings": "settings",
    "logout": "logout",
    "login": "login",
    "signup": "signup",
    # base.html's <head>: the scripts' words, the home-screen manifest, the service worker.
    "jsi18n": "jsi18n",
    "manifest": "manifest",
    "service_worker": "service_worker",
}


@lru_cache(maxsize=4)
def _nav_urls(script_prefix):
    # reverse() puts the script prefix in front; the same prefix always gives the same URLs.
    return {key: reverse(name) for key, name in NAV.items()}


# The header's fixed words (templates/includes/header.html) and the skip link (base.html): each
# {% translate %} asks the active translation afresh (some 8 µs a tag, ten of them on every page);
# translated here once a language instead. Nothing of a user's or a request's in them.
NAV_WORDS = {
    "skip": _("Skip to content"),
    "main": _("Main"),
    "today": _("Today"),
    "history": _("History"),
    "exercises": _("Exercises"),
    "settings": _("Settings"),
    "log_out": _("Log out"),
    "menu": _("Menu"),
    "log_in": _("Log in"),
    "sign_up": _("Sign up"),
}


@per_language
def _nav_words(language):
    # Called with the active language: str() translates into it; safe, as {% translate %}'s words
    # are (a template's quoted words are safe, and so their translations).
    return html_words.words(NAV_WORDS)


def site(request):
    """The URLs in every page's header and <head> (reversed once a process) and the header's words
    (translated once a language)."""
    return {"nav": _nav_urls(get_script_prefix()), "nav_words": _nav_words(get_language())}


def care(request):
    """`care`: the user's emergency number and urgent-care words (backcare/urgent_care.py).

    The only way templates get them. Lazy, and read from the user row the request already has:
    a page that does not show them pays nothing, and none pays a query.
    """
    user = getattr(request, "user", None)
    return {"care": SimpleLazyObject(lambda: care_for(getattr(user, "country", "")))}
