"""Compile locale/<lang>/LC_MESSAGES/*.po into the .mo files Django reads, without GNU gettext.

`make run` uses this, so a fresh machine needs only Python; `make test` runs Django's own
`compilemessages` (GNU gettext's msgfmt, which also checks each entry's format). Fuzzy entries are
left out, as msgfmt leaves them out (polib writes translated entries only): an unreviewed
translation falls back to English.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the project's .po catalogues into .mo files (pure Python; see docs/translations.md)."

    def handle(self, *args, **options):
        compiled = 0
        for directory in settings.LOCALE_PATHS:
            for po_path in sorted(Path(directory).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                compiled += 1
        self.stdout.write(f"{compiled} catalogue(s) compiled.")
