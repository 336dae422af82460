"""journal/client_ops.py: operation ids and bases, without a database."""

import uuid

import pytest

from journal import client_ops
from journal.client_ops import CHECKIN, FEEL, TICK, UNTICK
from journal.suggestions import DoneTick

OP = "0b4f3c2e-6a1d-4c8e-9f00-1234567890ab"


class Day:
    def __init__(self, pain=None, leg_symptoms=None, notes=""):
        self.pain, self.leg_symptoms, self.notes = pain, leg_symptoms, notes


def parse(header="", field="", base="", kind=TICK):
    return client_ops.parse(header=header, field=field, base=base, kind=kind)


def test_no_id_is_no_operation_whatever_the_base_says():
    assert parse() == (None, None)
    assert parse(base="garbage") == (None, None)
    assert parse(field="   ") == (None, None)


@pytest.mark.parametrize("where", ["header", "field"])
def test_an_id_from_the_header_or_the_field(where):
    op, error = parse(**{where: OP}, base="t0")
    assert error is None
    assert op == client_ops.Op(id=uuid.UUID(OP), base="t0")


def test_the_same_id_in_both_places_is_fine_two_different_are_not():
    assert parse(header=OP, field=OP.upper())[1] is None
    assert parse(header=OP, field=str(uuid.uuid4())) == (None, client_ops.BAD_OP)


@pytest.mark.parametrize("bad", ["nope", "1234", OP + "0", "x" * 500, OP.replace("-", "g"), "\x00"])
def test_an_id_that_is_not_a_uuid_is_refused(bad):
    assert parse(field=bad) == (None, client_ops.BAD_OP)


NIL = "00000000-0000-0000-0000-000000000000"


@pytest.mark.parametrize(
    "bad",
    [
        NIL,
        NIL.replace("-", ""),
        "{" + NIL + "}",
        str(uuid.uuid1()),
        str(uuid.uuid5(uuid.NAMESPACE_URL, "https://backcare.test/")),
        OP.replace("-4c8e-", "-1c8e-"),  # version 1 in the version digit
        OP.replace("-9f00-", "-0f00-"),  # a 4 in the version digit, but not RFC 4122's variant
        "ffffffff-ffff-ffff-ffff-ffffffffffff",
    ],
)
def test_an_id_that_is_no_random_uuid_is_refused(bad):
    assert parse(field=bad) == (None, client_ops.BAD_OP_VERSION)
    assert parse(header=bad, base="t0") == (None, client_ops.BAD_OP_VERSION)


def test_the_smallest_change_from_the_nil_uuid_that_is_a_random_one_is_accepted():
    # Version 4 and RFC 4122's variant: the two fields a random UUID sets, the rest zero.
    op, error = parse(field="00000000-0000-4000-8000-000000000000")
    assert error is None and op.id.version == 4


@pytest.mark.parametrize(
    "base, kind",
    [
        ("z1", TICK),
        ("t", TICK),
        ("T1", TICK),
        ("c1.n.00000000", TICK),
        ("t1", FEEL),
        ("t1", CHECKIN),
        ("f-", UNTICK),
        ("t" + "1" * 41, TICK),
        ("t1;drop", TICK),
        ("t<1>", TICK),
    ],
)
def test_a_base_that_is_malformed_or_of_another_kind_is_refused(base, kind):
    assert parse(field=OP, base=base, kind=kind) == (None, client_ops.BAD_BASE)


def test_an_empty_base_is_no_base():
    assert parse(field=OP, base="  ")[0].base is None


def test_which_write_a_post_to_the_tick_url_is():
    assert client_ops.tick_kind(counts_up=True, add=True, posted={"add": "on"}) == client_ops.ADD
    assert client_ops.tick_kind(counts_up=False, add=True, posted={"add": "on"}) == TICK
    assert client_ops.tick_kind(counts_up=False, add=False, posted={"pain_during": "3"}) == FEEL
    assert client_ops.tick_kind(counts_up=True, add=False, posted={"partial": "on"}) == FEEL
    assert client_ops.tick_kind(counts_up=False, add=False, posted={}) == TICK


def test_tick_bases():
    assert client_ops.tick_bases(None) == {"t": "t0", "f": "f-"}
    tick = DoneTick(date=None, pain_during=3, effort="easy", full_dose=False, spread=True, times=4)
    assert client_ops.tick_bases(tick) == {"t": "t4", "f": "f3.easy.0.y"}
    plain = DoneTick(date=None, pain_during=None, spread=False)
    assert client_ops.tick_bases(plain) == {"t": "t1", "f": "fn.n.1.x"}
    for base in [*client_ops.tick_bases(tick).values(), *client_ops.tick_bases(None).values()]:
        kind = FEEL if base[0] == "f" else TICK
        assert parse(field=OP, base=base, kind=kind)[1] is None, "every base the page prints is accepted"


def test_a_day_without_an_entry_has_the_empty_check_in():
    assert client_ops.checkin_base(None) == client_ops.checkin_base(Day())
    assert client_ops.checkin_base(Day(pain=4)) != client_ops.checkin_base(Day())
    assert client_ops.checkin_base(Day(notes="a")) != client_ops.checkin_base(Day(notes="b"))
    assert client_ops.checkin_base(Day(leg_symptoms=False)) != client_ops.checkin_base(Day())
    base = client_ops.checkin_base(Day(pain=10, leg_symptoms=True, notes="ünïcode " * 300))
    assert parse(field=OP, base=base, kind=CHECKIN)[1] is None


def test_the_current_base_by_its_letter():
    tick = DoneTick(date=None, pain_during=2, times=2)
    assert client_ops.current_base("t", tick=tick) == "t2"
    assert client_ops.current_base("f", tick=tick) == "f2.n.1.n"
    assert client_ops.current_base("c", entry=None) == client_ops.checkin_base(None)
