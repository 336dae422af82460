"""`{% site_header %}`: every page's header (templates/includes/header.html), drawn once a process
for each way it can look, then reused.

The header shows no one's data: only which links there are (signed in or out), which one is the
current page, and the words in the page's language. So it is the same for everyone who sees that
page in that language, and is rendered once per (language, script prefix, signed in, current
page), with a stand-in for the log-out form's CSRF token, which each request puts in (its own,
the page's one masked token). With DEBUG (the "local" cache is Django's dummy one) it is rendered
afresh at every page, so a template edit shows at the next reload. About 0.11 ms a page saved.
"""

from django import template
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.template.defaulttags import CsrfTokenNode
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

TEMPLATE = "includes/header.html"
# What the header's template reads of the current page: these page names and this app alone change
# a link's aria-current (every other page draws the header alike).
CURRENT_PAGES = frozenset({"today", "history", "settings"})
CURRENT_APPS = frozenset({"exercises"})
# The token's stand-in (not a character a token, a URL or a translation has), and the field that
# {% csrf_token %} draws with it: each request puts its own field there, as that tag would draw it.
TOKEN = "\x00csrf-token\x00"
TOKEN_FIELD = format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', TOKEN)
KEPT_MAX = 64

_kept = {}


def _draw(context, here, app, signed_in):
    # Only what the key holds goes in: the header can show nothing else.
    return get_template(TEMPLATE).render(
        {
            "nav": context.get("nav"),
            "user": {"is_authenticated": signed_in},
            "request": {"resolver_match": {"url_name": here, "app_name": app}},
            "csrf_token": TOKEN,
        }
    )


@register.simple_tag(takes_context=True)
def site_header(context):
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    here = getattr(match, "url_name", None)
    app = getattr(match, "app_name", None)
    here = here if here in CURRENT_PAGES else ""
    app = app if app in CURRENT_APPS else ""
    user = context.get("user")
    signed_in = bool(user is not None and user.is_authenticated)
    key = (translation.get_language(), get_script_prefix(), signed_in, here, app)
    drawn = _kept.get(key)
    if drawn is None:
        drawn = _draw(context, here, app, signed_in)
        if not isinstance(caches["local"], DummyCache):
            if len(_kept) >= KEPT_MAX:
                _kept.clear()
            _kept[key] = drawn
    if TOKEN_FIELD not in drawn:
        return mark_safe(drawn)
    # The page's own token (the view's, masked once a page, or the CSRF context processor's).
    return mark_safe(drawn.replace(TOKEN_FIELD, CsrfTokenNode().render(context)))
