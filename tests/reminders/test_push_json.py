"""What a browser's subscription must look like (reminders/push_subscription.py): pure, no database."""

import json

import pytest

from reminders import push_subscription
from tests.reminders.push_helpers import Browser


def body(data):
    return json.dumps(data).encode()


def test_a_browsers_subscription_is_accepted():
    browser = Browser("https://fcm.googleapis.com/fcm/send/d1X:APA91b")
    found = push_subscription.parse(body(browser.subscription()))
    assert found == push_subscription.Subscription(browser.endpoint, browser.p256dh, browser.auth)
    padded = browser.subscription(keys={"p256dh": browser.p256dh + "=", "auth": browser.auth + "=="})
    assert push_subscription.parse(body(padded)).p256dh == browser.p256dh
    assert push_subscription.parse(body(browser.subscription(expirationTime=1767225600000))).endpoint


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
    with pytest.raises(push_subscription.Refused):
        push_subscription.parse(body(Browser().subscription(endpoint=endpoint)))


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
    with pytest.raises(push_subscription.Refused):
        push_subscription.parse(raw)


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
    with pytest.raises(push_subscription.Refused):
        push_subscription.parse(body(Browser().subscription(keys=keys)))


@pytest.mark.parametrize(
    "changes", [{"extra": 1}, {"expirationTime": "soon"}, {"expirationTime": True}, {"expirationTime": -5}]
)
def test_other_fields_are_refused(changes):
    with pytest.raises(push_subscription.Refused):
        push_subscription.parse(body(Browser().subscription(**changes)))


def test_an_oversize_body_is_refused_before_it_is_read():
    data = Browser().subscription()
    data["endpoint"] += "x" * push_subscription.BODY_MAX
    with pytest.raises(push_subscription.Refused, match="too large"):
        push_subscription.parse(body(data))


def test_unsubscribe_wants_only_an_endpoint():
    assert (
        push_subscription.parse_endpoint(b'{"endpoint": "https://push.example.net/x"}')
        == "https://push.example.net/x"
    )
    for raw in (
        b"{}",
        b'{"endpoint": 3}',
        b"nope",
        b'{"endpoint": ""}',
        b'{"endpoint": "' + b"x" * 1001 + b'"}',
    ):
        with pytest.raises(push_subscription.Refused):
            push_subscription.parse_endpoint(raw)


# Issue 24: endpoints only on the push services browsers use (settings.PUSH_SERVICE_HOSTS).
DEFAULT_HOSTS_ENDPOINTS = [
    "https://fcm.googleapis.com/fcm/send/d1X:APA91bH",  # Chrome, Edge, Samsung Internet
    "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABl",  # Firefox
    "https://web.push.apple.com/QGuQyavXutnMH8LwXzUo",  # Safari
    "https://wns2-par02p.notify.windows.com/w/?token=BQYAAAB",  # Edge on Windows (WNS)
]
# What the hardening round found stored before: each is refused now.
FOUND_STORED = [
    "https://metadata.google.internal./computeMetadata/v1/",
    "https://kubernetes.default.svc/x",
    "https://LOCALHOST.localdomain/x",
    "https://127.0.0.1.nip.io/x",
    "https://169.254.169.254.nip.io/latest",
    "https://db.corp/x",
]


@pytest.mark.parametrize("endpoint", DEFAULT_HOSTS_ENDPOINTS)
def test_each_push_service_on_the_default_list_is_accepted(endpoint):
    assert push_subscription.parse(body(Browser(endpoint).subscription())).endpoint == endpoint


@pytest.mark.parametrize("endpoint", FOUND_STORED)
def test_an_endpoint_off_the_push_services_list_is_refused(endpoint):
    with pytest.raises(push_subscription.Refused, match="not on a push service"):
        push_subscription.parse(body(Browser(endpoint).subscription()))


@pytest.mark.parametrize(
    "host, allowed",
    [
        ("fcm.googleapis.com", True),  # holds: exactly an entry
        ("fcm.googleapis.com.", False),  # breaks: a trailing dot is refused, not stripped
        ("xfcm.googleapis.com", False),
        ("fcm.googleapis.com.evil.example", False),
        ("wns2-par02p.notify.windows.com", True),  # holds: a label before a `.suffix` entry
        ("notify.windows.com", False),  # breaks: the suffix alone
        ("evil-notify.windows.com", False),  # breaks: the suffix without its dot
        ("wns2-par02p.notify.windows.com.", False),
        ("", False),
    ],
)
def test_host_allowed_matches_exact_names_and_dotted_suffixes(host, allowed):
    hosts = ["fcm.googleapis.com", ".notify.windows.com"]
    assert push_subscription.host_allowed(host, hosts) is allowed


def test_the_list_is_the_setting_and_a_host_added_to_it_is_accepted():
    endpoint = "https://push.example.net/send/abc"
    with pytest.raises(push_subscription.Refused):
        push_subscription.parse(body(Browser(endpoint).subscription()))
    assert push_subscription.parse(
        body(Browser(endpoint).subscription()), hosts=["push.example.net"]
    ).endpoint


# Issue 24: text a database cannot hold, and trees the parser cannot walk, are refused (never a 500).
UNREADABLE_BODIES = [
    b"[" * 2000 + b"]" * 2000,  # within BODY_MAX, deeper than the parser recurses
    b'{"endpoint": ' + b"[" * 1500 + b"]" * 1500 + b"}",
    b'{"endpoint": "https://fcm.googleapis.com/fcm/send/\xed\xa0\x80"}',  # a raw lone surrogate
    b'{"endpoint": "https://fcm.googleapis.com/fcm/send/\\ud800"}',  # an escaped one
    b'{"endpoint": "https://fcm.googleapis.com/fcm/send/x\x00"}',  # a raw NUL
    b'{"endpoint": "https://fcm.googleapis.com/fcm/send/x\\u0000"}',  # an escaped NUL
    b'{"endpoint\\u0000": "https://fcm.googleapis.com/fcm/send/x"}',  # in a key
    b'{"endpoint": "https://fcm.googleapis.com/fcm/send/x", "keys": {"auth": "\\udfff"}}',
]


@pytest.mark.parametrize("raw", UNREADABLE_BODIES)
def test_nul_lone_surrogates_and_deep_nesting_are_refused_by_both_parsers(raw):
    with pytest.raises(push_subscription.Refused):
        push_subscription.parse(raw)
    with pytest.raises(push_subscription.Refused):
        push_subscription.parse_endpoint(raw)


def test_a_subscription_holding_nul_or_a_surrogate_is_refused_though_the_rest_is_a_browsers():
    browser = Browser()
    good = browser.subscription()
    assert push_subscription.parse(body(good))  # holds
    for bad in (good["endpoint"] + "\x00", good["endpoint"] + "\ud800"):
        with pytest.raises(push_subscription.Refused, match="characters a browser never sends"):
            push_subscription.parse(json.dumps({**good, "endpoint": bad}).encode())
