"""Today's plan row drawn by tags (journal/templatetags/plan_tags.py: row_open, row_action,
felt_form) with the words translated once (journal/today_page.py: row_words): the same HTML, but
for whitespace, as the template nodes they replaced; and the words follow each reader's language.
Without a database, except the last test (a page)."""

import re
from datetime import date
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from journal import pain, suggestions, today_page
from journal.forms import LEG_CHOICES, PAIN_CHOICES
from journal.history_numbers import Day
from journal.models import Tick
from tests.conftest import make_user, screen_clear

# The row's nodes as journal/today.html had them before the tags.
BEFORE = """{% load i18n plan_tags %}{% with slug=row.exercise.slug %}<li class="plan-row card mb-2{% if row.complete %} is-done{% endif %}" id="ex-{{ slug }}" data-testid="plan-item" data-exercise="{{ slug }}" data-done="{{ row.complete|yesno:'true,false' }}" data-due="{{ row.status.due|yesno:'true,false' }}" data-tick-url="{{ row.tick_url }}" data-untick-url="{{ row.untick_url }}" data-base-times="{{ row.bases.t }}" data-base-feel="{{ row.bases.f }}">
        {% if row.pause and not row.done %}
          <span class="small text-body-secondary" data-testid="paused-mark">{% translate "Paused" %}</span>
        {% elif row.status.counts_up %}
          {% if row.complete %}<span class="done-mark" aria-hidden="true">✓</span>{% endif %}
          <form method="post" action="{{ row.tick_url }}" data-count-form>
            {{ csrf_input }}<input type="hidden" name="add" value="on"><button type="submit" class="btn btn-primary tick-btn" data-testid="tick">{% translate "Add one" %}<span class="visually-hidden"> {{ row.exercise.name }}</span></button>
          </form>
          {% if row.done %}
          <form method="post" action="{{ row.untick_url }}" data-count-form>
            {{ csrf_input }}<button type="submit" class="btn btn-outline-secondary" data-testid="undo">{% translate "Undo one" %}<span class="visually-hidden"> {{ row.exercise.name }}</span></button>
          </form>
          {% endif %}
        {% elif row.done %}
          <span class="done-mark" aria-hidden="true">✓</span>
          <form method="post" action="{{ row.untick_url }}" data-tick-form>
            {{ csrf_input }}<button type="submit" class="btn btn-outline-secondary" data-testid="undo">{% translate "Undo" %}<span class="visually-hidden"> {{ row.exercise.name }}</span></button>
          </form>
        {% else %}
          <form method="post" action="{{ row.tick_url }}" data-tick-form>
            {{ csrf_input }}<button type="submit" class="btn btn-primary tick-btn" data-testid="tick">{% translate "Done" context "button: mark an exercise done" %}<span class="visually-hidden"> {{ row.exercise.name }}</span></button>
          </form>
        {% endif %}
    {% if row.done %}
    <details class="tick-detail">
      <summary class="small">{{ row.feeling }}</summary>
      <div class="felt felt-form mt-2">
        <form method="post" action="{{ row.tick_url }}" class="tick-detail-form mb-2">
          {{ csrf_input }}{% for name, value in row.usual.items %}<input type="hidden" name="{{ name }}" value="{{ value }}">{% endfor %}
          <button type="submit" class="btn btn-primary btn-lg felt-fine w-100" data-testid="felt-fine">{% translate "Felt fine" %}<span class="visually-hidden"> {{ row.exercise.name }}</span></button>
        </form>
        <details class="felt-more">
          <summary class="btn btn-outline-primary btn-lg w-100" data-testid="tell-more">{% translate "Tell more" %}</summary>
          <form method="post" action="{{ row.tick_url }}" class="tick-detail-form">
            {{ csrf_input }}
            <fieldset><legend>{% translate "Pain during it (0 = none, 10 = worst)" %}</legend>
              <div class="felt-pain">{% felt_choices "pain_during" pain_options row.tick.pain_during slug %}</div></fieldset>
            <fieldset><legend>{% translate "How hard was it?" %}</legend>
              <div class="felt-row">{% felt_choices "effort" effort_options row.tick.effort slug %}</div></fieldset>
            <fieldset class="spread-question"><legend>{% translate "Did symptoms spread down your leg during it?" %}</legend>
              <div class="felt-row">{% felt_choices "spread" spread_choices row.spread_answer slug %}</div></fieldset>
            <div class="form-check partial-check mb-2"><input class="form-check-input" type="checkbox" name="partial" value="on" id="pt-{{ slug }}"{% if not row.tick.full_dose %} checked{% endif %}><label class="form-check-label small" for="pt-{{ slug }}">{% blocktranslate trimmed with dose=row.dose_text %}I did less than the full dose ({{ dose }}){% endblocktranslate %}</label></div>
            <button type="submit" class="btn btn-primary">{% translate "Save" %}</button>
          </form>
        </details>
      </div>
    </details>
    {% endif %}{% endwith %}"""

AFTER = """{% load plan_tags %}{% row_open row %}{% row_action row %}{% if row.done %}{% felt_form row %}{% endif %}"""

# As the view gives it (journal/views/today.py: _row_context, built by format_html): safe HTML.
CSRF = mark_safe('<input type="hidden" name="csrfmiddlewaretoken" value="token">')


def row(*, done=True, complete=None, counts_up=False, pause=None, due=True, **tick):
    answers = {"pain_during": 2, "effort": "right", "full_dose": True, "spread": None} | tick
    found = SimpleNamespace(
        exercise=SimpleNamespace(slug="cat-cow", name="Cat & cow"),
        tick=SimpleNamespace(**answers) if done else None,
        done=done,
        complete=done if complete is None else complete,
        status=SimpleNamespace(due=due, counts_up=counts_up),
        pause=pause,
        tick_url="/day/2026-05-20/tick/cat-cow/",
        untick_url="/day/2026-05-20/untick/cat-cow/",
        bases={"t": "t1", "f": "f2.right.1.n"},
        usual={"effort": "right", "pain_during": 2},
        feeling="How did it feel? (optional)",
        dose_text="2 × 8 each side",
    )
    found.spread_answer = (
        None if not done or answers["spread"] is None else ("yes" if answers["spread"] else "no")
    )
    return found


def squeeze(html):
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(html))).strip()


def both(found):
    before = Template(BEFORE).render(
        Context(
            {
                "row": found,
                "csrf_input": CSRF,
                "pain_options": PAIN_CHOICES,
                "effort_options": Tick.Effort.choices,
                "spread_choices": LEG_CHOICES,
            }
        )
    )
    after = Template(AFTER).render(
        Context({"row": found, "csrf_input": CSRF, "row_words": today_page.row_words()})
    )
    return squeeze(before), squeeze(after)


@pytest.mark.parametrize(
    "found",
    [
        row(),
        row(done=False),
        row(pain_during=None, effort="", full_dose=False, spread=True),
        row(pain_during=7, effort="hard", spread=False),
        row(counts_up=True, done=False, complete=False),
        row(counts_up=True, complete=False),
        row(counts_up=True, complete=True, due=False),
        row(done=False, pause=("item", "why")),
        row(pause=("item", "why")),
    ],
)
def test_the_row_tags_print_what_the_rows_nodes_printed(found):
    before, after = both(found)
    assert after == before
    assert "Cat & cow" not in after  # the name escaped


def test_the_rows_words_follow_the_active_language():
    with translation.override("es"):
        spanish = today_page.row_words()
    with translation.override("en"):
        english = today_page.row_words()
    assert english["undo"] == "Undo"
    assert spanish["undo"] == "Deshacer"
    assert today_page.row_words() is english or translation.get_language() != "en"


def test_a_days_usual_pain_is_worked_out_once_and_the_same(monkeypatch):
    days = [Day(date(2026, 5, n), n % 4 + 2) for n in range(1, 20)]
    kept = pain.Days(days)
    asked = []
    scores = pain._scores
    monkeypatch.setattr(
        pain, "_scores", lambda *args, **kwargs: asked.append(args[1:]) or scores(*args, **kwargs)
    )
    for n in range(2, 21):
        day = date(2026, 5, n)
        assert pain.usual_pain(kept, day) == pain.usual_pain(days, day)
        assert pain.usual_pain(kept, day) == pain.usual_pain(days, day)
    # Each day once for the kept days, twice for the plain list.
    assert len(asked) == 19 + 2 * 19
    assert kept == tuple(days)  # still the days, for every other rule


@pytest.mark.django_db
def test_today_reads_its_rows_words_in_each_persons_language(client):
    lucia, bob = make_user("lucia", language="es"), make_user("bob", language="en")
    screen_clear(lucia)
    screen_clear(bob)
    for user, done in ((lucia, "Hecho"), (bob, "Done"), (lucia, "Hecho")):
        client.force_login(user)
        body = client.get("/today/").content.decode()
        assert f'data-testid="tick">{done}<' in body


# A row's level offer as journal/today.html's plan row had it before `row_tail` drew it.
OFFER_BEFORE = """{% load i18n %}{% if row.suggestion and row.suggestion.1.kind != "down" %}
      {% with item=row.suggestion.0 suggestion=row.suggestion.1 %}
      <div class="suggestion alert alert-success mt-2 mb-0" data-testid="suggestion" data-kind="{{ suggestion.kind }}">
        <p class="mb-2"><strong>{% if suggestion.kind == "up" %}{% translate "Ready for the next level?" %}{% else %}{% translate "Ready for a little more?" %}{% endif %}</strong> {{ suggestion.reason }}</p>
        <div class="d-flex flex-wrap gap-2">
          <form method="post" action="{% url 'journal:accept' pk=item.pk %}">{{ csrf_input }}<input type="hidden" name="kind" value="{{ suggestion.kind }}"><button class="btn btn-primary" data-testid="accept">{% if suggestion.kind == "up" %}{% translate "Move up" %}{% else %}{% translate "Do a little more" %}{% endif %}</button></form>
          <form method="post" action="{% url 'journal:dismiss' pk=item.pk %}">{{ csrf_input }}<input type="hidden" name="kind" value="{{ suggestion.kind }}"><button class="btn btn-outline-secondary" data-testid="dismiss">{% translate "Not now" %}</button></form>
        </div>
      </div>
      {% endwith %}
    {% endif %}</div>
</li>"""


def offered(suggestion):
    found = row(done=False)
    found.suggestion = None if suggestion is None else (SimpleNamespace(pk=42), suggestion)
    found.level_offer = today_page.Row.level_offer.fget(found)
    return found


@pytest.mark.parametrize("language", ["en", "es", "de"])
@pytest.mark.parametrize(
    "suggestion",
    [
        suggestions.Suggestion("up", "manual", {"level": "<b>2</b> & more"}),
        suggestions.Suggestion("dose", "manual", {"level": 3}),
        suggestions.Suggestion("down", "pain_during", {"date": "2026-05-19", "pain_during": 6}),
        None,
    ],
)
def test_a_rows_level_offer_is_what_its_nodes_printed(language, suggestion):
    found = offered(suggestion)
    with translation.override(language):
        before = Template(OFFER_BEFORE).render(Context({"row": found, "csrf_input": CSRF}))
        after = Template("{% load plan_tags %}{% row_tail row %}").render(
            Context({"row": found, "csrf_input": CSRF, "row_words": today_page.row_words()})
        )
    assert squeeze(after) == squeeze(before)
    assert ('data-testid="accept"' in after) == (suggestion is not None and suggestion.kind != "down")
    assert "<b>" not in after  # the reason escaped
