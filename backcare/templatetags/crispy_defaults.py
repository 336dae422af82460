"""`{% crispy_defaults as name %}`: whether a crispy field is rendered with FormHelper's defaults, for
templates/bootstrap5/field.html's short branch (one lookup a field instead of nine template tests),
and `{% crispy_default_field %}`, that branch itself."""

from crispy_forms.templatetags.crispy_forms_field import (
    CrispyFieldNode,
    is_checkbox,
    is_checkboxselectmultiple,
    is_file,
    is_radioselect,
    is_select,
)
from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

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


# crispy's own {% crispy_field field 'class' '…' %} nodes, one for each class list field.html gives a
# widget: the short branch below calls them as the template would (crispy adds the classes and its
# attributes to the widget, then prints it).
WIDGET_NODES = {
    classes: CrispyFieldNode("field", {"'class'": f"'{classes}'"})
    for kind in ("form-check-input", "form-select", "form-control")
    for classes in (kind, f"{kind} is-invalid")
}


def _errors(field, errors):
    # field.html: <div id="{{ field.errors.field_id }}_error" …>, a <span> an error.
    if not errors:
        return ""
    auto_id = conditional_escape(field.auto_id)
    spans = "".join(
        f'<span id="error_{n}_{auto_id}"><strong>{conditional_escape(error)}</strong></span>\n'
        for n, error in enumerate(errors, 1)
    )
    return f'<div id="{conditional_escape(errors.field_id)}_error" class="invalid-feedback">\n{spans}</div>\n'


def _help_text(field):
    # field.html: {{ field.help_text|safe }}, with its id when the field has one.
    help_text = field.help_text
    if not help_text:
        return ""
    auto_id = field.auto_id
    id_attr = f'id="{conditional_escape(auto_id)}_helptext" ' if auto_id else ""
    return f'<div {id_attr}class="form-text">{help_text}</div>\n'


def _include(context, name):
    # As field.html's {% include %}: the template from the engine's cached loader, this context.
    return context.template.engine.get_template(name).render(context)


@register.simple_tag(takes_context=True)
def crispy_default_field(context):
    """templates/bootstrap5/field.html's short branch (a visible field of a form with FormHelper's
    defaults, `crispy_defaults`) written in Python: the same HTML, whitespace aside, without the
    ~30 template tests and lookups a field that branch made (a third of a crispy field's time on
    the settings page). The widget is still printed by crispy's own crispy_field node, and the
    radio, checkbox-list and file fields still include crispy's templates.
    tests/backcare/test_crispy_templates.py compares every settings form, in every state, and each
    kind of field, with crispy's stock templates."""
    field = context["field"]
    errors = field.errors
    required = field.field.required
    required_class = " requiredField" if required else ""
    asterisk = '<span class="asteriskField">*</span>' if required else ""
    css_classes = field.css_classes()
    css_classes = f" {conditional_escape(css_classes)}" if css_classes else ""
    label = field.label
    auto_id = conditional_escape(field.auto_id)
    invalid = " is-invalid" if errors else ""
    if is_checkbox(field):
        return mark_safe(
            f'<div class="mb-3">\n<div id="div_{auto_id}" class="form-check{css_classes}">\n'
            f"{WIDGET_NODES['form-check-input' + invalid].render(context)}\n"
            f'<label for="{conditional_escape(field.id_for_label)}" class="form-check-label{required_class}">\n'
            f"{conditional_escape(label)}{asterisk}\n</label>\n"
            f"{_errors(field, errors)}{_help_text(field)}</div>\n</div>"
        )
    parts = [f'<div id="div_{auto_id}" class="mb-3{css_classes}">\n']
    use_fieldset = field.use_fieldset
    if label:
        id_for_label = field.id_for_label
        for_attr = f'for="{conditional_escape(id_for_label)}"' if id_for_label else ""
        if use_fieldset:
            describedby = getattr(field, "aria_describedby", None)
            describedby = f' aria-describedby="{conditional_escape(describedby)}"' if describedby else ""
            parts.append(
                f"<fieldset{describedby}>\n"
                f'<legend {for_attr} class="form-label{required_class} fs-6">\n'
                f"{conditional_escape(label)}{asterisk}\n</legend>\n"
            )
        else:
            parts.append(
                f'<label {for_attr} class="form-label{required_class}">\n{conditional_escape(label)}{asterisk}\n</label>\n'
            )
    if is_checkboxselectmultiple(field) or is_radioselect(field):
        parts.append(_include(context, "bootstrap5/layout/radio_checkbox_select.html"))
    elif is_file(field):
        parts.append(_include(context, "bootstrap5/layout/field_file.html"))
    else:
        kind = "form-select" if is_select(field) else "form-control"
        parts += [
            WIDGET_NODES[kind + invalid].render(context),
            "\n",
            _errors(field, errors),
            _help_text(field),
        ]
    if use_fieldset and label:
        parts.append("</fieldset>")
    parts.append("\n</div>")
    return mark_safe("".join(parts))
