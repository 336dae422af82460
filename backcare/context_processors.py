from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, reverse

NAV = {
    "landing": "landing",
    "today": "journal:today",
    "history": "journal:history",
    "exercises": "exercises:list",
    "settings": "settings",
    "logout": "logout",
    "login": "login",
    "signup": "signup",
}


@lru_cache(maxsize=4)
def _nav_urls(script_prefix):
    # reverse() puts the script prefix in front; the same prefix always gives the same addresses.
    return {key: reverse(name) for key, name in NAV.items()}


def site(request):
    """The emergency number and the addresses in every page's header (reversed once a process)."""
    return {"emergency_number": settings.EMERGENCY_NUMBER, "nav": _nav_urls(get_script_prefix())}
