from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.functional import SimpleLazyObject

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


def site(request):
    """The URLs in every page's header and <head> (reversed once a process)."""
    return {"nav": _nav_urls(get_script_prefix())}


def care(request):
    """`care`: the user's emergency number and urgent-care words (backcare/urgent_care.py).

    The only way templates get them. Lazy, and read from the user row the request already has:
    a page that does not show them pays nothing, and none pays a query.
    """
    user = getattr(request, "user", None)
    return {"care": SimpleLazyObject(lambda: care_for(getattr(user, "country", "")))}
