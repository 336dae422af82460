"""The settings page, composed of the apps' sections (docs/architecture.md, "The settings page").

Each app renders its own section: a function `(request, *, csrf_input, refused) -> HTML` beside its
own template, named in `settings.SETTINGS_PAGE_SECTIONS` in the page's order. This module imports no
app (the list is the project's, in backcare/settings.py, as Django's own MIDDLEWARE is), so an app's
view that refuses a POST re-renders the page through `settings_page` without importing upward.

The sections are rendered without the request (no context processors run for them: base.html's
render runs them once); the page's CSRF field is rendered once and handed to each.
"""

from functools import cache, lru_cache

from django.conf import settings
from django.shortcuts import render
from django.template.backends.utils import csrf_input as render_csrf_input
from django.template.loader import get_template
from django.urls import get_script_prefix, reverse

from backcare.forms import SettingsForm


@cache
def sections():
    """The section functions, imported once a process from settings.SETTINGS_PAGE_SECTIONS."""
    from django.utils.module_loading import import_string

    return tuple(import_string(path) for path in settings.SETTINGS_PAGE_SECTIONS)


@lru_cache(maxsize=16)
def _reversed(script_prefix, names):
    # reverse() puts the script prefix in front; the same prefix always gives the same URLs.
    return {name.rpartition(":")[2]: reverse(name) for name in names}


def urls(names):
    """{the name after its namespace: its URL} for URL names that take no arguments, reversed once a
    process (as the header's, backcare/context_processors.py) instead of by a {% url %} a load."""
    return _reversed(get_script_prefix(), names)


def settings_page(request, **refused):
    """The settings page, rendered afresh on every load (nothing of it is kept: `private, no-store`).

    `refused` holds a form its POST refused, bound, with its errors, by the name its section reads
    (`account_form`, `reminder_form`); every other section shows its saved values.
    """
    csrf_input = render_csrf_input(request)
    body = [section(request, csrf_input=csrf_input, refused=refused) for section in sections()]
    return render(request, "backcare/settings.html", {"sections": body})


ACCOUNT_URLS = ("password_change",)


def account_section(request, *, csrf_input, refused):
    """Your account: e-mail, time zone, country (backcare/_settings_account.html)."""
    form = refused.get("account_form") or SettingsForm(instance=request.user)
    context = {"form": form, "csrf_input": csrf_input, "urls": urls(ACCOUNT_URLS)}
    return get_template("backcare/_settings_account.html").render(context)
