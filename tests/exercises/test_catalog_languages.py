"""The library and the lessons in the reader's language (issue 27, docs/content.md "Translations"):
the words stay English in the database and come from the catalogues; a line the catalogue lacks (an
admin's edit) stays English, never a blank; each language's snapshot is built once, with no query.

A tiny Spanish catalogue in a temporary LOCALE_PATHS stands in for the shipped one."""

import polib
import pytest
from django.urls import reverse
from django.utils import translation

from exercises import catalog, dose
from exercises.library import NOT_ON_A_FLARE_DAY, not_on_a_flare_day
from exercises.models import Exercise
from learn import catalog as lessons
from tests.conftest import make_user, screen_clear

pytestmark = pytest.mark.django_db

SPANISH = {
    "Belly breathing with feet up": "Respiración abdominal con los pies en alto",
    "Fill low first: belly, then chest.": "Llene primero la parte baja: el abdomen, luego el pecho.",
    "If you feel light-headed, breathe more gently and take a pause.": "Si se marea, respire con más suavidad y haga una pausa.",
    "daily": "a diario",
    "%(dose)s, %(often)s": "%(dose)s, %(often)s",
    NOT_ON_A_FLARE_DAY: "No en un día de crisis de dolor.",
    "Your flare plan": "Su plan para una crisis de dolor",
    "Switch to the gentle set. On Today, mark a rough day: just the easy exercises, at your own pace. "
    "Your streak is safe.": "Cambie a la serie suave.",
}
PLURALS = {
    ("%(count)s slow breath", "%(count)s slow breaths"): (
        "%(count)s respiración lenta",
        "%(count)s respiraciones lentas",
    )
}


@pytest.fixture
def spanish(tmp_path, settings):
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": "es",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    for msgid, msgstr in SPANISH.items():
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    for (one, many), (uno, varios) in PLURALS.items():
        po.append(polib.POEntry(msgid=one, msgid_plural=many, msgstr_plural={0: uno, 1: varios}))
    po.save_as_mofile(str(folder / "django.mo"))
    settings.LOCALE_PATHS = [tmp_path]  # Django forgets the loaded catalogues on this change
    catalog.clear()
    lessons.clear()
    yield
    catalog.clear()
    lessons.clear()


def reader(client, language):
    user = make_user(f"reader-{language}", language=language)
    screen_clear(user)
    client.force_login(user)
    return user


def test_the_exercise_page_in_spanish_reads_the_catalogues_words(client, spanish):
    reader(client, "es")
    body = client.get(
        reverse("exercises:detail", kwargs={"slug": "belly-breathing-feet-up"})
    ).content.decode()
    assert "Respiración abdominal con los pies en alto" in body
    assert "Llene primero la parte baja: el abdomen, luego el pecho." in body
    assert "Si se marea, respire con más suavidad y haga una pausa." in body
    assert "10 respiraciones lentas, a diario" in body
    # A line the small catalogue lacks stays English, never blank.
    assert "Keep your shoulders and jaw soft." in body


def test_the_same_page_in_english_is_unchanged(client, spanish):
    reader(client, "en")
    body = client.get(
        reverse("exercises:detail", kwargs={"slug": "belly-breathing-feet-up"})
    ).content.decode()
    assert "Belly breathing with feet up" in body
    assert "Respiración" not in body
    assert "10 slow breaths, daily" in body


def test_an_admins_edit_is_read_in_english_as_stored(client, spanish):
    level = Exercise.objects.get(slug="belly-breathing-feet-up")
    level.name = "Belly breathing, legs on a chair"
    level.save()
    reader(client, "es")
    body = client.get(reverse("exercises:detail", kwargs={"slug": level.slug})).content.decode()
    assert "Belly breathing, legs on a chair" in body
    assert "Respiración abdominal con los pies en alto" not in body
    assert "Llene primero la parte baja: el abdomen, luego el pecho." in body  # the other lines still are


def test_each_language_is_built_once_and_switching_costs_no_query(spanish, django_assert_num_queries):
    english = catalog.catalog(refresh=True)
    with translation.override("es"):
        first = catalog.catalog()
    with django_assert_num_queries(0):
        with translation.override("es"):
            assert catalog.catalog() is first
        with translation.override("de"):
            german = catalog.catalog()
        with translation.override("de"):
            assert catalog.catalog() is german
        assert catalog.catalog() is english
    level = first.by_slug["belly-breathing-feet-up"]
    assert level.name == "Respiración abdominal con los pies en alto"
    assert level.progression.levels.all()[0] is level  # the family's levels are the translated ones too
    assert english.by_slug["belly-breathing-feet-up"].name == "Belly breathing with feet up"  # unchanged


def test_the_lesson_page_in_spanish_keeps_its_source_as_cited(client, spanish):
    reader(client, "es")
    body = client.get(reverse("learn:detail", kwargs={"lesson": "flare-plan"})).content.decode()
    assert "Su plan para una crisis de dolor" in body
    assert "Cambie a la serie suave." in body
    assert '<cite translate="no">The Lancet low back pain series (2018); NHS: Back pain</cite>' in body


def test_dose_words_count_in_the_readers_language(spanish):
    with translation.override("es"):
        assert dose.rep_words(1, "slow breaths", 1) == "1 respiración lenta"
        assert dose.rep_words(10, "slow breaths", 10) == "10 respiraciones lentas"
        assert dose.rep_words(3, "presses", 3) == "3 presses"  # a unit with no words in the catalogue
    assert dose.rep_words(1, "slow breaths", 1) == "1 slow breath"


def test_not_on_a_flare_day_reads_the_caution_in_either_language(spanish):
    assert not_on_a_flare_day(f"Something else.\n{NOT_ON_A_FLARE_DAY}")
    assert not not_on_a_flare_day("Something else.")
    with translation.override("es"):
        assert not_on_a_flare_day("No en un día de crisis de dolor.")
        assert not_on_a_flare_day(NOT_ON_A_FLARE_DAY)
