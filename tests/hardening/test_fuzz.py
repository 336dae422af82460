"""A property-based fuzzer over every input of the app.

It finds the inputs itself, so pages added later are fuzzed without editing this file: every URL
pattern from the resolver (its parameters filled with generated values), and every POST form the
pages render (their action and field names, read from the HTML). As an anonymous visitor, as the
signed-in owner and as a different signed-in user, it sends generated values and asserts: no 5xx,
no saved row that breaks its model's rules (`full_clean`), and the other user's data unchanged.

Derandomized with no per-example deadline, so CI runs the same examples every time; to explore,
run it locally with `derandomize=False` and more examples, and pin what it finds with @example.
"""

import contextlib
import json
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from backcare.models import User
from journal.days import first_day
from journal.models import (
    ClientOperation,
    Entry,
    PlanItem,
    SafetyScreen,
    ShareLink,
    Tick,
)
from journal.services import share_link_create
from learn.models import LessonRead
from reminders import push_subscription
from reminders.models import PushSubscription, Reminder
from tests.backcare.test_urls import all_named_patterns
from tests.conftest import PASSWORD, make_ready_for_level_up, make_user, owned_rows, screen_clear
from tests.hardening.test_isolation import sample_kwargs
from tests.reminders.push_helpers import Browser, vapid_settings

pytestmark = pytest.mark.django_db

SKIP = {"logout"}  # ends the session the fuzzer is using; its refusal of GET is tested elsewhere

VALUES = st.one_of(
    st.integers(min_value=-3, max_value=13).map(str),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.sampled_from(["", "0", "11", "-1", "1e309", "NaN", "3.5", "0x10", " 4 ", "٣", "true", "None"]),
    st.sampled_from(["0001-01-01", "9999-12-31", "2026-02-30", "20260105", "2026-W02-1", "1900-01-01"]),
    st.text(max_size=40),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=31), max_size=10),
    st.integers(min_value=1, max_value=5000).map(lambda n: "x" * n),
    st.sampled_from(
        ["<script>alert(1)</script>", "'; DROP TABLE journal_entry; --", "../../etc/passwd", "\u202e"]
    ),
)
PATH_VALUES = st.one_of(
    st.from_regex(r"[A-Za-z0-9_-]{1,30}", fullmatch=True),
    st.sampled_from(["0", "-1", "99999999999999999999", "0001-01-01", "9999-12-31", "2026-13-45", "x" * 300]),
)


class _Forms(HTMLParser):
    """POST forms of a page: (action, [field names])."""

    def __init__(self):
        super().__init__()
        self.forms, self._current = [], None
        self.seen = {}  # field name -> the values the page offers (choices, hidden values)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._current = (attrs.get("action") or "", [])
            self.forms.append(self._current)
        elif (
            self._current
            and tag in ("input", "select", "textarea")
            and attrs.get("name", "csrfmiddlewaretoken") != "csrfmiddlewaretoken"
        ):
            self._current[1].append(attrs["name"])
            self._field = attrs["name"]
            if attrs.get("value"):
                self.seen.setdefault(attrs["name"], set()).add(attrs["value"])
        elif self._current and tag == "option" and attrs.get("value") and getattr(self, "_field", None):
            self.seen.setdefault(self._field, set()).add(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def discover(client, owner):
    """Every (method, url, field names) the app offers: URL patterns, then the forms pages render."""
    targets, seen = {}, {}
    for name, pattern in all_named_patterns():
        if name in SKIP or name.startswith("admin:"):
            continue
        kwargs = sample_kwargs(owner, pattern)
        url = reverse(name, kwargs=kwargs)
        targets[(name, url)] = set()
        response = client.get(url)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            parser = _Forms()
            parser.feed(response.content.decode())
            for action, fields in parser.forms:
                targets.setdefault(_target_of(action or url), set()).update(fields)
            for field, values in parser.seen.items():
                seen.setdefault(field, set()).update(values)
    found = [
        (name, url, sorted(fields), _pattern(name))
        for (name, url), fields in targets.items()
        if name not in SKIP
    ]
    return found, {field: sorted(values) for field, values in seen.items()}


def _target_of(action):
    """A form's action as the URL pattern it reaches, so the fuzzer varies its parameters too."""
    try:
        match = resolve(action)
    except Resolver404:
        return ("form", action)
    return (match.view_name, action) if match.url_name else ("form", action)


def _pattern(name):
    return dict(all_named_patterns()).get(name)


@pytest.fixture
def world(db):
    owner, other = _user("owner"), _user("other")
    client = Client()
    client.force_login(owner)
    return owner, other, *discover(client, owner)


def _user(name):
    """The user `name` with a plan and two weeks of diary, made again if an example deleted it (the
    fuzzer sends the right password to account deletion too)."""
    user = User.objects.filter(username=name).first()
    if user is None:
        user = make_user(name)
        screen_clear(user)
        make_ready_for_level_up(user)  # two weeks of diary, and a suggestion card with its forms
        share_link_create(  # a link the share page lists with its withdraw form
            user=user, display_name=name, days=7, show_notes=False, show_safety=False, now=timezone.now()
        )
        # E-mail reminders waiting for the address's confirmation: settings shows "send it again".
        Reminder.objects.create(user=user, enabled=True, email_on=True, email=user.email)
    return user


def _rows_keep_their_rules(user):
    for model, rows in (
        (Entry, Entry.objects.filter(user=user)),
        (Tick, Tick.objects.filter(entry__user=user)),
        (PlanItem, PlanItem.objects.filter(user=user)),
        (SafetyScreen, SafetyScreen.objects.filter(user=user)),
        (ShareLink, ShareLink.objects.filter(user=user)),
        (LessonRead, LessonRead.objects.filter(user=user)),
        (Reminder, Reminder.objects.filter(user=user)),
        (ClientOperation, ClientOperation.objects.filter(user=user)),
    ):
        for row in rows:
            row.full_clean(validate_constraints=True)
            if model is Entry:
                assert first_day(user) <= row.date <= user.local_today() + timedelta(days=1), row.date
    if User.objects.filter(pk=user.pk).exists():
        User.objects.get(pk=user.pk).full_clean(exclude=["password"])


# Real dates across the calendar (far past, far future, around today), and other spellings of them.
DAYS = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.integers(min_value=-800, max_value=3).map(
        lambda n: (timezone.localdate() - timedelta(days=n)).isoformat()
    ),
    st.dates().map(lambda d: d.strftime("%Y%m%d")),
)
# Fields only the pages' scripts send (static/js/offline-queue.js: a write's operation id and base,
# journal/client_ops.py), with values they would send; the fuzzer's own values the other half.
SCRIPT_FIELDS = {
    "client_op": ["0b4f3c2e-6a1d-4c8e-9f00-1234567890ab", "0B4F3C2E6A1D4C8E9F001234567890AB"],
    "base": ["t0", "t1", "t3", "f-", "fn.n.1.n", "cn.n.00000000"],
}
PATH_PARAMS = [
    "day",
    "exercise",
    "slug",
    "progression",
    "pk",
    "uidb64",
    "token",
    "share_token",
    "lesson",
    "step",
]


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    # No shrinking: one example sends a request to every input, so a smaller failing example costs
    # minutes to find; the failure already names the URL, the visitor and the values.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(data=st.data())
def test_no_input_breaks_the_app_or_reaches_another_user(world, data):
    """Each example: one visitor, one set of generated values, sent to every input of the app."""
    _, _, targets, seen = world
    owner, other = _user("owner"), _user("other")
    who = data.draw(st.sampled_from(["owner", "owner", "other", "anonymous"]), label="who")
    path = {param: data.draw(PATH_VALUES, label=param) for param in PATH_PARAMS}
    path["day"] = data.draw(st.one_of(DAYS, PATH_VALUES), label="day")
    # Otherwise the URLs name the owner's own objects: what a different user must not reach.
    fuzz_path = data.draw(st.booleans(), label="fuzz the URLs")
    fields = sorted({field for *_, names, _ in targets for field in names} | set(SCRIPT_FIELDS))
    # Half the time a value the page itself offers (a choice, a hidden value), so the fuzzer gets past
    # the first check of a form and reaches the ones behind it.
    values = {
        field: data.draw(
            st.one_of(st.sampled_from(offered), VALUES)
            if (offered := seen.get(field) or SCRIPT_FIELDS.get(field))
            else VALUES,
            label=field,
        )
        for field in fields
    }
    if data.draw(st.booleans(), label="right password"):
        values.update({f: PASSWORD for f in fields if "password" in f})

    client = Client()
    acting = {"owner": owner, "other": other}.get(who)
    if acting:
        client.force_login(acting)
    watched = other if who != "other" else owner
    before = owned_rows(watched)

    for name, url, _fields, pattern in targets:
        if fuzz_path and pattern is not None and pattern.pattern.converters:
            with contextlib.suppress(NoReverseMatch):  # a value its converter refuses: the sample URL
                url = reverse(name, kwargs={p: path[p] for p in pattern.pattern.converters})
        # Every field the app has, not only this form's: a form shown only in some state (a
        # suggestion's answer) is still reached, and extra fields must be ignored.
        payload = values
        for method in ("post", "get"):
            caches["default"].clear()  # reach the forms, not the per-address limits
            response = getattr(client, method)(url, payload)
            if response.streaming:
                b"".join(response.streaming_content)
            assert response.status_code < 500, f"{method.upper()} {url} as {who}: {response.status_code}"
        if acting and not User.objects.filter(pk=acting.pk).exists():
            break  # the account was deleted with the right password: nothing left to send as it

    assert owned_rows(watched) == before, f"as {who}: another user's data changed"
    for user in (owner, other):
        if User.objects.filter(pk=user.pk).exists():
            _rows_keep_their_rules(User.objects.get(pk=user.pk))


def test_the_fuzzer_finds_the_apps_inputs(world):
    owner, _, targets, seen = world
    assert "7" in seen["pain"]
    names = {name for name, *_ in targets}
    assert {"journal:today", "journal:tick", "settings", "signup", "journal:safety"} <= names
    # The forms issue 24 names: reminders, PSFS, share (the push JSON endpoints have their own test below).
    assert {
        "reminders:settings",
        "reminders:resend",
        "journal:psfs",
        "journal:share",
        "journal:share_revoke",
    } <= names
    every_field = {f for _, _, fields, _ in targets for f in fields}
    assert "pain" in next(fields for name, _, fields, _ in targets if name == "journal:checkin" and fields)
    assert {"pain", "notes", "leg_symptoms", "time_zone", "email"} <= every_field


# The push JSON endpoints (static/js/push.js; reminders/push_subscription.py) read a raw body, not a form:
# arbitrary bytes, JSON trees (surrogates and NUL included, some written as raw UTF-8 with
# surrogates passed through), deep nesting, and a browser's subscription with one field replaced.
JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(
        ["\x00", "\ud800", "\udfff", "https://fcm.googleapis.com/fcm/send/x\x00", "https://a.internal./x"]
    ),
)
JSON_TREES = st.recursive(
    JSON_LEAVES,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


def _encoded(tree, ascii_only):
    return json.dumps(tree, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


def _subscription_with(field, value):
    data = Browser().subscription()
    if field.startswith("keys."):
        data["keys"][field[5:]] = value
    else:
        data[field] = value
    return data


PUSH_BODIES = st.one_of(
    st.builds(lambda: json.dumps(Browser().subscription()).encode()),  # a browser's: stored
    st.binary(max_size=600),
    st.builds(_encoded, JSON_TREES, st.booleans()),
    st.integers(min_value=1, max_value=3000).map(lambda n: b"[" * n + b"]" * n),
    st.builds(
        _encoded,
        st.builds(
            _subscription_with,
            st.sampled_from(["endpoint", "expirationTime", "keys", "extra", "keys.p256dh", "keys.auth"]),
            JSON_TREES,
        ),
        st.booleans(),
    ),
)
PUSH_URLS = ["reminders:push_subscribe", "reminders:push_unsubscribe"]


@pytest.fixture
def push_world(db, settings):
    vapid_settings(settings)
    owner, other = make_user("pushowner"), make_user("pushother")
    PushSubscription.objects.create(
        user=other, endpoint="https://fcm.googleapis.com/fcm/send/other", p256dh="k", auth="a"
    )
    client = Client()
    client.force_login(owner)
    return owner, other, client


@settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=PUSH_BODIES)
def test_no_body_breaks_the_push_json_endpoints(push_world, body):
    """Never a 5xx; what is stored is a subscription on an allowed push service; the other user's
    subscription stays."""
    owner, other, client = push_world
    for name in PUSH_URLS:
        response = client.post(reverse(name), body, content_type="application/json")
        assert response.status_code in (200, 400, 404, 409), (
            f"{name}: {response.status_code} for {body[:80]!r}"
        )
        assert response.json()["ok"] is (response.status_code == 200)
    for row in PushSubscription.objects.filter(user=owner):
        row.full_clean()
        push_subscription.check_endpoint(row.endpoint)
    assert list(PushSubscription.objects.filter(user=other).values_list("endpoint", flat=True)) == [
        "https://fcm.googleapis.com/fcm/send/other"
    ]


# ---- The PSFS form and the share form (create, withdraw), fuzzed field by field. ----
# What is drawn never depends on the database (Hypothesis replays draws): an object is drawn as a
# kind and a number, and the number picks among the rows the example finds.

FUZZ_ONE_FORM = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
BOXES = st.one_of(st.sampled_from(["on", "", "true", "off", "0"]), VALUES)
GOOD_NAMES = st.sampled_from(
    ["Lifting my child", "Walking the dog", "Sitting at work", "  Gardening  ", "Dr Smith", "Ana Ç."]
)
MOSTLY = st.sampled_from([True, True, True, False])  # a value the form accepts, else a fuzzed one


def _mostly(data, good, label):
    """A value from `good` three times in four (so examples reach the service), else from VALUES."""
    return data.draw(good if data.draw(MOSTLY, label=f"{label} acceptable?") else VALUES, label=label)


def _pick(kind_and_number, mine, theirs):
    kind, number = kind_and_number
    rows = {"mine": mine, "theirs": theirs}.get(kind)
    return rows[number % len(rows)] if rows else number


def _psfs_rows(user):
    from journal.models import PsfsActivity, PsfsRating, PsfsRound

    return (
        list(PsfsActivity.objects.filter(user=user).values_list("pk", "name", "retired_on")),
        list(PsfsRound.objects.filter(user=user).values_list("taken_on", "skipped")),
        list(PsfsRating.objects.filter(round__user=user).values_list("activity_id", "rating")),
    )


@pytest.fixture
def psfs_world(db):
    """Two users with a first PSFS round each (two activities), and a third without one."""
    from journal.services import psfs_record

    users = {name: _user(name) for name in ("owner", "other", "newcomer")}
    for name in ("owner", "other"):
        user = users[name]
        psfs_record(
            user=user,
            today=user.local_today() - timedelta(days=20),
            ratings={},
            retire=set(),
            new=[(f"{name} lifting", 4), (f"{name} sitting", 6)],
        )
    return users


@FUZZ_ONE_FORM
@given(data=st.data())
def test_the_psfs_form_never_breaks(psfs_world, data):
    from journal.models import PsfsActivity, PsfsRating

    who = data.draw(st.sampled_from(["owner", "newcomer"]), label="who")
    user = psfs_world[who]
    mine = list(PsfsActivity.objects.filter(user=user, retired_on__isnull=True).values_list("pk", flat=True))
    theirs = list(PsfsActivity.objects.filter(user=psfs_world["other"]).values_list("pk", flat=True))
    # Mostly the user's own activities; one example in four also tampers in another's or a made-up id.
    kinds = st.sampled_from(["mine", "theirs", "made up"]) if data.draw(st.booleans()) else st.just("mine")
    named = data.draw(st.lists(st.tuples(kinds, st.integers(0, 10**6)), max_size=4), label="activities")
    payload = {}
    for n, choice in enumerate(named):  # as many draws whatever rows the example finds
        rating = _mostly(data, st.integers(0, 10).map(str), f"rating {n}")
        retire = data.draw(st.one_of(st.none(), BOXES), label=f"retire {n}")
        pk = _pick(choice, mine, theirs)
        payload[f"rating_{pk}"] = rating
        if retire is not None:
            payload[f"retire_{pk}"] = retire
    for n in range(data.draw(st.integers(0, 7), label="new slots")):
        payload[f"name_{n}"] = _mostly(data, GOOD_NAMES, f"name_{n}")
        payload[f"new_rating_{n}"] = _mostly(data, st.integers(0, 10).map(str), f"new_rating_{n}")
    before = _psfs_rows(psfs_world["other"])

    client = Client()
    client.force_login(user)
    response = client.post(reverse("journal:psfs"), payload)
    assert response.status_code in (200, 302, 404), (response.status_code, payload)
    if data.draw(st.booleans(), label="then skip?"):
        assert client.post(reverse("journal:psfs_skip"), payload).status_code == 302

    assert _psfs_rows(psfs_world["other"]) == before
    for activity in PsfsActivity.objects.filter(user=user):
        activity.full_clean(validate_constraints=True)
    for rating in PsfsRating.objects.filter(round__user=user):
        rating.full_clean(validate_constraints=True)
    assert PsfsActivity.objects.filter(user=user, retired_on__isnull=True).count() <= 5


@pytest.fixture
def share_world(db):
    """The owner and the other user, each with a link (without the whole app's discovery)."""
    return _user("owner"), _user("other")


@FUZZ_ONE_FORM
@given(data=st.data())
def test_the_share_forms_never_break(share_world, data):
    owner, other = share_world
    payload = {
        "display_name": _mostly(data, GOOD_NAMES, "display_name"),
        "days": _mostly(data, st.integers(1, 30).map(str), "days"),
    }
    for box in ("show_notes", "show_safety"):
        if data.draw(st.booleans(), label=f"send {box}?"):
            payload[box] = data.draw(BOXES, label=box)
    before = owned_rows(other)

    client = Client()
    client.force_login(owner)
    made = client.post(reverse("journal:share"), payload)
    assert made.status_code == 200, (made.status_code, payload)
    mine = list(ShareLink.objects.filter(user=owner).values_list("pk", flat=True))
    theirs = list(ShareLink.objects.filter(user=other).values_list("pk", flat=True))
    choice = data.draw(
        st.tuples(st.sampled_from(["mine", "mine", "theirs", "made up"]), st.integers(0, 10**9)),
        label="withdraw",
    )
    pk = _pick(choice, mine, theirs)
    withdrawn = client.post(reverse("journal:share_revoke", kwargs={"pk": pk}), payload)
    assert withdrawn.status_code == (302 if pk in mine else 404), (pk, withdrawn.status_code)

    assert owned_rows(other) == before
    for link in ShareLink.objects.filter(user=owner):
        link.full_clean(validate_constraints=True)
        assert 1 <= (link.expires_at - link.created_at).days + 1 <= 31
