"""The settings page caches what is the same for everyone in this process, and still shows each
user their own values at once."""

import re

import pytest
from django import forms
from django.urls import reverse

from backcare.forms import CachedSelect, CheckboxInput, PasswordInput
from backcare.urgent_care import country_for_timezone
from exercises.models import Exercise
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

SETTINGS_URL = reverse("settings")


def select(body, select_id):
    start = body.rindex("<select", 0, body.index(f'id="{select_id}"'))
    return body[start : body.index("</select>", start)]


def selected(markup):
    return re.findall(r'<option value="([^"]*)" selected>', markup)


def page(client, user):
    client.force_login(user)
    return client.get(SETTINGS_URL).content.decode()


def test_a_cached_select_renders_what_djangos_select_renders():
    choices = [("", "None"), ("a", "A & co"), ("b", "<b>")]
    attrs = {"id": "id_thing", "class": "form-select", "required": True}
    for value in (None, "", "a", "b", "not-a-choice"):
        cached = CachedSelect(choices=choices, cache_key="test-things").render("thing", value, attrs)
        assert cached == forms.Select(choices=choices).render("thing", value, attrs)
        # The second time comes from the cache, unchanged.
        assert CachedSelect(choices=choices, cache_key="test-things").render("thing", value, attrs) == cached


def test_a_cached_checkbox_renders_what_djangos_checkbox_renders():
    attrs = {"id": "id_box", "class": "form-check-input", "role": "checkbox"}
    # Ticked, not ticked, and a value Django writes out (value="on"): that one is not cached.
    for value in (True, False, None, "", "on"):
        cached = CheckboxInput().render("box", value, attrs)
        assert cached == forms.CheckboxInput().render("box", value, attrs)
        assert CheckboxInput().render("box", value, attrs) == cached
    assert "checked" in CheckboxInput().render("box", True, attrs)
    assert "checked" not in CheckboxInput().render("box", False, attrs)


def test_a_cached_password_input_never_shows_a_value():
    attrs = {"id": "id_pw", "class": "form-control", "required": True}
    for value in (None, "", "my secret"):
        cached = PasswordInput().render("pw", value, attrs)
        assert cached == forms.PasswordInput().render("pw", value, attrs)
        assert "my secret" not in cached
    # With render_value it is Django's own, never cached.
    shown = PasswordInput(render_value=True).render("pw", "typed", attrs)
    assert shown == forms.PasswordInput(render_value=True).render("pw", "typed", attrs)
    assert 'value="typed"' in shown


def test_each_user_sees_their_own_zone_and_country_chosen(client):
    users = [
        make_user("ana", time_zone="Europe/London", country="GB"),
        make_user("ben", time_zone="Asia/Tokyo", country="NZ"),
        make_user("cai", time_zone="Europe/London", country=""),
        make_user("dee", time_zone="UTC", country=""),
    ]
    for _ in range(2):
        for user in users:
            body = page(client, user)
            assert selected(select(body, "id_time_zone")) == [user.time_zone]
            # A user without a country sees the guess from their zone (test_country.py).
            assert selected(select(body, "id_country")) == [
                user.country or country_for_timezone(user.time_zone)
            ]


def test_a_refused_zone_is_shown_with_no_zone_chosen(alice_client, alice):
    alice_client.get(SETTINGS_URL)
    response = alice_client.post(SETTINGS_URL, {"email": alice.email, "time_zone": "Nowhere/At_All"})
    zones = select(response.content.decode(), "id_time_zone")
    assert selected(zones) == [] and "Nowhere/At_All" not in zones
    assert 'aria-invalid="true"' in zones


def test_a_level_change_shows_at_once(alice_today):
    body = alice_today.get(SETTINGS_URL).content.decode()
    assert selected(select(body, "level-supine-marching")) == ["1"]
    alice_today.post(reverse("journal:plan_set", kwargs={"progression": "supine-marching"}), {"level": "2"})
    body = alice_today.get(SETTINGS_URL).content.decode()
    assert selected(select(body, "level-supine-marching")) == ["2"]


def test_another_user_sees_their_own_levels(alice_today, client, bob):
    alice_today.post(reverse("journal:plan_set", kwargs={"progression": "supine-marching"}), {"level": "2"})
    assert selected(select(alice_today.get(SETTINGS_URL).content.decode(), "level-supine-marching")) == ["2"]
    client.force_login(bob)
    assert selected(select(client.get(SETTINGS_URL).content.decode(), "level-supine-marching")) == []


def test_a_library_edit_shows_at_once(alice_today):
    assert "Renamed level" not in alice_today.get(SETTINGS_URL).content.decode()
    level = Exercise.objects.get(progression__slug="supine-marching", level=2)
    level.name = "Renamed level"
    level.save()
    body = alice_today.get(SETTINGS_URL).content.decode()
    assert '<option value="2">2: Renamed level</option>' in select(body, "level-supine-marching")


def test_a_select_missing_from_the_cached_set_is_rendered_on_the_spot():
    """A plan read after a library change can name a level the cached selects do not have yet."""
    from exercises.catalog import catalog
    from journal.settings_sections import level_select

    family = next(f for f in catalog().progressions if f.slug == "supine-marching")
    chosen = family.levels.all()[1].pk
    markup = level_select({}, family, chosen)
    assert selected(markup) == ["2"] and markup.startswith('<select name="level" id="level-supine-marching"')


def test_the_language_select_is_cached_as_djangos_select_renders_it_and_follows_the_languages(settings):
    from django.utils import translation

    from backcare.forms import LanguageSelect, language_field_choices

    attrs = {"id": "id_language", "class": "form-select"}
    for language in ("en", "de"):
        with translation.override(language):
            for value in (None, "", "es", "de", "not-a-language"):
                widget = LanguageSelect(choices=language_field_choices())
                uncached = forms.Select.render(widget, "language", value, attrs)  # Django's templates
                assert widget.render("language", value, attrs) == uncached
                assert (
                    LanguageSelect(choices=language_field_choices()).render("language", value, attrs)
                    == uncached
                )
    assert 'lang="de" translate="no"' in uncached
    settings.LANGUAGES = [("en", "English"), ("es", "Español")]
    shorter = LanguageSelect(choices=language_field_choices()).render("language", "es", attrs)
    assert "Deutsch" not in shorter and "Español" in shorter


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_forms_country_and_language_choices_are_the_fields_own_in_the_active_language(language):
    """backcare/forms.py: ReadyChoices, the same choices as the model field's (and the language
    field's function), read in the active language, without normalizing them on every pass."""
    from django.utils import translation

    from backcare.forms import SettingsForm, language_field_choices
    from backcare.models import User

    with translation.override(language):
        form = SettingsForm(instance=User(time_zone="Europe/Berlin"))
        model_choices = User._meta.get_field("country").formfield().choices
        assert list(form.fields["country"].choices) == list(model_choices)
        assert list(form.fields["language"].choices) == language_field_choices()
        assert dict(form.fields["country"].choices)["DE"] == (
            "Deutschland" if language == "de" else "Germany"
        )


def test_each_language_sees_the_level_names_in_its_own_words(client):
    """The families' level selects are kept once a process for each language: a Spanish reader after
    an English one (and back) sees the levels' names as the library gives them in Spanish."""
    from django.utils import translation

    from exercises.catalog import catalog

    with translation.override("es"):
        family = catalog().progressions[0]
        spanish = family.levels.all()[0].name
    with translation.override("en"):
        english = catalog().progressions[0].levels.all()[0].name
    assert spanish != english
    readers = [make_user("ana", language="en"), make_user("ben", language="es")]
    for _ in range(2):
        for user, name, other in ((readers[0], english, spanish), (readers[1], spanish, english)):
            levels = select(page(client, user), f"level-{family.slug}")
            assert f"1: {name}</option>" in levels and other not in levels


def test_the_widgets_are_kept_in_the_process_but_not_with_debugs_dummy_cache(settings):
    """backcare/forms.py: CachedChoices keeps a widget in a plain dict of the process, except where
    the "local" cache is Django's dummy cache (DEBUG: a template edit shows at the next reload), and
    forgets them when the catalogues change (as the words kept per language)."""
    from backcare import forms as base_forms

    choices = [("a", "A"), ("b", "B")]
    render = lambda: CachedSelect(choices=choices, cache_key="test-kept").render("thing", "a", {})  # noqa: E731
    base_forms._widgets.clear()
    settings.CACHES = {**settings.CACHES, "local": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert render() == forms.Select(choices=choices).render("thing", "a", {})
    assert base_forms._widgets == {}
    settings.CACHES = {
        **settings.CACHES,
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    kept = render()
    assert list(base_forms._widgets.values()) == [kept]
    settings.LOCALE_PATHS = [*settings.LOCALE_PATHS]  # the catalogues changed: forgotten
    assert base_forms._widgets == {}


def test_the_kept_widgets_stay_within_their_size_bound(settings, monkeypatch):
    """The time-zone select is some 21 kB for each zone chosen: what CachedChoices keeps is bounded
    by its size (WIDGETS_MAX_CHARS), not by a count of entries, so people in many zones cannot grow
    a worker's memory without end; each answer is still Django's own markup."""
    from backcare import forms as base_forms

    settings.CACHES = {
        **settings.CACHES,
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    choices = [(str(n), f"Zone number {n} " * 20) for n in range(50)]
    one = len(CachedSelect(choices=choices, cache_key="test-bound").render("zone", "0", {}))
    monkeypatch.setattr(base_forms, "WIDGETS_MAX_CHARS", one * 5)
    base_forms._widgets.clear()
    for n in range(50):
        html = CachedSelect(choices=choices, cache_key="test-bound").render("zone", str(n), {})
        assert html == forms.Select(choices=choices).render("zone", str(n), {})
        kept = sum(len(found) for found in base_forms._widgets.values())
        assert 0 < kept <= one * 5
    base_forms._widgets.clear()


@pytest.mark.parametrize("language", ["en", "es"])
def test_each_plan_row_has_its_readers_words_its_forms_and_the_pages_token(alice_today, alice, language):
    """journal/settings_sections.py: plan. A family in the plan shows its level badge, "Set level" and
    a remove form; one out of it, "Add to plan" and no remove form; every form in a row carries the
    page's CSRF field; the words are the reader's."""
    from django.test import Client
    from django.utils import translation

    alice.language = language
    alice.save(update_fields=["language"])
    client = Client()
    client.force_login(alice)
    body = client.get(SETTINGS_URL).content.decode()
    rows = re.findall(r'<li class="card mb-2" data-testid="plan-setting".*?</li>', body, re.S)
    # The page's CSRF field, rendered once for the settings sections (the header's is its own).
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', rows[0]).group(1)
    assert body.count(token) >= len(rows)
    with translation.override(language):
        in_plan, set_level, add, remove = (
            translation.gettext("In plan · level %(level)s").split("%")[0],
            translation.gettext("Set level"),
            translation.gettext("Add to plan"),
            translation.gettext("Remove"),
        )
    assert len(rows) > 3
    planned = [row for row in rows if "badge text-bg-success" in row]
    assert 0 < len(planned) < len(rows)  # some in the plan, some not
    for row in rows:
        forms_in_row = row.count("<form ")
        assert row.count(f'name="csrfmiddlewaretoken" value="{token}"') == forms_in_row
        if row in planned:
            assert in_plan in row and f">{set_level}</button>" in row and f">{remove}</button>" in row
            assert forms_in_row == 2
        else:
            assert f">{add}</button>" in row and f">{remove}</button>" not in row
            assert forms_in_row == 1
