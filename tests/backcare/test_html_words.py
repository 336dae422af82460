"""backcare/html_words.py gives what Django's i18n tags give: a sentence's values escaped and its
own markup kept (`{% blocktranslate %}`), words safe as they are (`{% translate %}`)."""

from django.template import engines
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from backcare.html_words import sentence, words


def test_a_sentence_escapes_its_values_and_keeps_its_own_markup_as_blocktranslate_does():
    title = "Pain & <b>you</b>"
    made = sentence("Today's lesson: <strong>%(title)s</strong>", title=title)
    tag = engines["django"].from_string(
        "{% load i18n %}{% blocktranslate %}Today's lesson: <strong>{{ title }}</strong>{% endblocktranslate %}"
    )
    assert made == tag.render({"title": title})
    assert isinstance(made, SafeString)
    # A value already safe is put in as it is, as the template does.
    assert sentence("<em>%(x)s</em>", x=mark_safe("<i>1</i>")) == "<em><i>1</i></em>"


def test_a_sentence_without_values_is_its_text():
    assert sentence("Rest day") == "Rest day"
    assert isinstance(sentence("Rest day"), SafeString)


def test_words_are_each_lazy_text_in_the_active_language_and_safe():
    made = words({"today": gettext_lazy("Today")})
    assert made == {"today": "Today"} and isinstance(made["today"], SafeString)
