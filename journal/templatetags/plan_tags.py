from functools import lru_cache

from django import template
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
