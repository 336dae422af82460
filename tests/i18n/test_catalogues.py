"""The Spanish and German catalogues are whole (docs/translations.md): every entry translated, none
fuzzy (unreviewed), each with the same placeholders as its English, and each entry still in use
(no obsolete leftovers). A new string marked without its translations fails here."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# The scripts' catalogue (djangojs) exists once a script marks a word (docs/translations.md).
DOMAINS = [
    "django",
    *(["djangojs"] if any(Path(settings.LOCALE_PATHS[0]).glob("*/LC_MESSAGES/djangojs.po")) else []),
]
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[a-z_]*\}")


def catalogue(code, domain):
    path = Path(settings.LOCALE_PATHS[0]) / code / "LC_MESSAGES" / f"{domain}.po"
    assert path.exists(), f"{path} is missing"
    return polib.pofile(str(path))


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("code", LANGUAGES)
def test_every_entry_is_translated_and_reviewed(code, domain):
    entries = catalogue(code, domain)
    untranslated = [entry.msgid[:60] for entry in entries.untranslated_entries()]
    fuzzy = [entry.msgid[:60] for entry in entries.fuzzy_entries()]
    obsolete = [entry.msgid[:60] for entry in entries.obsolete_entries()]
    assert not untranslated, f"{code} {domain}: {len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{code} {domain}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"
    assert not obsolete, f"{code} {domain}: {len(obsolete)} obsolete, e.g. {obsolete[:5]}"
    assert entries.percent_translated() == 100


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("code", LANGUAGES)
def test_each_translation_keeps_its_placeholders(code, domain):
    wrong = []
    for entry in catalogue(code, domain).translated_entries():
        if entry.msgid_plural:
            for form in entry.msgstr_plural.values():
                # A language's singular may say "one" in words; its plural keeps the count.
                if set(placeholders(form)) - set(placeholders(entry.msgid_plural)):
                    wrong.append(entry.msgid[:60])
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            wrong.append(entry.msgid[:60])
    assert not wrong, f"{code} {domain}: placeholders differ in {wrong[:10]}"


def safety_screen_words():
    """Every string the safety screen and its outcomes show, in English (the catalogue's msgids)."""
    from django.utils import translation

    from journal import safety

    with translation.override("en"):
        words = [question.text for question in (*safety.QUESTIONS, *safety.RETIRED_QUESTIONS)]
        for group in safety.GROUPS:
            words += [str(group.title), str(group.hint)]
        words += [str(message) for message in safety.HELD_MESSAGES.values()]
    return words


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_string_with_clinical_meaning_says_so_to_the_translator(code):
    """Every question, list title and hint of the safety screen, and every reason a plan is held,
    carries a CLINICAL: translator comment (docs/translations.md), so a translator knows these need
    a clinician's reading; the warnings and red flags elsewhere carry it too (at least 100 entries
    in all today)."""
    entries = catalogue(code, "django")
    by_msgid = {entry.msgid: entry for entry in entries}
    words = safety_screen_words()
    missing = [text[:60] for text in words if text not in by_msgid]
    unmarked = [
        text[:60] for text in words if text in by_msgid and "CLINICAL:" not in (by_msgid[text].comment or "")
    ]
    assert len(words) > 30
    assert not missing, f"{code}: safety screen words not in the catalogue: {missing[:5]}"
    assert not unmarked, f"{code}: safety screen words without a CLINICAL: comment: {unmarked[:5]}"
    clinical = [entry for entry in entries if "CLINICAL:" in (entry.comment or "")]
    assert len(clinical) >= 100, f"only {len(clinical)} entries marked CLINICAL: in {code}"


def test_no_translator_comment_is_lost_above_a_call_split_over_lines():
    """xgettext gives a string the comment on the lines just above the string itself: a
    `# Translators:` comment above `gettext_lazy(` whose string starts on the next line reaches no
    translator (nine safety-screen questions and reasons, 58 lesson strings and 19 library strings
    had lost theirs). The comment goes inside the call, above the string."""
    root = Path(settings.BASE_DIR)
    lost = []
    for path in sorted(root.glob("*/**/*.py")):
        if {".venv", "migrations", "tests", "staticfiles", "node_modules"} & set(
            path.relative_to(root).parts
        ):
            continue
        lines = path.read_text(encoding="utf-8").split("\n")
        for n, line in enumerate(lines[:-2]):
            if not line.strip().startswith("#"):
                continue
            after = n + 1
            while after < len(lines) - 1 and lines[after].strip().startswith("#"):
                after += 1
            comment = " ".join(lines[n:after])
            if (
                "Translators:" in comment
                and lines[after].rstrip().endswith("(")
                and lines[after + 1].lstrip()[:1] in "\"'"
            ):
                lost.append(f"{path.relative_to(root)}:{after + 1}")
    assert not lost, f"translator comments xgettext will not see: {lost[:10]}"


def test_no_translator_comment_is_lost_in_a_template():
    """A `{# Translators: … #}` comment reaches the catalogue only as the last thing on its line
    (Django's makemessages ignores it otherwise, with a warning nobody reads)."""
    import warnings

    from django.utils.translation.template import templatize

    root = Path(settings.BASE_DIR) / "templates"
    lost = []
    for path in sorted(root.rglob("*.html")):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            templatize(path.read_text(encoding="utf-8"), origin=str(path))
        lost += [
            f"{path.relative_to(root)}: {w.message}"[:120] for w in caught if "Translators" in str(w.message)
        ]
    assert not lost, "\n".join(lost)
