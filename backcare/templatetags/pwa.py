"""`{% pwa_user_key %}`: the page's user as the service worker knows them (backcare/pwa.py)."""

from django import template

from backcare.pwa import user_key

register = template.Library()


@register.simple_tag(takes_context=True)
def pwa_user_key(context):
    """The opaque key of the context's user ("" when signed out): base.html puts it on <body> for
    static/js/pwa.js and the worker, which keep Today only under its owner's key."""
    return user_key(context.get("user"))
