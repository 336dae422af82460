"""Writes the Today page sends with a client operation id and a base state (docs/offline.md).

Pure: no request, no queries. A write made on a phone without a connection is kept there and sent
later, perhaps more than once (an answer lost on the way back, a page reloaded mid-send). Each
carries:

- an operation id, a random (version 4) UUID made on the phone (`X-Client-Op` header or
  `client_op` field; the nil UUID and other versions are refused with a 400), which the
  server records once in the write's transaction (`journal.models.ClientOperation`): a replay of
  a recorded id changes nothing and answers with the state as it is;
- optionally a base: a short fingerprint of what the page showed of the thing it changed, before
  the change. When the server's fingerprint of that thing differs (the same day was changed
  elsewhere since), the write is refused with 409 and the server's state stays.

A base names its own kind by its first letter:

- ``t<times>``: an exercise's tick on the day, by how many times it was done (0: not done). The
  base of Done, Undo, Add one and Undo one.
- ``f<pain>.<effort>.<full dose>.<spread>``: a done tick's "how did it feel" answers; ``f-``
  while there is no tick. The base of the detail form.
- ``c<pain>.<leg>.<notes crc32>``: the day's check-in answers (a day without an entry has the
  empty answers, so a tick made elsewhere does not make a queued check-in conflict).

Writes without an operation id carry no base that counts and behave as they always did.
"""

import re
import uuid
import zlib
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

# How long a recorded operation is kept: each user's older ones are deleted as their next one is
# recorded (services._op_claim). A queued write that comes back later still cannot count twice:
# it carries its base, which is no longer the server's once the write was applied.
KEEP_DAYS = 7

# The words every "changed elsewhere" answer ends with, in English: journal/views/today.py says
# each one as a whole sentence of its own (the exercise's or the day's), translated.
CHANGED_ELSEWHERE = "This day was changed elsewhere since; we kept the other version."
BAD_OP = gettext_lazy("Not saved: that change's id is not one we understand (a UUID is expected).")
# The page makes every id with crypto.randomUUID() (or the same random version-4 form without it,
# static/js/offline-queue.js): the all-zero UUID, or any other version, is not one it sent.
BAD_OP_VERSION = gettext_lazy(
    "Not saved: that change's id is not a random one (a version 4 UUID is expected)."
)
BAD_BASE = gettext_lazy("Not saved: that change's starting point is not one we understand.")
OP_TAKEN = gettext_lazy("Not saved: that change's id belongs to another change.")

TICK, UNTICK, ADD, UNDO_ONE, FEEL, CHECKIN = "tick", "untick", "add", "undo-one", "feel", "checkin"
# The base letter each kind of write is checked against.
BASE_LETTER = {TICK: "t", UNTICK: "t", ADD: "t", UNDO_ONE: "t", FEEL: "f", CHECKIN: "c"}
# The tick form's fields that only "how did it feel" sends.
FEEL_FIELDS = ("pain_during", "effort", "partial", "spread")

_BASE = re.compile(r"[tfc][0-9a-z.\-]{1,40}")
_MAX_ID = 45  # a UUID written any way uuid.UUID reads ("{...}", "urn:uuid:..."), no longer


@dataclass(frozen=True)
class Op:
    """A write's operation id and, if it sent one, its base."""

    id: uuid.UUID
    base: str | None = None


def parse(*, header, field, base, kind):
    """(Op or None, None) for a write of `kind`, or (None, the message) when what was sent is bad.

    No id (neither header nor field): no Op, whatever the base says, as before offline writes.
    """
    header, field = (header or "").strip(), (field or "").strip()
    if not header and not field:
        return None, None
    if header and field and header.lower() != field.lower():
        return None, BAD_OP
    value = header or field
    if len(value) > _MAX_ID:
        return None, BAD_OP
    try:
        op_id = uuid.UUID(value)
    except ValueError:
        return None, BAD_OP
    if op_id.version != 4:  # None for the nil UUID and any id outside RFC 4122's variant
        return None, BAD_OP_VERSION
    base = (base or "").strip() or None
    if base is not None and (not _BASE.fullmatch(base) or base[0] != BASE_LETTER[kind]):
        return None, BAD_BASE
    return Op(id=op_id, base=base), None


def tick_kind(*, counts_up, add, posted):
    """Which write a POST to the tick URL is: Add one, "how did it feel", or Done."""
    if counts_up and add:
        return ADD
    if any(name in posted for name in FEEL_FIELDS):
        return FEEL
    return TICK


def times_base(tick):
    """``t<times>`` of a tick (a `Tick` or `suggestions.DoneTick`), ``t0`` for none."""
    return f"t{tick.times if tick is not None else 0}"


def _yes_no(value):
    return "n" if value is None else ("y" if value else "x")


def feel_base(tick):
    """A done tick's "how did it feel" answers as a base; ``f-`` for no tick."""
    if tick is None:
        return "f-"
    pain = "n" if tick.pain_during is None else tick.pain_during
    return f"f{pain}.{tick.effort or 'n'}.{1 if tick.full_dose else 0}.{_yes_no(tick.spread)}"


def checkin_base(entry):
    """The day's check-in answers as a base (an `Entry`, the answers as saved,
    `services.Checkin`, or None: no entry has the empty answers)."""
    pain, leg, notes = (None, None, "") if entry is None else (entry.pain, entry.leg_symptoms, entry.notes)
    crc = zlib.crc32((notes or "").encode("utf-8"))
    return f"c{'n' if pain is None else pain}.{_yes_no(leg)}.{crc:08x}"


def tick_bases(tick):
    """The bases of an exercise's row, as the answers to the page and the row's attributes give them."""
    return {"t": times_base(tick), "f": feel_base(tick)}


def current_base(letter, *, tick=None, entry=None):
    """The server's base of the kind `letter` names, from the tick or entry as it is now."""
    if letter == "t":
        return times_base(tick)
    if letter == "f":
        return feel_base(tick)
    return checkin_base(entry)
