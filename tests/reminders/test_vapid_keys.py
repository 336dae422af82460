"""`manage.py vapid_keys` prints a pair pywebpush signs with and browsers subscribe with."""

import base64
from io import StringIO

from cryptography.hazmat.primitives import serialization
from django.core.management import call_command
from py_vapid import Vapid


def test_the_printed_pair_belongs_together_and_has_the_forms_push_needs():
    out = StringIO()
    call_command("vapid_keys", stdout=out)
    lines = dict(line.split("=", 1) for line in out.getvalue().splitlines() if not line.startswith("#"))
    public, private = lines["VAPID_PUBLIC_KEY"], lines["VAPID_PRIVATE_KEY"]
    assert len(public) == 87 and len(private) == 43 and "=" not in public + private
    raw = base64.urlsafe_b64decode(public + "=")
    assert len(raw) == 65 and raw[0] == 4  # an uncompressed point: the browser's applicationServerKey
    derived = Vapid.from_string(private_key=private).public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    assert derived == raw
    assert lines["VAPID_SUBJECT"].startswith("mailto:")
    again = StringIO()
    call_command("vapid_keys", stdout=again)
    assert again.getvalue() != out.getvalue()
