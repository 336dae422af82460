"""The insights' means lines written in Python (journal/insights.py: means_lines, mean_words) are
the text the template's `blocktranslate`s and `floatformat:1` wrote, in every language: the old
template is kept here as the reference."""

from dataclasses import replace

import pytest
from django.template import Context, Template
from django.template.defaultfilters import floatformat
from django.utils import formats, translation
from django.utils.html import format_html_join

from journal import insights
from journal.insights import Comparison
from journal.views import history_page

OLD = Template(
    "{% load i18n %}{% with c=item.comparison %}"
    "<li>{% blocktranslate trimmed count counter=c.with_days with words=item.with_words mean=c.mean_with|floatformat:1 %}"
    "After {{ counter }} day {{ words }}: <strong>{{ mean }}</strong> on average{% plural %}"
    "After {{ counter }} days {{ words }}: <strong>{{ mean }}</strong> on average{% endblocktranslate %}</li>"
    "<li>{% blocktranslate trimmed count counter=c.without_days with words=item.without_words mean=c.mean_without|floatformat:1 %}"
    "After {{ counter }} day {{ words }}: <strong>{{ mean }}</strong> on average{% plural %}"
    "After {{ counter }} days {{ words }}: <strong>{{ mean }}</strong> on average{% endblocktranslate %}</li>"
    "|{% blocktranslate count counter=c.with_days with mean_with=c.mean_with|floatformat:1 without_days=c.without_days mean_without=c.mean_without|floatformat:1 %}"
    "After {{ counter }} day with all of them: <strong>{{ mean_with }}</strong>; after {{ without_days }} with none: <strong>{{ mean_without }}</strong>.{% plural %}"
    "After {{ counter }} days with all of them: <strong>{{ mean_with }}</strong>; after {{ without_days }} with none: <strong>{{ mean_without }}</strong>.{% endblocktranslate %}"
    "|{% blocktranslate trimmed count counter=c.with_days with mean_with=c.mean_with|floatformat:1 without_days=c.without_days mean_without=c.mean_without|floatformat:1 %}"
    "After {{ counter }} day with it: <strong>{{ mean_with }}</strong>; after {{ without_days }} without: <strong>{{ mean_without }}</strong>.{% plural %}"
    "After {{ counter }} days with it: <strong>{{ mean_with }}</strong>; after {{ without_days }} without: <strong>{{ mean_without }}</strong>.{% endblocktranslate %}"
    "{% endwith %}"
)


def comparison(key, with_days, without_days, mean_with, mean_without, together=()):
    return Comparison(
        key=key,
        name="Bridge <b>",
        with_days=with_days,
        without_days=without_days,
        mean_with=mean_with,
        mean_without=mean_without,
        difference=round(mean_with - mean_without, 1),
        low=-1.0,
        high=1.0,
        together=together,
        overlap=90 if together else None,
    )


def lines(key, counts, means, together=()):
    """(the template's text, `means_lines`' text) of one comparison, with its sides' words."""
    found = comparison(key, *counts, *means, together)
    with_words, without_words = insights.sides_words(found)
    item = {"comparison": found, "with_words": with_words, "without_words": without_words}
    return OLD.render(Context({"item": item})).split("|"), insights.means_lines(
        found, with_words, without_words
    )


@pytest.mark.parametrize("language", ["en", "es", "de"])
def test_the_lines_are_what_the_template_wrote(language):
    cases = [((1, 1), (0.0, 10.0)), ((15, 12), (3.0, 6.0)), ((12, 1), (4.5, 0.1)), ((101, 79), (9.9, 5.3))]
    with translation.override(language):
        for counts, means in cases:
            for key in ("plan", "walking"):
                old, (with_line, without_line) = lines(key, counts, means)
                assert f"<li>{with_line}</li><li>{without_line}</li>" == old[0]
            old, new = lines("exercise-1-2", counts, means, ("A", "B"))
            assert new == (old[1], "")
            old, new = lines("exercise-1", counts, means)
            assert new == (old[2], "")


def test_words_and_means_are_escaped_as_the_template_escaped_them():
    with_line, _ = insights.means_lines(comparison("plan", 15, 12, 3.0, 6.0), "you did <b>", "less")
    assert "you did &lt;b&gt;" in with_line and "<strong>3.0</strong>" in with_line


@pytest.mark.parametrize("language", ["en", "es", "de"])
def test_a_mean_is_written_as_floatformat_wrote_it(language):
    with translation.override(language):
        for tenths in range(101):
            value = round(tenths / 10, 1)
            assert insights.mean_words(value) == floatformat(value, 1)
        for total in range(0, 1801):  # any mean of up to 180 scores, rounded as compute rounds it
            value = round(total / 180, 1)
            assert insights.mean_words(value) == floatformat(value, 1) == formats.number_format(value, 1)
        for total in range(-1800, 1801):  # a difference of two such means, its size as _points takes it
            value = round(abs(total / 180 - 1.3), 1)
            assert insights.mean_words(value) == formats.number_format(value, 1)


def test_a_page_of_comparisons_described_together_reads_as_each_described_alone():
    """describe_all translates each sentence once for all its comparisons: the same words as
    describe, in the reader's language, and nothing of one call's language left for the next."""
    found = [
        comparison("plan", 15, 12, 3.0, 6.0),
        None,
        comparison("walking", 1, 1, 0.0, 10.0),
        comparison("exercise-1-2", 12, 14, 4.5, 4.5, ("A", "B")),
        comparison("exercise-1", 101, 79, 9.9, 5.3),
        replace(
            comparison("exercise-3", 3, 4, 1.0, 2.0), mean_with=None, difference=None, low=None, high=None
        ),
    ]
    names = {1: "Puente", 2: "Gato"}
    for language in ("es", "de", "en", "es"):
        with translation.override(language):
            together = insights.describe_all(found, names)
            alone = [None if c is None else insights.describe(c, names) for c in found]
        assert together == alone
    with translation.override("es"):
        spanish = insights.describe_all(found[:1])[0]["summary"]
    with translation.override("de"):
        assert insights.describe_all(found[:1])[0]["summary"] != spanish
    assert insights.summary(found[0]).startswith("Next-morning pain")


OLD_CARDS = Template(
    "{% for item in insight_main %}{% with c=item.comparison %}\n"
    '    <li class="insight card" data-testid="insight" data-insight="{{ c.key }}"><div class="card-body">\n'
    '      <h3 class="insight-name">{{ c.name }}</h3>\n'
    '      <p class="mb-1">{{ item.summary }}</p>\n'
    '      <ul class="insight-sides small">\n'
    "        <li>{{ item.with_line }}</li>\n"
    "        <li>{{ item.without_line }}</li>\n"
    "      </ul>\n"
    '      <p class="small text-body-secondary mb-0">{{ item.interval }}</p>\n'
    "    </div></li>\n"
    "    {% endwith %}{% endfor %}"
)
OLD_ROWS = Template(
    "{% for item in insight_exercises %}{% with c=item.comparison %}\n"
    '      <li class="insight-row" data-testid="insight" data-insight="{{ c.key }}">\n'
    '        <h3 class="insight-name">{{ c.name }}</h3>\n'
    '        <p class="mb-1">{{ item.summary }} {{ item.with_line }}</p>\n'
    '        {% if c.together %}<p class="small mb-1" data-testid="insight-together">{{ item.together }}</p>{% endif %}\n'
    '        <p class="small text-body-secondary mb-0">{{ item.interval }}</p>\n'
    "      </li>\n"
    "      {% endwith %}{% endfor %}"
)


@pytest.mark.parametrize("language", ["en", "es", "de"])
def test_the_cards_and_rows_are_what_the_template_loops_wrote(language):
    """History's insight cards and exercise rows are built in journal/views/history_page.py: the
    HTML the template's loops wrote (journal/_history_insights.html before), every value escaped."""
    found = [
        comparison("plan", 15, 12, 3.0, 6.0),
        comparison("walking", 20, 11, 4.5, 4.5),
        comparison("exercise-1-2", 12, 14, 4.5, 4.5, ("A <i>", "B & c")),
        comparison("exercise-1", 101, 79, 9.9, 5.3),
        comparison("exercise-2-3-4", 12, 14, 1.0, 4.5, ("A", "B", "C")),
    ]
    with translation.override(language):
        items = insights.describe_all(found, {1: "Puente <b>", 2: "Gato"})
        main, exercises = items[:2], items[2:]
        cards = format_html_join("", history_page.INSIGHT_CARD, map(history_page._card_values, main))
        rows = format_html_join("", history_page.INSIGHT_ROW, map(history_page._row_values, exercises))
        assert cards == OLD_CARDS.render(Context({"insight_main": main}))
        assert rows == OLD_ROWS.render(Context({"insight_exercises": exercises}))
    assert "Puente &lt;b&gt;" in rows and "<b>" not in rows
