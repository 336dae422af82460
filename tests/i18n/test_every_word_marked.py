"""Every word a person reads is marked for translation (docs/translations.md): every page of the
app, found from the URL resolver as the cache-policy test finds them, read in a pseudo-language
that wraps each translated string (tests/i18n/pseudo.py); a word left outside the wraps fails."""

import pytest
from django.urls import reverse

from tests.backcare.test_urls import all_named_patterns
from tests.hardening.test_cache_policy import SHARED
from tests.hardening.test_isolation import sample_kwargs
from tests.i18n import pseudo

pytestmark = pytest.mark.django_db

# Pages that answer with something other than a page a person reads (files, redirects are followed).
NOT_PAGES = {
    "journal:export_csv",
    "journal:export_json",
    "reminders:calendar_feed",
    "reminders:calendar_download",
}


@pytest.fixture(scope="module")
def pseudo_language(tmp_path_factory):
    return pseudo.pseudo_catalogue(tmp_path_factory.mktemp("pseudo-locale"))


@pytest.fixture
def in_pseudo(settings, monkeypatch, pseudo_language):
    folder, code = pseudo_language
    settings.LOCALE_PATHS = [folder, *settings.LOCALE_PATHS]
    settings.LANGUAGES = [*settings.LANGUAGES, (code, "Pseudo")]
    # Its dates in English's order (tests/i18n/formats/qps): every language has a format module.
    settings.FORMAT_MODULE_PATH = [*settings.FORMAT_MODULE_PATH, "tests.i18n.formats"]
    return code


def test_the_pseudo_language_wraps_a_marked_word_and_finds_an_unmarked_one(client, in_pseudo):
    response = client.get(reverse("landing"), HTTP_ACCEPT_LANGUAGE=in_pseudo)
    assert f'lang="{in_pseudo}"' in response.content.decode()
    assert pseudo.unmarked_words('<p>⟪Marked⟫ <span translate="no">alice</span></p>') == []
    assert pseudo.unmarked_words("<p>⟪Marked⟫ and not</p>") == ["⟪Marked⟫ and not"]
    assert pseudo.unmarked_words('<button aria-label="Close">⟪x⟫</button>') == ["Close"]
    # A sentence translated whole with a link in it: one wrap over three pieces of text.
    assert pseudo.unmarked_words('<p>⟪Open <a href="/r">your report</a> here, on ⟪June⟫ 5⟫</p>') == []
    assert pseudo.unmarked_words("<p>⟪Marked⟫ <a>loose</a> ⟪marked⟫</p>") == ["loose"]
    assert pseudo.unmarked_words('<p>⟪Too old. <a href="/r/">Ask again</a>.⟫</p>') == []
    assert pseudo.unmarked_words('<p>⟪Too old. <a href="/r/">Ask again</a>.⟫ <b>Not</b> this</p>') == [
        "Not",
        "this",
    ]


def pages():
    for name, pattern in all_named_patterns():
        if name.startswith("admin:") or name in NOT_PAGES or name in SHARED:
            continue
        for who in ("signed in", "anonymous"):
            yield pytest.param(name, pattern, who, id=f"{name}-{who}")


@pytest.mark.parametrize("name, pattern, who", pages())
def test_every_page_reads_wholly_in_the_persons_language(
    client, alice_with_history, in_pseudo, name, pattern, who
):
    if who == "signed in":
        alice_with_history.language = in_pseudo
        alice_with_history.save(update_fields=["language"])
        client.force_login(alice_with_history)
    url = reverse(name, kwargs=sample_kwargs(alice_with_history, pattern))
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=in_pseudo, follow=True)
    if response.streaming or "text/html" not in response.get("Content-Type", ""):
        return
    words = pseudo.unmarked_words(response.content.decode())
    assert not words, f"{url}: {words[:12]}"


def test_the_sessions_player_reads_in_each_persons_language_whoever_loaded_it_first(
    client, alice_with_history, in_pseudo
):
    """The session's player and "how did it feel" questions are rendered once a process for each
    language (journal/views/session.py: fixed_parts): loaded first in English, they are still
    read wholly in the next person's language, and in English again after it."""
    client.force_login(alice_with_history)
    url = reverse("journal:session")
    english = client.get(url).content.decode()
    assert "Felt fine" in english and "Session clock" in english
    alice_with_history.language = in_pseudo
    alice_with_history.save(update_fields=["language"])
    pseudo_page = client.get(url).content.decode()
    assert pseudo.wrap("Felt fine") in pseudo_page and pseudo.wrap("Session clock") in pseudo_page
    assert not pseudo.unmarked_words(pseudo_page)
    alice_with_history.language = "en"
    alice_with_history.save(update_fields=["language"])
    assert "⟪" not in client.get(url).content.decode()


# --- The words after a write ------------------------------------------------------------------------
# A write answers with words a page never shows until it is made: a flash message on the page the
# redirect leads to, or the `message` of a JSON answer (read aloud by Today's script). Each write a
# person makes, posted in the pseudo-language: its JSON words and the page it leads to.

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}
WORDS_OF_JSON = ("message", "error")


def _day(user, days_ago=0):
    from datetime import timedelta

    return (user.local_today() - timedelta(days=days_ago)).isoformat()


def _tick(user, slug, days_ago=0, day=None):
    return reverse("journal:tick", kwargs={"day": day or _day(user, days_ago), "exercise": slug})


def _untick(user, slug, days_ago=0):
    return reverse("journal:untick", kwargs={"day": _day(user, days_ago), "exercise": slug})


def _day_type(user):
    return reverse("journal:day_type", kwargs={"day": _day(user)})


def _checkin(user, days_ago=0, day=None):
    return reverse("journal:checkin", kwargs={"day": day or _day(user, days_ago)})


def _item_pk(user, slug="cat-cow"):
    from journal.models import PlanItem

    return PlanItem.objects.get(user=user, progression__slug=slug, active=True).pk


def _share_withdraw(client, user):
    from journal.models import ShareLink

    client.post(reverse("journal:share"), {"display_name": "Alice", "days": "7"})
    pk = ShareLink.objects.filter(user=user).latest("pk").pk
    return [("post", reverse("journal:share_revoke", kwargs={"pk": pk}), {}, False)]


def _held(user, outcome):
    """A newer safety screen that holds the plan (or lets only the gentle set through)."""
    from backcare import diary_version
    from journal.models import SafetyScreen

    SafetyScreen.objects.create(user=user, taken_on=user.local_today(), answers={}, outcome=outcome)
    diary_version.changed(user)


def _paused(user, slug="supine-marching"):
    """The writes that pause an exercise after the pain it caused (two sessions running at 7 or
    more, tests/journal/test_pauses.py), its plan begun ten days ago."""
    from datetime import timedelta

    from journal.models import PlanItem

    PlanItem.objects.filter(user=user, progression__slug=slug).update(
        since=user.local_today() - timedelta(days=10)
    )
    return [("post", _tick(user, slug, days_ago), {"pain_during": "7"}, False) for days_ago in (2, 1)]


def _level_up_due(user):
    """A level-up (or dose step) due on the supine marching (tests/conftest.py), the history cleared
    so its two weeks can be written."""
    from journal.models import Entry
    from tests.conftest import make_ready_for_level_up

    Entry.objects.filter(user=user).delete()
    return make_ready_for_level_up(user).pk


OP = "9b2e0c1a-3f4d-4a5b-8c6d-7e8f9a0b1c2d"
OTHER_OP = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"

# name: (user -> [(method, url, data, by fetch)]), the writes made in turn (the last ones read).
WRITES = {
    "tick by fetch": lambda u: [("post", _tick(u, "cat-cow-gentle"), {}, True)],
    "tick by form": lambda u: [("post", _tick(u, "cat-cow-gentle"), {}, False)],
    "tick again (saved)": lambda u: [("post", _tick(u, "cat-cow-gentle", 1), {}, False)] * 2,
    "tick with leg spread": lambda u: [("post", _tick(u, "cat-cow-gentle"), {"spread": "yes"}, True)],
    "tick with a bad answer": lambda u: [("post", _tick(u, "cat-cow-gentle"), {"pain_during": "99"}, True)],
    "tick not planned": lambda u: [("post", _tick(u, "bird-dog"), {}, True)],
    "tick unknown exercise": lambda u: [("post", _tick(u, "no-such-thing"), {}, False)],
    "tick on a future day": lambda u: [("post", _tick(u, "cat-cow-gentle", -2), {}, True)],
    "tick on a future day by form": lambda u: [("post", _tick(u, "cat-cow-gentle", -2), {}, False)],
    "tick before the diary": lambda u: [("post", _tick(u, "cat-cow-gentle", day="1990-01-01"), {}, False)],
    "tick on no date": lambda u: [("post", _tick(u, "cat-cow-gentle", day="yesterday"), {}, False)],
    "tick with a bad op": lambda u: [("post", _tick(u, "cat-cow-gentle"), {"client_op": "nope"}, True)],
    "tick with a nil op": lambda u: [
        ("post", _tick(u, "cat-cow-gentle"), {"client_op": "00000000-0000-0000-0000-000000000000"}, True)
    ],
    "tick with a bad base": lambda u: [
        ("post", _tick(u, "cat-cow-gentle"), {"client_op": OP, "base": "zz"}, True)
    ],
    "tick replayed": lambda u: [("post", _tick(u, "cat-cow-gentle"), {"client_op": OP}, True)] * 2,
    "tick changed elsewhere": lambda u: [
        ("post", _tick(u, "cat-cow-gentle"), {}, False),
        ("post", _tick(u, "cat-cow-gentle"), {"client_op": OP, "base": "t0"}, True),
    ],
    "tick changed elsewhere by form": lambda u: [
        ("post", _tick(u, "cat-cow-gentle"), {}, False),
        ("post", _tick(u, "cat-cow-gentle"), {"client_op": OP, "base": "t0"}, False),
    ],
    "the session's Done by fetch": lambda u: [
        ("post", _tick(u, "cat-cow-gentle"), {"from": "session"}, True)
    ],
    "the session's Done by form": lambda u: [
        ("post", _tick(u, "cat-cow-gentle"), {"from": "session"}, False)
    ],
    "untick by fetch": lambda u: [
        ("post", _tick(u, "cat-cow-gentle"), {}, False),
        ("post", _untick(u, "cat-cow-gentle"), {}, True),
    ],
    "untick by form": lambda u: [
        ("post", _tick(u, "cat-cow-gentle"), {}, False),
        ("post", _untick(u, "cat-cow-gentle"), {}, False),
    ],
    "untick on a future day": lambda u: [("post", _untick(u, "cat-cow-gentle", -2), {}, True)],
    "times a day: one more": lambda u: [("post", _tick(u, "standing-backbend"), {"add": "1"}, True)],
    "times a day: one more by form": lambda u: [("post", _tick(u, "standing-backbend"), {"add": "1"}, False)],
    "times a day: one fewer": lambda u: [
        ("post", _tick(u, "standing-backbend"), {"add": "1"}, False),
        ("post", _untick(u, "standing-backbend"), {}, True),
    ],
    "check-in with pain": lambda u: [("post", _checkin(u), {"pain": "3", "notes": ""}, False)],
    "check-in without pain": lambda u: [
        ("post", _checkin(u), {"pain": "", "leg_symptoms": "no", "notes": ""}, False)
    ],
    "check-in with leg symptoms": lambda u: [
        ("post", _checkin(u), {"pain": "4", "leg_symptoms": "yes", "notes": ""}, False)
    ],
    "check-in by fetch": lambda u: [("post", _checkin(u), {"pain": "3", "client_op": OP}, True)],
    "check-in refused": lambda u: [("post", _checkin(u), {"pain": "11"}, False)],
    "check-in refused by fetch": lambda u: [("post", _checkin(u), {"pain": "11"}, True)],
    "check-in on a future day by fetch": lambda u: [("post", _checkin(u, -2), {"pain": "3"}, True)],
    "check-in on a future day": lambda u: [("post", _checkin(u, -2), {"pain": "3"}, False)],
    "check-in replayed": lambda u: [("post", _checkin(u), {"pain": "3", "client_op": OP}, True)] * 2,
    "check-in replayed by form": lambda u: [("post", _checkin(u), {"pain": "3", "client_op": OP}, False)] * 2,
    "check-in changed elsewhere": lambda u: [
        ("post", _checkin(u), {"pain": "3"}, False),
        ("post", _checkin(u), {"pain": "5", "client_op": OP, "base": "cn.n.00000000"}, True),
    ],
    "check-in changed elsewhere by form": lambda u: [
        ("post", _checkin(u), {"pain": "3"}, False),
        ("post", _checkin(u), {"pain": "5", "client_op": OP, "base": "cn.n.00000000"}, False),
    ],
    "check-in with another's op": lambda u: [("post", _checkin(u), {"pain": "3", "client_op": OP}, True)],
    "rough day": lambda u: [("post", _day_type(u), {"day_type": "rough"}, False)],
    "rest day": lambda u: [("post", _day_type(u), {"day_type": "rest"}, False)],
    "normal day": lambda u: [("post", _day_type(u), {"day_type": "normal"}, False)],
    "no day type": lambda u: [("post", _day_type(u), {"day_type": "x"}, False)],
    "accept on a rough day": lambda u: [
        ("post", _day_type(u), {"day_type": "rough"}, False),
        ("post", reverse("journal:accept", kwargs={"pk": _item_pk(u)}), {"kind": "up"}, False),
    ],
    "accept on a rest day": lambda u: [
        ("post", _day_type(u), {"day_type": "rest"}, False),
        ("post", reverse("journal:accept", kwargs={"pk": _item_pk(u)}), {"kind": "up"}, False),
    ],
    "accept no longer offered": lambda u: [
        ("post", reverse("journal:accept", kwargs={"pk": _item_pk(u)}), {"kind": "up"}, False)
    ],
    "dismiss a level up": lambda u: [
        ("post", reverse("journal:dismiss", kwargs={"pk": _item_pk(u)}), {"kind": "up"}, False)
    ],
    "dismiss a step back": lambda u: [
        ("post", reverse("journal:dismiss", kwargs={"pk": _item_pk(u)}), {"kind": "down"}, False)
    ],
    "gentle set": lambda u: [
        ("post", _checkin(u), {"pain": "8"}, False),
        ("post", reverse("journal:gentle_accept"), {}, False),
    ],
    "gentle set not now": lambda u: [
        ("post", _checkin(u), {"pain": "8"}, False),
        ("post", reverse("journal:gentle_dismiss"), {}, False),
    ],
    "gentle set no longer offered": lambda u: [("post", reverse("journal:gentle_accept"), {}, False)],
    "gentle not now no longer offered": lambda u: [("post", reverse("journal:gentle_dismiss"), {}, False)],
    "resume, nothing paused": lambda u: [
        ("post", reverse("journal:pause_resume", kwargs={"pk": _item_pk(u)}), {}, False)
    ],
    "plan set": lambda u: [
        ("post", reverse("journal:plan_set", kwargs={"progression": "cat-cow"}), {"level": "2"}, False)
    ],
    "plan set, no such level": lambda u: [
        ("post", reverse("journal:plan_set", kwargs={"progression": "cat-cow"}), {"level": "9"}, False)
    ],
    "plan remove": lambda u: [
        ("post", reverse("journal:plan_remove", kwargs={"progression": "cat-cow"}), {}, False)
    ],
    "psfs": lambda u: [
        ("post", reverse("journal:psfs"), {"name_0": "Gardening", "new_rating_0": "4"}, False)
    ],
    "psfs refused": lambda u: [
        ("post", reverse("journal:psfs"), {"name_0": "Gardening", "new_rating_0": "x"}, False)
    ],
    "psfs not now": lambda u: [("post", reverse("journal:psfs_skip"), {}, False)],
    "start step skipped": lambda u: [
        ("post", reverse("journal:start_step", kwargs={"step": "episode"}), {"action": "skip"}, False)
    ],
    "start step, no action": lambda u: [
        ("post", reverse("journal:start_step", kwargs={"step": "episode"}), {"action": "x"}, False)
    ],
    "start answers saved": lambda u: [("post", reverse("journal:start_answers_save"), {}, False)],
    "plan rebuilt, not confirmed": lambda u: [("post", reverse("journal:plan_rebuild"), {}, False)],
    "plan rebuilt": lambda u: [("post", reverse("journal:plan_rebuild"), {"confirm": "yes"}, False)],
    "share create": lambda u: [
        ("post", reverse("journal:share"), {"display_name": "Alice", "days": "7"}, False)
    ],
    "share refused": lambda u: [("post", reverse("journal:share"), {"display_name": "", "days": "x"}, False)],
    "a held plan refuses a tick by fetch": lambda u: [
        _held(u, "urgent"),
        ("post", _tick(u, "cat-cow-gentle"), {}, True),
    ][1:],
    "a held plan refuses a tick by form": lambda u: [
        _held(u, "talk_first"),
        ("post", _tick(u, "cat-cow-gentle"), {}, False),
    ][1:],
    "the gentle set only refuses a level change": lambda u: [
        _held(u, "see_soon"),
        ("post", reverse("journal:accept", kwargs={"pk": _item_pk(u)}), {"kind": "up"}, False),
    ][1:],
    "a paused exercise's tick": lambda u: [
        *_paused(u),
        ("post", _tick(u, "supine-marching"), {}, True),
        ("post", _tick(u, "supine-marching"), {}, False),
    ],
    "a paused exercise taken up again": lambda u: [
        *_paused(u),
        ("post", reverse("journal:pause_resume", kwargs={"pk": _item_pk(u, "supine-marching")}), {}, False),
    ],
    "a level change taken": lambda u: [
        ("post", reverse("journal:accept", kwargs={"pk": pk}), {"kind": kind}, False)
        for pk in [_level_up_due(u)]
        for kind in ("up", "dose")
    ],
    "safety questions left open": lambda u: [("post", reverse("journal:safety"), {}, False)],
    "safety note put away, none showing": lambda u: [
        ("post", reverse("journal:see_clinician_put_away"), {}, False),
        ("post", reverse("journal:rescreen_put_away"), {}, False),
    ],
    "a clinician's OK, none due": lambda u: [("post", reverse("journal:safety_clear"), {}, False)],
    "reminder settings refused": lambda u: [
        ("post", reverse("reminders:settings"), {"enabled": "on"}, False)
    ],
    "reminders off": lambda u: [("post", reverse("reminders:settings"), {}, False)],
    "confirmation resent, none waiting": lambda u: [("post", reverse("reminders:resend"), {}, False)],
    "calendar link made and stopped": lambda u: [
        ("post", reverse("reminders:calendar_new"), {}, False),
        ("post", reverse("reminders:calendar_stop"), {}, False),
        ("post", reverse("reminders:calendar_stop"), {}, False),
    ],
    "push subscription refused": lambda u: [
        ("post", reverse("reminders:push_subscribe"), {}, True),
        ("post", reverse("reminders:push_unsubscribe"), {}, True),
    ],
    "push off": lambda u: [("post", reverse("reminders:push_off"), {}, False)],
    "settings refused": lambda u: [("post", reverse("settings"), {"time_zone": "Nowhere/Else"}, False)],
    "password change refused": lambda u: [
        (
            "post",
            reverse("password_change"),
            {"old_password": "no", "new_password1": "a", "new_password2": "b"},
            False,
        )
    ],
    "old days deleted": lambda u: [("post", reverse("journal:old_days"), {"before": "1990-01-01"}, False)],
    "delete account, wrong password": lambda u: [
        ("post", reverse("journal:delete_account"), {"password": "not it"}, False)
    ],
}


# What some writes must have said (so the walk reads the answer it means to, not another one).
SAID = {
    "tick by fetch": ": done.",
    "the session's Done by fetch": ": done.",
    "the session's Done by form": ": done.",
    "tick again (saved)": ": saved.",
    "tick with leg spread": "Symptoms that spread down the leg",
    "tick not planned": "isn't in the plan for that day",
    "tick on a future day by form": "hasn't happened yet",
    "tick before the diary": "The diary starts on",
    "tick replayed": ": already saved.",
    "tick changed elsewhere": "changed elsewhere since",
    "untick by fetch": "marked as not done",
    "times a day: one more": "1 of 5",
    "times a day: one fewer": "0 of 5",
    "check-in with pain": "Pain 3 saved for",
    "check-in without pain": "without a pain number",
    "check-in with leg symptoms": "Numbness or tingling",
    "check-in refused": "Your check-in was not saved",
    "check-in replayed": "Check-in already saved",
    "check-in changed elsewhere": "Check-in for",
    "check-in with another's op": "belongs to another change",
    "rough day": "Rough day: just the gentle set",
    "rest day": "Rest day noted",
    "normal day": "Back to your usual plan",
    "accept on a rough day": "marked as a rough day",
    "accept on a rest day": "marked as a rest day",
    "accept no longer offered": "no longer applies",
    "dismiss a level up": "Okay, not now.",
    "dismiss a step back": "you keep this level",
    "gentle set not now": "Okay, your usual plan today",
    "a held plan refuses a tick by fetch": "Not saved: ",
    "a paused exercise's tick": "is paused after the pain it caused",
    "a paused exercise taken up again": "is back in your plan",
    "a level change taken": ": now ",
    "psfs": "Saved. Your activity score",
}


def _words_of_json(data):
    texts = [str(data[key]) for key in WORDS_OF_JSON if data.get(key)]
    texts += [str(said["text"]) for said in data.get("messages", [])]
    return "".join(f"<p>{text}</p>" for text in texts)


@pytest.mark.parametrize("write", [*WRITES, "share withdraw"])
def test_every_write_answers_wholly_in_the_persons_language(client, alice_with_history, in_pseudo, write):
    from backcare.models import User
    from journal.models import ClientOperation

    alice_with_history.language = in_pseudo
    alice_with_history.save(update_fields=["language"])
    client.force_login(alice_with_history)
    if write == "share withdraw":
        steps = _share_withdraw(client, alice_with_history)
    elif write == "check-in with another's op":
        bob = User.objects.create_user(username="bob-pseudo", password="x-long-password-1")
        ClientOperation.objects.create(
            user=bob, op_id=OP, kind="checkin", day=alice_with_history.local_today()
        )
        steps = WRITES[write](alice_with_history)
    else:
        steps = WRITES[write](alice_with_history)
    said = []
    for _method, url, data, by_fetch in steps:
        extra = {**FETCH} if by_fetch else {}
        response = client.post(url, data, HTTP_ACCEPT_LANGUAGE=in_pseudo, follow=not by_fetch, **extra)
        assert response.status_code < 500
        if by_fetch:
            html = _words_of_json(response.json())
        else:
            assert "text/html" in response.get("Content-Type", "")
            html = response.content.decode()
        words = pseudo.unmarked_words(html)
        assert not words, f"{write}, {url}: {words[:12]}"
        said.append(html)
    assert SAID.get(write, "") in "".join(said).replace("&#x27;", "'")
