from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def see_clinician_note(context):
    """On Today: six weeks of check-ins without a meaningful change (safety.see_clinician), or None.

    Reads the entries the Today view already fetched; no query.
    """
    state = getattr(context["request"], "safety", None)
    if state is None or not context.get("is_today") or not context.get("entries"):
        return None
    return state.see_clinician(context["entries"], context["today"])
