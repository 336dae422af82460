from functools import lru_cache

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import format_html_join

from journal.models import PlanItem

register = template.Library()


@register.inclusion_tag("journal/_plan_status.html", takes_context=True)
def plan_status(context, exercise):
    """On an exercise page: is it in the signed-in user's plan, and at which level."""
    request = context["request"]
    item = None
    if request.user.is_authenticated:
        item = (
            PlanItem.objects.filter(user=request.user, progression_id=exercise.progression_id)
            .select_related("exercise")
            .first()
        )
    return {"request": request, "exercise": exercise, "item": item, "csrf_token": context.get("csrf_token")}


@register.simple_tag
def select_options(choices, chosen):
    """The <option>s of a small select, `chosen` selected: one tag instead of a loop of ifs.

    `choices` are (value, label) pairs; the first option is the empty one, "–".
    """
    return _options(tuple(choices), "" if chosen is None else str(chosen))


@lru_cache(maxsize=128)
def _options(choices, chosen):
    # The same few choice lists and values come back on every page: written once per process.
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        [("", "", "–")]
        + [(value, " selected" if str(value) == chosen else "", label) for value, label in choices],
    )


def _drawn_once(store, key, template_name, context):
    """`template_name` drawn with `context` once and kept in `store()[key]`; drawn afresh with DEBUG
    (and nothing kept), so that a template edit shows at the next reload while developing.

    Only for output that is the same for everyone who sees it: nothing per user may be kept.
    """
    if settings.DEBUG:
        return render_to_string(template_name, context)
    kept = store()
    html = kept.get(key)
    if html is None:
        html = kept[key] = render_to_string(template_name, context)
    return html


@register.simple_tag
def library_fragment(template_name, exercise):
    """`template_name` drawn for a library exercise once, then reused by every page that shows it.

    The fragment may use nothing but `exercise`. It is kept on the exercise instance: the library
    snapshot (exercises.catalog) hands the same instances to every request and replaces them when
    the library changes, so a fragment never outlives the content it shows.
    """
    return _drawn_once(
        lambda: exercise.__dict__.setdefault("_fragments", {}),
        template_name,
        template_name,
        {"exercise": exercise},
    )


PAIN_SCALE = tuple(str(n) for n in range(11))
# The eleven buttons with each possible answer checked (or none): twelve variants for everyone.
_pain_scales = {}


@register.simple_tag
def pain_scale(chosen):
    """The eleven 0-10 pain buttons with `chosen` checked (none if it is not one of them)."""
    chosen = chosen if chosen in PAIN_SCALE else None
    return _drawn_once(
        lambda: _pain_scales, chosen, "journal/_pain_scale.html", {"choices": PAIN_SCALE, "chosen": chosen}
    )
