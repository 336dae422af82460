"""Today's page model (journal/today_page.py), without a request or a database: the rows, the
offers and the page's state from rows as the selectors return them."""

from dataclasses import dataclass
from datetime import date, timedelta
from types import SimpleNamespace

from django.template import Context, Template

from journal import today_page
from journal.forms import LEG_CHOICES
from journal.history_numbers import Day
from journal.models import Dismissal, Entry
from journal.suggestions import DoneTick
from journal.templatetags.plan_tags import spread_radios
from tests.journal.test_suggestion_rules import SINCE, TODAY, Item, ago, log

CLEAR = SimpleNamespace(
    cleared=True, blocks_plan=False, gentle_only=False, no_prone=False, no_extension_above=None
)


@dataclass(frozen=True)
class Family:
    category: str = "exercise"


HABIT = Family("habit")


@dataclass
class Planned(Item):
    """A plan item and its exercise in one, with what a row reads: the level's schedule and slug."""

    slug: str = "heel-taps"
    schedule: str = "daily"
    times_per_day: int | None = None
    days_per_week: int | None = None
    count_unit: str = "sessions"
    paused_on: date | None = None
    pause_values: dict | None = None
    progression: Family = Family()

    @property
    def exercise_id(self):
        return self.pk


def ready(item):
    """Three easy sessions in the last week: enough for the next level (docs/clinical-rules.md)."""
    return [DoneTick(ago(n), 2, "easy", exercise_id=item.pk) for n in (6, 4, 2)]


class Reads:
    """The "not now" answers, counting how often the page model asks for them."""

    def __init__(self, snoozed=()):
        self.snoozed = set(snoozed)
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.snoozed


def build(plan, ticks=(), *, day=TODAY, snoozed=None, only=None, entries=None):
    snoozed = snoozed or Reads()
    found = today_page.rows(
        day,
        today=TODAY,
        status=CLEAR,
        entries=log() if entries is None else entries,
        day_type=Entry.DayType.NORMAL,
        plan=plan,
        exercises=list(plan),
        ticks=list(ticks),
        streak=4,
        snoozed=snoozed,
        only=only,
        family_of=lambda pk: pk,  # each test level is its own family
    )
    return found, snoozed


def test_nothing_due_reads_no_not_now_answers():
    item = Planned()
    found, snoozed = build([item])
    assert [row.exercise.slug for row in found.rows] == ["heel-taps"]
    assert found.rows[0].suggestion is None and found.gentle is None
    assert (found.done_count, found.due_count, found.streak) == (0, 1, 4)
    assert snoozed.calls == 0


def test_a_due_level_up_reads_the_not_now_answers_once_and_one_hides_it():
    item = Planned()
    found, snoozed = build([item], ready(item))
    assert found.rows[0].suggestion[1].kind == Dismissal.Kind.UP
    assert snoozed.calls == 1
    # The smallest change that breaks it: a "not now" on that item.
    hidden, _ = build([item], ready(item), snoozed=Reads({(item.pk, Dismissal.Kind.UP)}))
    assert hidden.rows[0].suggestion is None


def test_another_items_not_now_hides_nothing():
    item = Planned()
    found, _ = build([item], ready(item), snoozed=Reads({(item.pk + 1, Dismissal.Kind.UP)}))
    assert found.rows[0].suggestion[1].kind == Dismissal.Kind.UP


def test_a_past_day_offers_nothing_and_reads_no_not_now_answers():
    item = Planned()
    yesterday = TODAY - timedelta(days=1)
    ticks = [t for t in ready(item) if t.date <= yesterday]
    found, snoozed = build([item], ticks, day=yesterday, entries=[d for d in log() if d.date <= yesterday])
    assert found.rows[0].suggestion is None and found.gentle is None
    assert snoozed.calls == 0


def test_a_ticks_answer_builds_its_row_only_with_the_whole_days_counts():
    first, second = Planned(pk=1), Planned(pk=2, slug="bridge")
    ticks = [DoneTick(TODAY, None, exercise_id=2)]
    found, _ = build([first, second], ticks, only=second)
    assert [row.exercise.slug for row in found.rows] == ["bridge"]
    assert found.rows[0].done and found.rows[0].complete
    assert (found.done_count, found.due_count) == (1, 2)


def test_a_paused_row_is_not_due_and_has_no_suggestion():
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    item = Planned(paused_on=TODAY - timedelta(days=1), pause_values={"date": yesterday, "pain_during": 8})
    found, _ = build([item], ready(item))
    row = found.rows[0]
    assert row.pause is not None and row.suggestion is None
    assert found.due_count == 0


def test_session_due_needs_an_exercise_due_and_not_done_today():
    item = Planned()
    found, _ = build([item])
    assert today_page.session_due(found, day=TODAY, today=TODAY)
    assert not today_page.session_due(found, day=TODAY - timedelta(days=1), today=TODAY)
    habit, _ = build([Planned(progression=HABIT)])
    assert not today_page.session_due(habit, day=TODAY, today=TODAY)
    done, _ = build([item], [DoneTick(TODAY, None, exercise_id=item.pk)])
    assert not today_page.session_due(done, day=TODAY, today=TODAY)


def entry(pain=None, notes="", leg=None):
    return SimpleNamespace(pain=pain, notes=notes, leg_symptoms=leg, day_type=Entry.DayType.NORMAL)


def test_a_saved_check_in_folds_and_a_refused_one_stays_open():
    assert today_page.checkin_state(entry(pain=3), refused=False) == {
        "checked_in": True,
        "checkin_folded": True,
    }
    assert today_page.checkin_state(entry(notes="stiff"), refused=False)["checkin_folded"]
    assert today_page.checkin_state(entry(leg=False), refused=False)["checkin_folded"]
    assert today_page.checkin_state(entry(pain=3), refused=True) == {
        "checked_in": True,
        "checkin_folded": False,
    }
    # An entry with no answer (a tick made it) is no check-in: the card stays open.
    assert today_page.checkin_state(entry(), refused=False) == {"checked_in": False, "checkin_folded": False}
    assert today_page.checkin_state(None, refused=False)["checked_in"] is False


def test_the_page_state_shows_banners_and_the_psfs_card_on_today_only():
    found, _ = build([Planned()])
    latest = SimpleNamespace(psfs_last_on=SINCE - timedelta(days=60))
    common = {
        "latest": latest,
        "entries": [],
        "entry": None,
        "day_type": "normal",
        "plan": [Planned()],
        "found": found,
        "blocks_plan": False,
    }
    shown = today_page.page_state(TODAY, today=TODAY, alerts=["alert"], see_clinician="note", **common)
    assert shown["is_today"] and shown["alerts"] == ["alert"] and shown["see_clinician"] == "note"
    assert shown["psfs_due"] and shown["day_url"] == "/today/"
    past = today_page.page_state(
        TODAY - timedelta(days=1), today=TODAY, alerts=["alert"], see_clinician="note", **common
    )
    assert not past["is_today"] and past["alerts"] == [] and past["see_clinician"] is None
    assert not past["psfs_due"] and past["day_url"].endswith(f"{(TODAY - timedelta(days=1)).isoformat()}/")


def test_a_day_without_an_entry_is_a_normal_day():
    assert today_page.day_type_of(None) == Entry.DayType.NORMAL
    assert today_page.day_type_of(Day(TODAY, 3, Entry.DayType.ROUGH)) == Entry.DayType.ROUGH


LOOP = (
    '{% for value, label in choices %}<div class="form-check"><input class="form-check-input" type="radio"'
    ' name="spread" value="{{ value }}" id="sp-{{ value }}-{{ slug }}"{% if chosen == value %} checked{% endif %}>'
    '<label class="form-check-label small" for="sp-{{ value }}-{{ slug }}">{{ label }}</label></div>{% endfor %}'
)


def test_the_spread_radios_tag_prints_what_the_rows_loop_printed():
    for chosen in ("yes", "no", None):
        context = {"choices": LEG_CHOICES, "chosen": chosen, "slug": "cat-cow"}
        assert spread_radios(LEG_CHOICES, chosen, "cat-cow") == Template(LOOP).render(Context(context))
    assert spread_radios(LEG_CHOICES, "yes", "cat-cow").count(" checked") == 1
