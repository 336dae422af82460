"""The server's push send (reminders/push.py) against a fake push service on loopback: a tiny
http.server thread on 127.0.0.1 that records each request and answers what the test asks (201,
410, 500, or nothing until the client gives up). No test reaches the internet."""

import base64
import importlib
import ipaddress
import json
import socket
import threading
import time
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from django.urls import reverse

from exercises.models import Exercise
from journal import services
from journal.models import Entry
from reminders import channels, content, push, sender
from reminders.models import Channel, Delivery, PushSubscription, Reminder
from tests.conftest import screen_clear
from tests.reminders.push_helpers import Browser

pytestmark = pytest.mark.django_db


class FakePushService:
    """Answers each POST with the next of `answers` (an HTTP status, (status, Location) for a
    redirect, or "hang": no answer for longer than the client waits); records (path, headers,
    body) of every request, a GET's with body b"GET"."""

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
                answer, location = answer if isinstance(answer, tuple) else (answer, None)
                self.send_response(answer)
                if location:
                    self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_GET(self):
                service.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}, b"GET"))
                self.send_response(200)
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
def service(settings):
    """The fake push service, and the two settings that let a send reach it (test-only: loopback
    is neither on the real push services' list nor a global address)."""
    settings.PUSH_SERVICE_HOSTS = ["127.0.0.1"]
    settings.PUSH_ALLOW_PRIVATE_ADDRESSES = True
    fake = FakePushService()
    yield fake
    fake.close()


@pytest.fixture
def vapid(vapid, settings):
    """The shared key pair (tests/reminders/conftest.py), and a short wait for a push service."""
    settings.PUSH_TIMEOUT = 0.5
    return vapid


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
    assert f"({status} gone)" in caplog.text


def test_when_every_subscription_is_gone_the_delivery_fails_for_good(alice, service, vapid):
    subscribe(alice, service)
    service.answers = [410]
    with pytest.raises(channels.Failed, match="^410 gone$"):
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
    assert {"hang": "(timeout)", 500: "(5xx)", 503: "(5xx)", 429: "(4xx)"}[answer] in caplog.text


def test_a_4xx_other_than_gone_is_a_final_failure_and_keeps_the_subscription(alice, service, vapid):
    subscribe(alice, service)
    service.answers = [403]
    with pytest.raises(channels.Failed, match="^4xx$"):
        push.send_push(delivery_for(alice), context_for(alice))
    assert PushSubscription.objects.count() == 1


def test_a_subscription_whose_keys_do_not_encrypt_fails_without_raising_anything_else(alice, service, vapid):
    PushSubscription.objects.create(
        user=alice, endpoint=f"{service.origin}/push/x", p256dh="broken", auth="x"
    )
    with pytest.raises(channels.Failed):
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
    with pytest.raises(channels.Failed, match="VAPID"):
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


# Issue 24, hardening round three: where a push may go, and what is kept of it.


@pytest.fixture
def internal():
    """A second loopback server standing for an internal address a push service redirects to."""
    fake = FakePushService()
    yield fake
    fake.close()


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_never_followed_and_is_a_failed_send(alice, service, internal, vapid, status):
    """Before, requests followed a 307 from a push service: send_reminders POSTed (and on a 303
    GETed) the internal address in its Location."""
    subscribe(alice, service)
    service.answers = [(status, f"{internal.origin}/latest/meta-data/")]
    with pytest.raises(channels.Failed, match="^3xx$"):
        push.send_push(delivery_for(alice), context_for(alice))
    assert len(service.requests) == 1 and internal.requests == []
    assert PushSubscription.objects.count() == 1


def fake_dns(monkeypatch, *answers):
    """socket.getaddrinfo answering each name with the next list of addresses; returns the names
    asked for (an address is not a name: it is read as is)."""
    asked, answers, real = [], list(answers), socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        try:
            ipaddress.ip_address(host)
        except ValueError:
            asked.append(host)
        else:  # urllib3 reading the checked address it was given: no DNS
            return real(host, port, *args, **kwargs)
        addresses = answers.pop(0) if len(answers) > 1 else answers[0]
        return [
            (
                socket.AF_INET6 if ":" in a else socket.AF_INET,
                socket.SOCK_STREAM,
                6,
                "",
                (a, port, 0, 0) if ":" in a else (a, port),
            )
            for a in addresses
        ]

    monkeypatch.setattr(push.socket, "getaddrinfo", getaddrinfo)
    return asked


@pytest.fixture
def connections(monkeypatch):
    """The (address, port) every push connection is opened to; none reaches the network."""
    opened = []

    def create_connection(address, *args, **kwargs):
        opened.append(address)
        raise ConnectionRefusedError("not in tests")

    monkeypatch.setattr(push.connection, "create_connection", create_connection)
    return opened


def subscribe_at(user, endpoint):
    browser = Browser(endpoint)
    PushSubscription.objects.create(user=user, endpoint=endpoint, p256dh=browser.p256dh, auth=browser.auth)
    return browser


@pytest.mark.parametrize(
    "addresses",
    [
        ["10.0.0.5"],
        ["172.16.3.4"],
        ["192.168.1.1"],
        ["127.0.0.1"],
        ["169.254.169.254"],
        ["100.64.0.1"],
        ["0.0.0.0"],
        ["224.0.0.251"],
        ["240.0.0.1"],
        ["::1"],
        ["fe80::1"],
        ["fd00::1"],
        ["::ffff:127.0.0.1"],
        ["ff02::1"],
        ["142.250.74.10", "10.0.0.5"],  # every address must be global, not one of them
    ],
)
def test_an_endpoint_that_resolves_to_a_non_global_address_is_not_sent_to_and_is_removed(
    alice, vapid, monkeypatch, connections, addresses
):
    asked = fake_dns(monkeypatch, addresses)
    subscribe_at(alice, "https://fcm.googleapis.com/fcm/send/abc")
    with pytest.raises(channels.Failed, match="^refused address$"):
        push.send_push(delivery_for(alice), context_for(alice))
    assert asked == ["fcm.googleapis.com"] and connections == []
    assert not PushSubscription.objects.exists()


def test_a_global_address_is_connected_to_as_resolved_once(alice, vapid, monkeypatch, connections):
    """DNS rebinding: the name is resolved once per connection, and the socket goes to the very
    address that was checked; a second answer (loopback) is never asked for."""
    asked = fake_dns(monkeypatch, ["142.250.74.10"], ["127.0.0.1"])
    subscribe_at(alice, "https://fcm.googleapis.com/fcm/send/abc")
    with pytest.raises(channels.NotHandedOver, match="^connection failed$"):
        push.send_push(delivery_for(alice), context_for(alice))
    assert asked == ["fcm.googleapis.com"]
    assert connections == [("142.250.74.10", 443)]
    assert PushSubscription.objects.count() == 1  # retried later, not removed


def test_the_name_is_kept_for_the_request_while_the_socket_goes_to_the_checked_address(
    alice, service, vapid, monkeypatch, settings
):
    settings.PUSH_SERVICE_HOSTS = ["fcm.googleapis.com"]
    asked = fake_dns(monkeypatch, ["127.0.0.1"])
    port = service.server.server_port
    subscribe_at(alice, f"http://fcm.googleapis.com:{port}/fcm/send/abc")
    push.send_push(delivery_for(alice), context_for(alice))
    ((path, headers, _),) = service.requests
    assert asked == ["fcm.googleapis.com"]
    assert path == "/fcm/send/abc" and headers["host"] == f"fcm.googleapis.com:{port}"


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://metadata.google.internal./computeMetadata/v1/",
        "https://db.corp/x",
        "https://127.0.0.1.nip.io/x",
    ],
)
def test_a_row_stored_before_the_list_is_refused_at_send_time_without_a_lookup(
    alice, vapid, monkeypatch, connections, endpoint
):
    asked = fake_dns(monkeypatch, ["142.250.74.10"])
    subscribe_at(alice, endpoint)
    with pytest.raises(channels.Failed, match="^refused address$"):
        push.send_push(delivery_for(alice), context_for(alice))
    assert asked == [] and connections == []
    assert not PushSubscription.objects.exists()


def test_without_the_test_setting_the_loopback_push_service_is_refused(alice, service, vapid, settings):
    settings.PUSH_ALLOW_PRIVATE_ADDRESSES = False
    subscribe(alice, service)
    with pytest.raises(channels.Failed, match="^refused address$"):
        push.send_push(delivery_for(alice), context_for(alice))
    assert service.requests == []


def test_proxies_from_the_environment_are_not_used(alice, service, vapid, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://192.0.2.1:3128")
    monkeypatch.setenv("NO_PROXY", "")
    subscribe(alice, service)
    push.send_push(delivery_for(alice), context_for(alice))
    assert len(service.requests) == 1


@pytest.mark.parametrize(
    "answers, status, detail",
    [
        ([403], "failed", "4xx"),
        ([500], "retry", "5xx"),
        ([410], "failed", "410 gone"),
        ([(307, "http://127.0.0.1:9/x")], "failed", "3xx"),
        (["hang"], "retry", "timeout"),
    ],
)
def test_the_delivery_and_the_export_keep_only_a_status_class(
    screened_alice, client, service, vapid, answers, status, detail
):
    subscribe(screened_alice, service)
    reminder = Reminder.objects.create(user=screened_alice, enabled=True, push_on=True)
    Reminder.objects.filter(pk=reminder.pk).update(updated_at=datetime(2026, 11, 1, tzinfo=UTC))
    service.answers = list(answers)
    sender.run(now=datetime(2026, 11, 30, 19, 5, tzinfo=UTC))
    row = Delivery.objects.get(user=screened_alice, channel=Channel.PUSH, day=date(2026, 11, 30))
    assert (row.status, row.detail) == (status, detail)
    client.force_login(screened_alice)
    exported = client.get(reverse("journal:export_json")).json()["reminders"]
    (delivery,) = [d for d in exported["deliveries"] if d["day"] == "2026-11-30"]
    assert delivery["detail"] == detail
    assert "127.0.0.1" not in json.dumps(exported["deliveries"])


def test_two_devices_keep_their_classes_once_each(alice, service, vapid):
    for name in ("a", "b", "c"):
        subscribe(alice, service, name)
    service.answers = [500, 500, "hang"]
    with pytest.raises(channels.NotHandedOver) as raised:
        push.send_push(delivery_for(alice), context_for(alice))
    assert str(raised.value) == "5xx, timeout"


@pytest.mark.parametrize(
    "status, recorded",
    [
        (201, "2xx"),
        (204, "2xx"),
        (307, "3xx"),
        (400, "4xx"),
        (404, "404 gone"),
        (410, "410 gone"),
        (429, "4xx"),
    ]
    + [(503, "5xx"), (None, "connection failed"), (999, "connection failed")],
)
def test_status_class(status, recorded):
    assert push.status_class(status) == recorded


@pytest.mark.parametrize(
    "address, global_",
    [
        ("142.250.74.10", True),  # holds
        ("2a00:1450:4001:80b::200a", True),
        ("10.0.0.1", False),  # breaks: private
        ("169.254.169.254", False),
        ("::ffff:10.0.0.1", False),  # an IPv4-mapped private address
        ("fe80::1%eth0", False),
        ("224.0.0.1", False),
        ("198.51.100.7", False),  # documentation range: not global
    ],
)
def test_address_global(address, global_):
    assert push.address_global(address) is global_


def test_old_delivery_details_become_status_classes():
    """The data migration (reminders/migrations/0003_push_delivery_detail_status_class.py)."""
    migration = importlib.import_module("reminders.migrations.0003_push_delivery_detail_status_class")
    recorded = migration.recorded
    assert recorded("push.example answered 500; fcm.googleapis.com timed out", "retry") == "5xx, timeout"
    assert recorded("PushFailed: db.corp answered 403; x.example answered 410", "failed") == "4xx, 410 gone"
    assert recorded("db.corp: ConnectionError", "retry") == "connection failed"
    assert (
        recorded("PushFailed: db.corp: Push failed: 302 Found\nResponse body:secret", "failed")
        == "keys not usable"
    )
    assert recorded("late", "skipped") == "late"
    assert recorded("safety screen holds the plan", "skipped") == "safety screen holds the plan"
    assert (
        recorded("PushFailed: the server's VAPID key is not valid", "failed")
        == "the server's VAPID key is not valid"
    )
    assert recorded("something a push service said", "failed") == ""


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
