from django import template

from journal import safety

register = template.Library()


@register.simple_tag(takes_context=True)
def see_clinician_note(context):
    """On Today: six weeks of check-ins without a meaningful change (safety.see_clinician), or None.

    Reads the entries the Today view already fetched; no query.
    """
    if not context.get("is_today") or not context.get("entries"):
        return None
    return safety.see_clinician(context["entries"], context["today"])
