"""`{% crispy_defaults as name %}`: whether a crispy field is rendered with FormHelper's defaults, for
templates/bootstrap5/field.html's short branch (one lookup a field instead of nine template tests)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def crispy_defaults(context):
    """True when no wrapper tag or classes are set, labels and errors are shown, errors inline and help
    text in blocks (FormHelper's defaults) and the form is not horizontal: the same answer as the
    template test `not tag and not wrapper_class and not label_class and not field_class and
    form_show_labels and form_show_errors and error_text_inline and not help_text_inline and
    'form-horizontal' not in form_class` ({% crispy %} always sets form_class, "" by default)."""
    get = context.get
    if get("tag") or get("wrapper_class") or get("label_class") or get("field_class"):
        return False
    if not (get("form_show_labels") and get("form_show_errors") and get("error_text_inline")):
        return False
    if get("help_text_inline"):
        return False
    try:
        return "form-horizontal" not in get("form_class")
    except TypeError:  # the template's `not in` is false when it cannot be answered (no form_class)
        return False
