"""Every word a person reads is marked for translation (docs/translations.md): every page of the
app, found from the URL resolver as the cache-policy test finds them, read in a pseudo-language
that wraps each translated string (tests/i18n/pseudo.py); a word left outside the wraps fails."""

import pytest
from django.urls import reverse

from tests.hardening.test_cache_policy import every_url
from tests.i18n import pseudo

pytestmark = pytest.mark.django_db

# Pages that answer with something other than a page a person reads (files, redirects are followed).
NOT_PAGES = {
    "journal:export_csv",
    "journal:export_json",
    "reminders:calendar_feed",
    "reminders:calendar_download",
}


@pytest.fixture(scope="module")
def pseudo_language(tmp_path_factory):
    return pseudo.pseudo_catalogue(tmp_path_factory.mktemp("pseudo-locale"))


@pytest.fixture
def in_pseudo(settings, pseudo_language):
    folder, code = pseudo_language
    settings.LOCALE_PATHS = [folder, *settings.LOCALE_PATHS]
    settings.LANGUAGES = [*settings.LANGUAGES, (code, "Pseudo")]
    return code


def test_the_pseudo_language_wraps_a_marked_word_and_finds_an_unmarked_one(client, in_pseudo):
    response = client.get(reverse("landing"), HTTP_ACCEPT_LANGUAGE=in_pseudo)
    assert f'lang="{in_pseudo}"' in response.content.decode()
    assert pseudo.unmarked_words('<p>⟪Marked⟫ <span translate="no">alice</span></p>') == []
    assert pseudo.unmarked_words("<p>⟪Marked⟫ and not</p>") == ["⟪Marked⟫ and not"]
    assert pseudo.unmarked_words('<button aria-label="Close">⟪x⟫</button>') == ["Close"]


@pytest.mark.parametrize("who", ["signed in", "anonymous"])
def test_every_page_reads_wholly_in_the_persons_language(client, alice_with_history, in_pseudo, who):
    if who == "signed in":
        alice_with_history.language = in_pseudo
        alice_with_history.save(update_fields=["language"])
        client.force_login(alice_with_history)
    problems = {}
    for name, url in every_url(alice_with_history):
        if name in NOT_PAGES:
            continue
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=in_pseudo, follow=True)
        if response.streaming or "text/html" not in response.get("Content-Type", ""):
            continue
        words = pseudo.unmarked_words(response.content.decode())
        if words:
            problems[f"{url} ({name})"] = words[:8]
    assert not problems, "\n".join(f"{url}: {words}" for url, words in problems.items())
