"""What a browser's subscription must look like (reminders/push_json.py): pure, no database."""

import json

import pytest

from reminders import push_json
from tests.reminders.push_helpers import Browser


def body(data):
    return json.dumps(data).encode()


def test_a_browsers_subscription_is_accepted():
    browser = Browser("https://fcm.googleapis.com/fcm/send/d1X:APA91b")
    found = push_json.parse(body(browser.subscription()))
    assert found == push_json.Subscription(browser.endpoint, browser.p256dh, browser.auth)
    padded = browser.subscription(keys={"p256dh": browser.p256dh + "=", "auth": browser.auth + "=="})
    assert push_json.parse(body(padded)).p256dh == browser.p256dh
    assert push_json.parse(body(browser.subscription(expirationTime=1767225600000))).endpoint


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://push.example.net/send/abc",
        "ftp://push.example.net/x",
        "https://127.0.0.1/send",
        "https://10.0.0.8/send",
        "https://[::1]/send",
        "https://localhost/send",
        "https://push/send",
        "https://push.example.net:8443/send",
        "https://user:pw@push.example.net/send",
        "https://push.example.net/send#frag",
        "https://printer.local/send",
        "https://metadata.internal/latest",
        "https://push.example.net/" + "x" * 1000,
        "",
        None,
        42,
        "javascript:alert(1)",
    ],
)
def test_an_endpoint_that_is_not_a_push_services_https_address_is_refused(endpoint):
    with pytest.raises(push_json.Refused):
        push_json.parse(body(Browser().subscription(endpoint=endpoint)))


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"not json",
        b"[]",
        b"null",
        b'"https://push.example.net/x"',
        b"\xff\xfe",
        b"{" * 5000,
    ],
)
def test_what_is_not_a_subscription_is_refused(raw):
    with pytest.raises(push_json.Refused):
        push_json.parse(raw)


def bad_keys():
    browser = Browser()
    good = {"p256dh": browser.p256dh, "auth": browser.auth}
    return [
        {"p256dh": good["p256dh"]},
        {"auth": good["auth"]},
        {**good, "extra": "x"},
        {**good, "p256dh": "A" * 87},  # 65 bytes, not a point on the curve
        {**good, "p256dh": good["p256dh"][:-4]},
        {**good, "p256dh": "!!!!"},
        {**good, "p256dh": 12},
        {**good, "auth": good["auth"] + "AAAA"},
        {**good, "auth": ""},
        {**good, "auth": "x" * 5000},
        "keys",
        None,
    ]


@pytest.mark.parametrize("keys", bad_keys())
def test_keys_that_are_not_a_browsers_are_refused(keys):
    with pytest.raises(push_json.Refused):
        push_json.parse(body(Browser().subscription(keys=keys)))


@pytest.mark.parametrize(
    "changes", [{"extra": 1}, {"expirationTime": "soon"}, {"expirationTime": True}, {"expirationTime": -5}]
)
def test_other_fields_are_refused(changes):
    with pytest.raises(push_json.Refused):
        push_json.parse(body(Browser().subscription(**changes)))


def test_an_oversize_body_is_refused_before_it_is_read():
    data = Browser().subscription()
    data["endpoint"] += "x" * push_json.BODY_MAX
    with pytest.raises(push_json.Refused, match="too large"):
        push_json.parse(body(data))


def test_unsubscribe_wants_only_an_endpoint():
    assert (
        push_json.parse_endpoint(b'{"endpoint": "https://push.example.net/x"}')
        == "https://push.example.net/x"
    )
    for raw in (
        b"{}",
        b'{"endpoint": 3}',
        b"nope",
        b'{"endpoint": ""}',
        b'{"endpoint": "' + b"x" * 1001 + b'"}',
    ):
        with pytest.raises(push_json.Refused):
            push_json.parse_endpoint(raw)
