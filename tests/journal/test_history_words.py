"""History's counted notes written in Python (journal/views/history_page.py: _stat_words) are the
text the template's `blocktranslate`s wrote, in every language: the old template is kept here as
the reference."""

import pytest
from django.template import Context, Template
from django.utils import translation

from journal.history_numbers import Adherence
from journal.views import history_page

OLD = Template(
    "{% load i18n %}"
    "{% if adherence.planned %}{% blocktranslate trimmed count counter=adherence.planned with done=adherence.done %}"
    "{{ done }} of {{ counter }} planned{% plural %}{{ done }} of {{ counter }} planned{% endblocktranslate %}"
    '{% else %}{% translate "nothing due" %}{% endif %}'
    "{% if adherence.rest_days %} · {% blocktranslate trimmed count counter=adherence.rest_days "
    'context "rest days in a period" %}{{ counter }} rest{% plural %}{{ counter }} rest{% endblocktranslate %}{% endif %}'
    "{% if adherence.rough_days %} · {% blocktranslate trimmed count counter=adherence.rough_days "
    'context "rough days in a period" %}{{ counter }} rough{% plural %}{{ counter }} rough{% endblocktranslate %}{% endif %}'
    "|{% blocktranslate trimmed count counter=streak %}{{ counter }} day{% plural %}{{ counter }} days{% endblocktranslate %}"
    "|{% blocktranslate trimmed %}longest in this period: {{ longest }}{% endblocktranslate %}"
    "|{% blocktranslate trimmed count counter=last_7 %}{{ counter }} of the last 7 days done{% plural %}"
    "{{ counter }} of the last 7 days done{% endblocktranslate %}"
)


@pytest.mark.parametrize("language", ["en", "es", "de"])
def test_the_counted_notes_are_what_the_template_wrote(language):
    cases = [
        (Adherence(done=0, planned=0, rest_days=0, rough_days=0), 0, 0, 0),
        (Adherence(done=1, planned=1, rest_days=1, rough_days=1), 1, 1, 1),
        (Adherence(done=3, planned=5, rest_days=2, rough_days=0), 2, 12, 7),
        (Adherence(done=0, planned=4, rest_days=0, rough_days=3), 21, 21, 5),
        (Adherence(done=8123, planned=9125, rest_days=1204, rough_days=1001), 1826, 1000, 6),
    ]
    with translation.override(language):
        for adherence, streak, longest, last_7 in cases:
            context = {"adherence": adherence, "streak": streak, "longest": longest, "last_7": last_7}
            words = history_page._stat_words(adherence, streak, longest, last_7)
            old = OLD.render(Context(context)).split("|")
            assert [words["adherence"], words["streak"], words["longest"], words["last_7"]] == old
