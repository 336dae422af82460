"""`{% load static_urls %}`: `{% static 'path' %}` with each URL looked up once a process.

Django's own `{% static %}` asks the storage on every call (with the manifest storage: its hashed
name, split and joined again); base.html and Today print a dozen. The storage and its manifest do
not change while a process runs, so the URL of a path is kept here, the same for everyone: a
file's URL, nothing of a user's or a request's. A settings change (a test's override_settings of
STATIC_URL or STORAGES) starts afresh. Only a quoted path, as these templates write it (no
variable, no `as`): anything else is Django's tag, unchanged.
"""

from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.templatetags.static import do_static
from django.templatetags.static import static as static_url
from django.urls import get_script_prefix
from django.utils.html import conditional_escape

register = template.Library()


@lru_cache(maxsize=128)
def url(path, script_prefix):
    # A relative STATIC_URL ("static/") takes the script prefix in front: part of the key. Kept as
    # it is and escaped, as Django's tag escapes it on every call with autoescape on.
    found = static_url(path)
    return found, conditional_escape(found)


class StaticURLNode(template.Node):
    def __init__(self, path):
        self.path = path

    def render(self, context):
        found, escaped = url(self.path, get_script_prefix())
        return escaped if context.autoescape else found


@register.tag
def static(parser, token):
    """The URL of the static file at a quoted path, as Django's `{% static %}` gives it."""
    bits = token.split_contents()
    if len(bits) == 2 and len(bits[1]) > 2 and bits[1][0] == bits[1][-1] and bits[1][0] in "'\"":
        return StaticURLNode(bits[1][1:-1])
    return do_static(parser, token)


def _forget(*, setting, **kwargs):
    if setting in {"STATIC_URL", "STORAGES", "STATIC_ROOT", "FORCE_SCRIPT_NAME"}:
        url.cache_clear()


setting_changed.connect(_forget, dispatch_uid="backcare.static_urls")
