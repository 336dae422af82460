"""Fill the catalogues' empty entries from translation fragments (docs/translations.md, "Catalogues").

    .venv/bin/python scripts/translations_fill.py FRAGMENT.po [FRAGMENT.po ...]

Work on several parts at once cannot share locale/<lang>/LC_MESSAGES/*.po (every `makemessages`
rewrites them whole), so each part hands in its translations as a small .po file of its own, one
per language (`Language:` in its header). After `makemessages`, this fills every entry of the
catalogues that is empty or fuzzy from the fragments of that language, by context and English; an
entry already translated is kept. It prints what it filled and what is still missing.
"""

import argparse
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def key(entry):
    return (entry.msgctxt or "", entry.msgid)


def header(catalogue, code):
    """The catalogue's header says what it is; never fuzzy (msgfmt would then ignore its charset)."""
    catalogue.metadata.update({"Project-Id-Version": "BackCare", "Language": code})
    catalogue.metadata_is_fuzzy = False


def plural_count(catalogue):
    forms = catalogue.metadata.get("Plural-Forms", "nplurals=2;")
    return int(forms.split("nplurals=")[1].split(";")[0])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fragments", nargs="+", type=Path)
    args = parser.parse_args()

    by_language = {}
    for path in args.fragments:
        fragment = polib.pofile(str(path))
        code = fragment.metadata.get("Language", "").strip()
        if not code:
            sys.exit(f"{path}: no Language in its header")
        for entry in fragment.translated_entries():
            by_language.setdefault(code, {}).setdefault(key(entry), entry)

    for code, translations in sorted(by_language.items()):
        for domain in ("django", "djangojs"):
            path = LOCALE / code / "LC_MESSAGES" / f"{domain}.po"
            if not path.exists():
                continue
            catalogue = polib.pofile(str(path))
            header(catalogue, code)
            forms = plural_count(catalogue)
            filled = 0
            for entry in catalogue:
                if entry.obsolete or (entry.translated() and not entry.fuzzy):
                    continue
                source = translations.get(key(entry))
                if source is None:
                    continue
                if entry.msgid_plural:
                    if not source.msgstr_plural:
                        continue
                    given = [source.msgstr_plural[index] for index in sorted(source.msgstr_plural)]
                    # A language with more plural forms than the fragment gives (Spanish's third, for
                    # millions) takes the last one given.
                    entry.msgstr_plural = {index: given[min(index, len(given) - 1)] for index in range(forms)}
                else:
                    entry.msgstr = source.msgstr
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
                filled += 1
            catalogue.save(str(path))
            missing = len(catalogue.untranslated_entries()) + len(catalogue.fuzzy_entries())
            print(
                f"{code} {domain}: {filled} filled, {missing} still missing, {catalogue.percent_translated()}%"
            )


if __name__ == "__main__":
    main()
