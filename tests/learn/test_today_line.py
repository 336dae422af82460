"""Today's lesson line built in Python (learn/today_line.py): the same HTML as the template it
replaced, in every language, for each kind of offer."""

from types import SimpleNamespace

import pytest
from django.template import engines
from django.utils import translation

from learn.course import Offer
from learn.today_line import line

# The template the line was drawn by before (templates/learn/_today_line.html), its second line.
BEFORE = (
    '{% load i18n %}{% if lesson_offer %}<p class="lesson-line my-3" data-testid="lesson"><a href="{{ lesson_url }}">'
    "{% with title=lesson_offer.lesson.title %}{% if lesson_offer.read %}"
    '<span aria-hidden="true">✓</span> {% blocktranslate trimmed %}Lesson read: <strong>{{ title }}</strong>'
    "{% endblocktranslate %}{% else %}{% blocktranslate trimmed %}Today's lesson: <strong>{{ title }}</strong>"
    '{% endblocktranslate %}{% endif %}{% endwith %}</a> <span class="text-body-secondary">· '
    "{% if lesson_offer.read %}{% if lesson_offer.position < lesson_offer.total %}"
    '{% translate "next one tomorrow" %}{% else %}<a href="{{ urls.lessons }}">'
    "{% blocktranslate trimmed count total=lesson_offer.total %}all {{ total }} lesson{% plural %}"
    "all {{ total }} lessons{% endblocktranslate %}</a>{% endif %}{% else %}{% if lesson_offer.waiting > 1 %}"
    '{% blocktranslate trimmed count more=lesson_offer.waiting|add:"-1" %}1-minute read, {{ more }} more waiting'
    "{% plural %}1-minute read, {{ more }} more waiting{% endblocktranslate %}{% else %}"
    '{% translate "1-minute read" %}{% endif %}{% endif %}</span></p>{% endif %}'
)

LESSON = SimpleNamespace(title='Pain & "flares" <explained>', slug="flares")
OFFERS = [
    None,
    Offer(LESSON, 1, 12, read=False, waiting=1),
    Offer(LESSON, 1, 12, read=False, waiting=2),
    Offer(LESSON, 3, 12, read=False, waiting=6),
    Offer(LESSON, 5, 12, read=True, waiting=0),
    Offer(LESSON, 12, 12, read=True, waiting=0),
    Offer(LESSON, 1, 1, read=True, waiting=0),
]


@pytest.mark.parametrize("language", ["en", "es", "de"])
@pytest.mark.parametrize("offer", OFFERS)
def test_the_same_line_as_the_template(offer, language):
    urls = {"lesson": "/learn/flares/", "lessons": "/learn/"}
    with translation.override(language):
        before = (
            engines["django"]
            .from_string(BEFORE)
            .render({"lesson_offer": offer, "lesson_url": urls["lesson"], "urls": urls})
        )
        assert str(line(offer, lesson_url=urls["lesson"], lessons_url=urls["lessons"])) == before


def test_the_title_is_escaped():
    html = str(line(OFFERS[1], lesson_url="/l/", lessons_url="/ls/"))
    assert "Pain &amp; &quot;flares&quot; &lt;explained&gt;" in html and "<explained>" not in html
