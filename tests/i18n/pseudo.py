"""A pseudo-language that wraps every translated string in ⟪ ⟫, to find words nobody marked.

`pseudo_catalogue(folder)` runs `makemessages` over the project (so a string marked in this very
branch is in it, whether or not the catalogues in locale/ were made again), adds Django's own
strings (dates, form errors, password rules), writes `<folder>/qps/LC_MESSAGES/django.mo` with each
translation the English wrapped, and returns the language code. A page read in it shows every
marked word wrapped; what is left outside the marks (`unmarked_words`) was never marked.
Text a person's language must not change is marked up `translate="no"` (HTML's own attribute): a
username, a cited source's title, the name BackCare.
"""

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import django
import polib
from django.conf import settings
from django.core.management import call_command

CODE = "qps"
OPEN, CLOSE = "⟪", "⟫"
# Directories makemessages must not read: the virtualenv, the tests, the scripts, collected static
# files, and locale/ itself (makemessages would write there instead of the folder given).
IGNORE = [".venv", "tests", "scripts", "staticfiles", "locale", "artifacts", "node_modules"]


def wrap(text):
    return f"{OPEN}{text}{CLOSE}" if text else text


def _django_catalogues():
    root = Path(django.__file__).parent
    yield from root.glob("conf/locale/en/LC_MESSAGES/django.po")
    yield from root.glob("contrib/*/locale/en/LC_MESSAGES/django.po")


def _extract(folder):
    """makemessages for CODE into `folder`: it writes beside the nearest locale/ above a file, so it
    reads the project through links from a folder of its own, with `folder` as the only locale path."""
    sources = folder / "sources"
    sources.mkdir()
    for item in Path(settings.BASE_DIR).iterdir():
        if item.name not in IGNORE and not item.name.startswith("."):
            (sources / item.name).symlink_to(item)
    before = os.getcwd()
    try:
        os.chdir(sources)
        with settings_locale_paths([folder / "locale"]):
            call_command(
                "makemessages",
                locale=[CODE],
                ignore_patterns=IGNORE,
                no_obsolete=True,
                symlinks=True,
                verbosity=0,
            )
    finally:
        os.chdir(before)
    return folder / "locale" / CODE / "LC_MESSAGES" / "django.po"


def pseudo_catalogue(folder):
    """Build the pseudo-language's catalogue under `folder`; returns (its locale path, its code)."""
    folder = Path(folder)
    po_path = _extract(folder)
    catalogue = polib.pofile(str(po_path))
    seen = {(entry.msgctxt, entry.msgid) for entry in catalogue}
    for source in _django_catalogues():
        for entry in polib.pofile(str(source)):
            if (entry.msgctxt, entry.msgid) not in seen:
                seen.add((entry.msgctxt, entry.msgid))
                catalogue.append(
                    polib.POEntry(
                        msgctxt=entry.msgctxt,
                        msgid=entry.msgid,
                        msgid_plural=entry.msgid_plural,
                        msgstr="",
                        msgstr_plural={0: "", 1: ""} if entry.msgid_plural else {},
                    )
                )
    catalogue.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    for entry in catalogue:
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        if entry.msgid_plural:
            entry.msgstr_plural = {0: wrap(entry.msgid), 1: wrap(entry.msgid_plural)}
        else:
            entry.msgstr = wrap(entry.msgid)
    catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
    return folder / "locale", CODE


class settings_locale_paths:
    """LOCALE_PATHS set for a block, outside pytest-django's `settings` fixture (module set-up)."""

    def __init__(self, paths):
        self.paths = paths

    def __enter__(self):
        self.before = settings.LOCALE_PATHS
        settings.LOCALE_PATHS = self.paths

    def __exit__(self, *exc):
        settings.LOCALE_PATHS = self.before


# What a person reads besides text: these attributes, and a button's value.
READ_ATTRIBUTES = {"title", "aria-label", "alt", "placeholder", "aria-description", "aria-roledescription"}
SKIPPED = {"script", "style"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, skipped)
        self.found = []

    @property
    def skipping(self):
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skipped = self.skipping or tag in SKIPPED or attrs.get("translate") == "no"
        if not skipped:
            for name, value in attrs.items():
                if value and (
                    name in READ_ATTRIBUTES
                    or (name == "value" and tag == "input" and attrs.get("type") in {"submit", "button"})
                ):
                    self.found.append(value)
        if tag not in VOID:
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.found.append(data)


_WORD = re.compile(r"[^\W\d_]{2,}")
_NOT_WORDS = re.compile(r"\S+@\S+|https?://\S+|/[\w./?=&%-]*")  # addresses and paths are not words


def unmarked_words(html, allowed=frozenset({"BackCare"})):
    """The words of `html` a person reads that no ⟪ ⟫ wraps, each with a little of its text."""
    reader = _Reader()
    reader.feed(html)
    problems = []
    # A translated sentence may hold a link or an emphasis ("… <a href>Ask for a new one</a>."):
    # its wrap opens in one piece of text and closes in a later one, so the depth of open wraps is
    # carried from piece to piece in the document's order.
    depth = 0
    for text in reader.found:
        kept = []
        for char in text:
            if char == OPEN:
                depth += 1
            elif char == CLOSE:
                depth = max(depth - 1, 0)
            elif depth == 0:
                kept.append(char)
                continue
            kept.append(" ")
        rest = _NOT_WORDS.sub(" ", "".join(kept))
        words = [word for word in _WORD.findall(rest) if word not in allowed]
        if words:
            problems.append(" ".join(text.split())[:120])
    return problems
