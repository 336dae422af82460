"""Print a fresh VAPID key pair for Web Push (docs/reminders.md, "Push"), as the environment
variables the settings read. Keep the private key secret; changing the pair later makes every
browser's subscription useless (users turn push on again)."""

import base64

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.management.base import BaseCommand


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def new_pair():
    """(public, private): the uncompressed P-256 public point (65 bytes) and the raw private
    number (32 bytes), each in URL-safe base64 without padding, the forms browsers and pywebpush use."""
    key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_numbers().private_value.to_bytes(32, "big")
    public = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return b64url(public), b64url(private)


class Command(BaseCommand):
    help = "Print a fresh VAPID key pair for Web Push reminders, as environment variables."

    def handle(self, *args, **options):
        public, private = new_pair()
        self.stdout.write(f"VAPID_PUBLIC_KEY={public}")
        self.stdout.write(f"VAPID_PRIVATE_KEY={private}")
        self.stdout.write("# An address push services may write to about this sender (mailto: or https:):")
        self.stdout.write("VAPID_SUBJECT=mailto:you@example.org")
