"""Translated words as HTML, the way Django's i18n template tags make them, for the few places that
write a page's sentences in Python (journal/today_words.py, learn/today_line.py, History's insights,
the header's words).

- `sentence(text, **values)`: what `{% blocktranslate %}` gives: the catalogue's sentence as it is
  (its `<strong>` and `<span>`s are ours, written in the msgid), each value escaped.
- `words(mapping)`: what `{% translate %}` gives for each entry: the words in the active language,
  safe as a template's quoted words are.
"""

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

# Why mark_safe and not format_html: the catalogues' sentences are gettext's, with `%(name)s`
# placeholders (what {% blocktranslate %} writes and what translators see), which format_html's
# `{}` cannot fill. The values are escaped here as format_html escapes them; the sentence itself is
# the project's own msgid or its translation in locale/, trusted as the template tags trust it.


def sentence(text, **values):
    """`text % values` with each value escaped, marked safe; `text` is a translated msgid."""
    if not values:
        return mark_safe(text)
    return mark_safe(text % {name: conditional_escape(value) for name, value in values.items()})


def safe(text):
    """Lazy words in the active language, safe (a template's quoted words are, and so their
    translations): `language_cache.words(table, safe)`."""
    return mark_safe(str(text))


def words(mapping):
    """{key: lazy words} -> {key: the words in the active language, safe}."""
    return {key: safe(text) for key, text in mapping.items()}
