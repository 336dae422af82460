"""The server's push send (reminders/push.py) against a fake push service on loopback: a tiny
http.server thread on 127.0.0.1 that records each request and answers what the test asks (201,
410, 500, or nothing until the client gives up). No test reaches the internet."""

import base64
import json
import threading
import time
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from exercises.models import Exercise
from journal import services
from journal.models import Entry
from reminders import channels, content, push, sender
from reminders.models import Channel, Delivery, PushSubscription, Reminder
from tests.conftest import screen_clear
from tests.reminders.push_helpers import Browser, vapid_settings

pytestmark = pytest.mark.django_db


class FakePushService:
    """Answers each POST with the next of `answers` (an HTTP status, or "hang": no answer for
    longer than the client waits); records (path, headers, body)."""

    def __init__(self):
        self.requests, self.answers = [], []
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                service.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                answer = service.answers.pop(0) if service.answers else 201
                if answer == "hang":
                    time.sleep(1.5)
                    answer = 201
                self.send_response(answer)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.origin = f"http://127.0.0.1:{self.server.server_port}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def service():
    fake = FakePushService()
    yield fake
    fake.close()


@pytest.fixture
def vapid(settings):
    settings.PUSH_TIMEOUT = 0.5
    return vapid_settings(settings)


def subscribe(user, service, name="device"):
    browser = Browser(f"{service.origin}/push/{name}")
    PushSubscription.objects.create(
        user=user, endpoint=browser.endpoint, p256dh=browser.p256dh, auth=browser.auth
    )
    return browser


def delivery_for(user, day=date(2026, 11, 30)):
    now = datetime(2026, 11, 30, 19, 0, tzinfo=UTC)
    return Delivery(user=user, day=day, channel=Channel.PUSH, due_at=now, claimed_at=now)  # as claimed


def context_for(user, **decision):
    decision = {
        "send": True,
        "kind": content.Kind.PLAN,
        "checkin": True,
        "exercises": ("Bridging",),
        **decision,
    }
    return channels.Context(
        user=user,
        reminder=Reminder(user=user),
        day=date(2026, 11, 30),
        decision=content.Decision(**decision),
        today_url="https://backcare.test/today/",
        settings_url="https://backcare.test/settings/",
    )


def b64decode(value):
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))


def check_vapid(authorization, public_key, audience):
    """`vapid t=<JWT>,k=<key>` (RFC 8292): the JWT signed with ES256 by the VAPID key, for the push
    service's origin, from our subject, expiring within a day."""
    scheme, _, params = authorization.partition(" ")
    assert scheme == "vapid"
    fields = dict(part.split("=", 1) for part in params.split(","))
    assert fields["k"].rstrip("=") == public_key
    head, claims, signature = fields["t"].split(".")
    raw = b64decode(signature)
    key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64decode(public_key))
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    try:
        key.verify(der, f"{head}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:  # pragma: no cover - the assertion below says what failed
        pytest.fail("the VAPID JWT's signature does not verify with VAPID_PUBLIC_KEY")
    assert json.loads(b64decode(head)) == {"typ": "JWT", "alg": "ES256"}
    claims = json.loads(b64decode(claims))
    assert claims["aud"] == audience
    assert claims["sub"] == "mailto:reminders@backcare.test"
    assert time.time() < claims["exp"] <= time.time() + 24 * 3600


def test_a_push_is_signed_encrypted_and_taken(alice, service, vapid):
    browser = subscribe(alice, service)
    service.answers = [201]
    result = push.send_push(delivery_for(alice), context_for(alice))
    assert result.status == push.SENT and result.sent == 1
    ((path, headers, body),) = service.requests
    assert path == "/push/device"
    check_vapid(headers["authorization"], vapid, service.origin)
    assert headers["ttl"] == str(push.TTL)
    assert headers["content-encoding"] == "aes128gcm"
    assert headers["urgency"] == "normal" and headers["topic"] == push.TOPIC
    assert b"Bridging" not in body  # encrypted for the browser
    message = json.loads(browser.decrypt(body))
    assert message == {
        "title": "BackCare: today's plan",
        "body": "Still to do today: Bridging and your pain check-in.",
        "url": "https://backcare.test/today/",
        "tag": push.TOPIC,
    }
    assert PushSubscription.objects.get().last_sent_at is not None


@pytest.mark.parametrize("status", [404, 410])
def test_a_subscription_the_push_service_says_is_gone_is_deleted(alice, service, vapid, status, caplog):
    subscribe(alice, service, "gone")
    kept = subscribe(alice, service, "kept")
    service.answers = [status, 201]
    result = push.send_push(delivery_for(alice), context_for(alice))
    assert result.status == push.SENT and result.gone == 1
    assert list(PushSubscription.objects.values_list("endpoint", flat=True)) == [kept.endpoint]
    assert f"answered {status}" in caplog.text


def test_when_every_subscription_is_gone_the_delivery_fails_for_good(alice, service, vapid):
    subscribe(alice, service)
    service.answers = [410]
    with pytest.raises(push.PushFailed, match="410"):
        push.send_push(delivery_for(alice), context_for(alice))
    assert not PushSubscription.objects.exists()


@pytest.mark.parametrize("answer", ["hang", 500, 503, 429])
def test_a_timeout_or_a_server_error_is_retryable_and_keeps_the_subscription(
    alice, service, vapid, answer, caplog
):
    subscribe(alice, service)
    service.answers = [answer]
    started = time.monotonic()
    with pytest.raises(channels.NotHandedOver):
        push.send_push(delivery_for(alice), context_for(alice))
    assert time.monotonic() - started < 1.4  # gave up after PUSH_TIMEOUT, did not wait for the answer
    assert PushSubscription.objects.count() == 1
    assert "timed out" in caplog.text if answer == "hang" else f"answered {answer}" in caplog.text


def test_a_4xx_other_than_gone_is_a_final_failure_and_keeps_the_subscription(alice, service, vapid):
    subscribe(alice, service)
    service.answers = [403]
    with pytest.raises(push.PushFailed, match="403"):
        push.send_push(delivery_for(alice), context_for(alice))
    assert PushSubscription.objects.count() == 1


def test_a_subscription_whose_keys_do_not_encrypt_fails_without_raising_anything_else(alice, service, vapid):
    PushSubscription.objects.create(
        user=alice, endpoint=f"{service.origin}/push/x", p256dh="broken", auth="x"
    )
    with pytest.raises(push.PushFailed):
        push.send_push(delivery_for(alice), context_for(alice))
    assert service.requests == []


def test_nothing_to_send_to_is_a_skip(alice, settings, service, vapid):
    with pytest.raises(channels.Skip, match="no device"):
        push.send_push(delivery_for(alice), context_for(alice))
    subscribe(alice, service)
    settings.VAPID_PRIVATE_KEY = ""
    with pytest.raises(channels.Skip, match="not set up"):
        push.send_push(delivery_for(alice), context_for(alice))
    assert service.requests == []


def test_a_bad_vapid_key_is_a_final_failure(alice, settings, service, vapid):
    subscribe(alice, service)
    settings.VAPID_PRIVATE_KEY = "not-a-key"
    with pytest.raises(push.PushFailed, match="VAPID"):
        push.send_push(delivery_for(alice), context_for(alice))


@pytest.mark.parametrize(
    "decision, words",
    [
        ({"kind": content.Kind.SCREEN, "exercises": (), "checkin": False}, "safety questions"),
        ({"kind": content.Kind.REST, "exercises": ()}, "rest day"),
        (
            {"kind": content.Kind.GENTLE, "exercises": ("Belly breathing",), "checkin": False},
            "only what feels OK",
        ),
        ({"exercises": tuple(f"Exercise {n}" for n in range(40))}, "…"),
    ],
)
def test_the_message_says_the_days_reminder_briefly(alice, decision, words):
    message = push.message(context_for(alice, **decision))
    assert words in message["body"]
    assert len(message["body"]) <= push.BODY_MAX


def test_send_reminders_sends_by_push_once_through_the_registry(alice, service, vapid):
    """The sender (reminders/sender.py) claims the push delivery and calls send_push; a second run
    sends nothing more."""
    screen_clear(alice)
    browser = subscribe(alice, service)
    reminder = Reminder.objects.create(user=alice, enabled=True, push_on=True)
    Reminder.objects.filter(pk=reminder.pk).update(updated_at=datetime(2026, 11, 1, tzinfo=UTC))
    now = datetime(2026, 11, 30, 19, 5, tzinfo=UTC)  # 19:05 in London, the default time is 19:00
    outcomes = sender.run(now=now)
    assert outcomes["sent"] == 1
    assert (
        Delivery.objects.get(user=alice, channel=Channel.PUSH, day=date(2026, 11, 30)).status
        == Delivery.Status.SENT
    )
    assert json.loads(browser.decrypt(service.requests[0][2]))["url"].endswith("/today/")
    sender.run(now=now)
    assert len(service.requests) == 1


def test_send_reminders_keeps_a_timed_out_push_for_a_retry(alice, service, vapid):
    screen_clear(alice)
    subscribe(alice, service)
    reminder = Reminder.objects.create(user=alice, enabled=True, push_on=True)
    Reminder.objects.filter(pk=reminder.pk).update(updated_at=datetime(2026, 11, 1, tzinfo=UTC))
    service.answers = ["hang"]
    sender.run(now=datetime(2026, 11, 30, 19, 5, tzinfo=UTC))
    assert (
        Delivery.objects.get(user=alice, channel=Channel.PUSH, day=date(2026, 11, 30)).status
        == Delivery.Status.RETRY
    )
    service.answers = [201]
    sender.run(now=datetime(2026, 11, 30, 19, 20, tzinfo=UTC))
    assert (
        Delivery.objects.get(user=alice, channel=Channel.PUSH, day=date(2026, 11, 30)).status
        == Delivery.Status.SENT
    )


def test_a_flare_day_push_asks_for_the_gentle_set_never_the_plan(alice, service, vapid):
    """reminders/content.py: a flare day's notification gives the reason and the gentle set."""
    screen_clear(alice, day=date(2026, 11, 1))
    hyper = Exercise.objects.select_related("progression").get(slug="reverse-hyper-ball")
    services.plan_set_level(
        user=alice, progression=hyper.progression, exercise=hyper, today=date(2026, 11, 1)
    )
    day = date(2026, 11, 30)
    Entry.objects.bulk_create(Entry(user=alice, date=day - timedelta(days=n), pain=2) for n in range(1, 8))
    Entry.objects.create(user=alice, date=day, pain=7)
    browser = subscribe(alice, service)
    reminder = Reminder.objects.create(user=alice, enabled=True, push_on=True)
    Reminder.objects.filter(pk=reminder.pk).update(updated_at=datetime(2026, 11, 1, tzinfo=UTC))
    assert sender.run(now=datetime(2026, 11, 30, 19, 5, tzinfo=UTC))["sent"] == 1
    payload = json.loads(browser.decrypt(service.requests[0][2]))
    assert payload["title"] == "BackCare: take it gently today"
    assert payload["body"].startswith("Your pain today is much higher than usual: take it gently.")
    assert "the gentle set" in payload["body"] and "Belly breathing with feet up" in payload["body"]
    assert "Reverse hyper" not in payload["body"] and "cat/cow" not in payload["body"]
    assert len(payload["body"]) <= push.BODY_MAX
