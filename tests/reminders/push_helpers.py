"""A browser's side of Web Push for the tests: its key pair and auth secret, its subscription JSON,
and the decryption of what a push service received (RFC 8291, aes128gcm)."""

import base64
import os

import http_ece
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from reminders.management.commands.vapid_keys import new_pair


def b64url(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class Browser:
    def __init__(self, endpoint="https://fcm.googleapis.com/fcm/send/abc123"):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.auth_secret = os.urandom(16)
        self.endpoint = endpoint

    @property
    def p256dh(self):
        return b64url(
            self.key.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        )

    @property
    def auth(self):
        return b64url(self.auth_secret)

    def subscription(self, **changes):
        data = {
            "endpoint": self.endpoint,
            "expirationTime": None,
            "keys": {"p256dh": self.p256dh, "auth": self.auth},
        }
        data.update(changes)
        return data

    def decrypt(self, body):
        return http_ece.decrypt(body, private_key=self.key, auth_secret=self.auth_secret, version="aes128gcm")


def vapid_settings(settings):
    public, private = new_pair()
    settings.VAPID_PUBLIC_KEY = public
    settings.VAPID_PRIVATE_KEY = private
    settings.VAPID_SUBJECT = "mailto:reminders@backcare.test"
    return public
