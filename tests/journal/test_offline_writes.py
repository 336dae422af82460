"""Writes sent with a client operation id and a base (journal/client_ops.py, docs/offline.md):
recorded once, so a replay never counts twice; refused with 409 when the day changed elsewhere."""

import json
import threading
import uuid
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from journal import client_ops
from journal.models import ClientOperation, Entry, Tick
from tests.conftest import PASSWORD, ensure_library, make_user, screen_clear

pytestmark = pytest.mark.django_db

JSON = {"HTTP_X_REQUESTED_WITH": "fetch"}


def day_of(user, back=0):
    return (user.local_today() - timedelta(days=back)).isoformat()


def url(name, user, slug=None, back=0):
    kwargs = {"day": day_of(user, back)}
    if slug:
        kwargs["exercise"] = slug
    return reverse(f"journal:{name}", kwargs=kwargs)


def op(**fields):
    return {"client_op": str(uuid.uuid4()), **fields}


def send(client, path, data, **headers):
    return client.post(path, data, **{**JSON, **headers})


def tick_of(user, slug):
    return Tick.objects.filter(entry__user=user, exercise__slug=slug).first()


# ---- A replay changes nothing: tick, undo, add one, undo one, "how did it feel", check-in. ----


def test_a_replayed_tick_answers_saved_and_records_once(alice_today, screened_alice):
    write = op(base="t0")
    first = send(alice_today, url("tick", screened_alice, "daily-walk"), write)
    assert first.status_code == 200 and first.json()["ok"]
    assert first.json()["bases"] == {"t": "t1", "f": "fn.n.1.n"}
    again = send(alice_today, url("tick", screened_alice, "daily-walk"), write)
    assert again.status_code == 200
    data = again.json()
    assert data["ok"] and data["message"] == "A short daily walk: already saved."
    assert 'data-done="true"' in data["row"]
    assert Tick.objects.count() == 1
    assert ClientOperation.objects.get().kind == "tick"


def test_a_replayed_undo_does_not_undo_a_later_tick(alice_today, screened_alice):
    alice_today.post(url("tick", screened_alice, "daily-walk"))
    undo = op(base="t1")
    assert send(alice_today, url("untick", screened_alice, "daily-walk"), undo).status_code == 200
    assert not Tick.objects.exists()
    alice_today.post(url("tick", screened_alice, "daily-walk"))  # ticked again, elsewhere
    assert send(alice_today, url("untick", screened_alice, "daily-walk"), undo).status_code == 200
    assert Tick.objects.count() == 1


def test_a_replayed_add_one_counts_once(alice_today, screened_alice):
    path = url("tick", screened_alice, "standing-backbend")
    first, second = op(add="on", base="t0"), op(add="on", base="t1")
    for write in (first, first, second, second, first):
        assert send(alice_today, path, write).status_code == 200
    assert tick_of(screened_alice, "standing-backbend").times == 2
    assert sorted(ClientOperation.objects.values_list("kind", flat=True)) == ["add", "add"]


def test_a_replayed_undo_one_takes_one_away_once(alice_today, screened_alice):
    for _ in range(3):
        alice_today.post(url("tick", screened_alice, "standing-backbend"), {"add": "on"})
    undo = op(base="t3")
    for _ in range(3):
        assert send(alice_today, url("untick", screened_alice, "standing-backbend"), undo).status_code == 200
    assert tick_of(screened_alice, "standing-backbend").times == 2
    assert ClientOperation.objects.get().kind == "undo-one"


def test_a_replayed_feel_changes_nothing_the_second_time(alice_today, screened_alice):
    alice_today.post(url("tick", screened_alice, "daily-walk"))
    feel = op(pain_during="3", effort="easy", base="fn.n.1.n")
    assert (
        send(alice_today, url("tick", screened_alice, "daily-walk"), feel).json()["bases"]["f"]
        == "f3.easy.1.n"
    )
    alice_today.post(url("tick", screened_alice, "daily-walk"), {"pain_during": "5"})  # changed elsewhere
    assert send(alice_today, url("tick", screened_alice, "daily-walk"), feel).status_code == 200
    assert tick_of(screened_alice, "daily-walk").pain_during == 5
    assert ClientOperation.objects.get().kind == "feel"


def test_a_replayed_check_in_keeps_a_later_one(alice_today, screened_alice):
    path = url("checkin", screened_alice)
    write = op(pain="4", base=client_ops.checkin_base(None))
    response = send(alice_today, path, write)
    assert response.status_code == 200
    assert response.json() == {
        "ok": True,
        "conflict": False,
        "bases": {"c": "c4.n.00000000"},
        "redirect": reverse("journal:today"),
        # What the page shows; nothing waits in the messages framework (issue 24).
        "messages": [
            {"level": "success", "text": f"Pain 4 saved for {screened_alice.local_today():%A %-d %B}."}
        ],
    }
    alice_today.post(path, {"pain": "6"})
    assert send(alice_today, path, write).status_code == 200
    assert Entry.objects.get().pain == 6
    assert ClientOperation.objects.get().kind == "checkin"


def test_the_id_may_come_in_the_header(alice_today, screened_alice):
    write_id = str(uuid.uuid4())
    for _ in range(2):
        response = send(
            alice_today,
            url("tick", screened_alice, "standing-backbend"),
            {"add": "on"},
            HTTP_X_CLIENT_OP=write_id,
        )
        assert response.status_code == 200
    assert tick_of(screened_alice, "standing-backbend").times == 1


def test_a_replay_without_javascript_goes_back_to_the_day(alice_today, screened_alice):
    write = op(add="on")
    for _ in range(2):
        response = alice_today.post(url("tick", screened_alice, "standing-backbend"), write)
        assert response.status_code == 302
    assert tick_of(screened_alice, "standing-backbend").times == 1


def test_a_replayed_write_from_yesterday_goes_to_yesterday(alice_today, screened_alice):
    write = op(base="t0")
    for _ in range(2):
        assert send(alice_today, url("tick", screened_alice, "daily-walk", back=1), write).status_code == 200
    tick = Tick.objects.get()
    assert tick.entry.date == screened_alice.local_today() - timedelta(days=1)
    assert ClientOperation.objects.get().day == tick.entry.date


# ---- A conflict keeps the server's state and says so. ----


def test_a_tick_whose_row_changed_elsewhere_is_a_409_with_the_servers_row(alice_today, screened_alice):
    alice_today.post(url("tick", screened_alice, "daily-walk"), {"pain_during": "2", "partial": "on"})
    response = send(alice_today, url("tick", screened_alice, "daily-walk"), op(base="t0"))
    assert response.status_code == 409
    data = response.json()
    assert data["ok"] is False and data["conflict"] is True
    assert data["message"] == f"A short daily walk: {client_ops.CHANGED_ELSEWHERE}"
    assert 'data-done="true"' in data["row"]
    assert data["bases"] == {"t": "t1", "f": "f2.n.0.n"}
    tick = Tick.objects.get()
    assert (tick.pain_during, tick.full_dose) == (2, False), "the partial dose set elsewhere stays"
    assert not ClientOperation.objects.exists(), "a conflict is not recorded: nothing was done"


def test_an_undo_of_a_row_undone_elsewhere_is_a_409(alice_today, screened_alice):
    response = send(alice_today, url("untick", screened_alice, "daily-walk"), op(base="t1"))
    assert response.status_code == 409
    assert 'data-done="false"' in response.json()["row"]


def test_an_add_one_on_a_count_changed_elsewhere_is_a_409(alice_today, screened_alice):
    path = url("tick", screened_alice, "standing-backbend")
    for _ in range(3):
        alice_today.post(path, {"add": "on"})
    assert send(alice_today, path, op(add="on", base="t2")).status_code == 409
    assert tick_of(screened_alice, "standing-backbend").times == 3
    assert send(alice_today, path, op(add="on", base="t3")).status_code == 200
    assert tick_of(screened_alice, "standing-backbend").times == 4


def test_a_feel_on_a_tick_undone_elsewhere_is_a_409_and_makes_no_tick(alice_today, screened_alice):
    response = send(
        alice_today, url("tick", screened_alice, "daily-walk"), op(pain_during="3", base="fn.n.1.n")
    )
    assert response.status_code == 409
    assert not Tick.objects.exists()


def test_a_check_in_changed_elsewhere_is_a_409_with_a_message(alice_today, screened_alice):
    path = url("checkin", screened_alice)
    alice_today.post(path, {"pain": "6", "notes": "from the laptop"})
    response = send(alice_today, path, op(pain="3", base=client_ops.checkin_base(None)))
    assert response.status_code == 409
    assert response.json()["conflict"] is True
    assert (Entry.objects.get().pain, Entry.objects.get().notes) == (6, "from the laptop")
    # The words are in the answer, for the page; none waits for the next page (issue 24).
    assert any(client_ops.CHANGED_ELSEWHERE in m["text"] for m in response.json()["messages"])
    assert not any(client_ops.CHANGED_ELSEWHERE in str(m) for m in get_messages(response.wsgi_request))


def test_a_tick_elsewhere_does_not_make_a_queued_check_in_conflict(alice_today, screened_alice):
    alice_today.post(url("tick", screened_alice, "daily-walk"))  # the day's entry exists, no check-in
    path = url("checkin", screened_alice)
    assert send(alice_today, path, op(pain="3", base=client_ops.checkin_base(None))).status_code == 200
    assert Entry.objects.get().pain == 3


def test_a_conflict_without_javascript_goes_back_with_a_warning(alice_today, screened_alice):
    alice_today.post(url("tick", screened_alice, "daily-walk"))
    response = alice_today.post(url("tick", screened_alice, "daily-walk"), op(base="t0"), follow=True)
    assert client_ops.CHANGED_ELSEWHERE.replace("'", "&#x27;") in response.content.decode()


# ---- Bad input: a clear 400, never a 500, nothing changed. ----

BAD_IDS = ["nope", "", "x" * 300, "12345678-1234-1234-1234-1234567890zz"]


@pytest.mark.parametrize("bad", [b for b in BAD_IDS if b])
@pytest.mark.parametrize(
    "name, slug, fields",
    [
        ("tick", "daily-walk", {}),
        ("tick", "standing-backbend", {"add": "on"}),
        ("untick", "daily-walk", {}),
        ("checkin", None, {"pain": "4"}),
    ],
)
def test_a_bad_id_is_a_400_and_changes_nothing(alice_today, screened_alice, bad, name, slug, fields):
    response = send(alice_today, url(name, screened_alice, slug), {**fields, "client_op": bad})
    assert response.status_code == 400
    assert response.json()["message"] == client_ops.BAD_OP
    assert not Tick.objects.exists() and not Entry.objects.exists()
    assert not ClientOperation.objects.exists()


@pytest.mark.parametrize("bad", ["00000000-0000-0000-0000-000000000000", str(uuid.uuid1())])
@pytest.mark.parametrize("name, slug", [("tick", "daily-walk"), ("checkin", None)])
def test_the_nil_uuid_or_another_version_is_a_400_and_changes_nothing(
    alice_today, screened_alice, bad, name, slug
):
    response = send(alice_today, url(name, screened_alice, slug), {"pain": "4", "client_op": bad})
    assert response.status_code == 400
    assert (
        response.json()["message"]
        == "Not saved: that change's id is not a random one (a version 4 UUID is expected)."
    )
    assert not Tick.objects.exists() and not Entry.objects.exists()
    assert not ClientOperation.objects.exists()


def test_the_nil_uuid_on_the_check_in_form_without_javascript(alice_today, screened_alice):
    response = alice_today.post(
        url("checkin", screened_alice),
        {"pain": "4", "client_op": "00000000-0000-0000-0000-000000000000"},
        follow=True,
    )
    assert response.status_code == 200
    assert "id is not a random one" in response.content.decode()
    assert not Entry.objects.exists()


@pytest.mark.parametrize("bad", ["zzz", "t", "c4.n.00000000", "t1<script>", "t" + "9" * 50])
def test_a_bad_base_is_a_400(alice_today, screened_alice, bad):
    response = send(alice_today, url("tick", screened_alice, "daily-walk"), op(base=bad))
    assert response.status_code == 400
    assert response.json()["message"] == client_ops.BAD_BASE
    assert not Tick.objects.exists()


def test_a_bad_base_on_the_check_in_form_without_javascript(alice_today, screened_alice):
    response = alice_today.post(url("checkin", screened_alice), op(pain="4", base="t1"), follow=True)
    assert response.status_code == 200
    assert "starting point is not one we understand" in response.content.decode()
    assert not Entry.objects.exists()


def test_another_users_id_is_refused(alice_today, screened_alice, bob):
    screen_clear(bob)
    taken = str(uuid.uuid4())
    ClientOperation.objects.create(user=bob, op_id=taken, kind="tick", day=bob.local_today())
    response = send(alice_today, url("tick", screened_alice, "daily-walk"), {"client_op": taken})
    assert response.status_code == 400
    assert response.json()["message"] == client_ops.OP_TAKEN
    assert not Tick.objects.exists()


@pytest.mark.parametrize("back", [-1, 800])
def test_a_replay_of_a_day_the_diary_does_not_accept_is_a_clear_400(alice_today, screened_alice, back):
    for name, slug, fields in [("tick", "daily-walk", {}), ("checkin", None, {"pain": "4"})]:
        response = send(alice_today, url(name, screened_alice, slug, back=back), op(**fields))
        assert response.status_code == 400
        assert response.json()["message"].startswith("Not saved")
    assert not Tick.objects.exists() and not Entry.objects.exists()


def test_a_bad_check_in_from_the_queue_is_a_400(alice_today, screened_alice):
    response = send(alice_today, url("checkin", screened_alice), op(pain="11"))
    assert response.status_code == 400
    assert response.json()["message"].startswith("Your check-in was not saved")


# ---- Writes without an id are as before; old ids are pruned; export and deletion. ----


def test_writes_without_an_id_record_nothing(alice_today, screened_alice):
    alice_today.post(url("tick", screened_alice, "daily-walk"), {"base": "garbage"})
    alice_today.post(url("checkin", screened_alice), {"pain": "3"})
    assert Tick.objects.count() == 1 and Entry.objects.get().pain == 3
    assert not ClientOperation.objects.exists()


def test_ids_older_than_a_week_go_as_the_next_is_recorded(alice_today, screened_alice, bob):
    now = timezone.now()
    old = ClientOperation.objects.create(
        user=screened_alice, op_id=uuid.uuid4(), kind="tick", day="2026-01-01"
    )
    recent = ClientOperation.objects.create(
        user=screened_alice, op_id=uuid.uuid4(), kind="tick", day="2026-01-01"
    )
    bobs = ClientOperation.objects.create(user=bob, op_id=uuid.uuid4(), kind="tick", day="2026-01-01")
    ClientOperation.objects.filter(pk__in=[old.pk, bobs.pk]).update(
        created_at=now - timedelta(days=client_ops.KEEP_DAYS, minutes=1)
    )
    ClientOperation.objects.filter(pk=recent.pk).update(
        created_at=now - timedelta(days=client_ops.KEEP_DAYS - 1)
    )
    send(alice_today, url("tick", screened_alice, "daily-walk"), op())
    left = set(ClientOperation.objects.values_list("pk", flat=True))
    assert old.pk not in left
    assert {recent.pk, bobs.pk} <= left, "only the user's own old ones go"


def test_the_json_export_has_the_recorded_ids(alice_today, screened_alice, bob):
    write = op()
    send(alice_today, url("tick", screened_alice, "daily-walk"), write)
    ClientOperation.objects.create(user=bob, op_id=uuid.uuid4(), kind="tick", day="2026-01-01")
    data = json.loads(alice_today.get(reverse("journal:export_json")).content)
    assert [(r["op_id"], r["kind"], r["day"]) for r in data["client_operations"]] == [
        (write["client_op"], "tick", day_of(screened_alice))
    ]


def test_deleting_the_account_deletes_the_recorded_ids(alice_today, screened_alice, bob):
    send(alice_today, url("tick", screened_alice, "daily-walk"), op())
    ClientOperation.objects.create(user=bob, op_id=uuid.uuid4(), kind="tick", day="2026-01-01")
    alice_today.post(reverse("journal:delete_account"), {"password": PASSWORD})
    assert list(ClientOperation.objects.values_list("user", flat=True)) == [bob.pk]


# ---- The queue's question before it sends: who is logged in, and a fresh token. ----


def test_the_token_url_says_who_and_gives_a_token(alice_today, screened_alice):
    response = alice_today.get(reverse("journal:offline_token"))
    assert response.status_code == 200
    data = response.json()
    assert data["user"] == screened_alice.pk and len(data["csrf"]) == 64
    assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}


def test_the_token_url_needs_a_login_and_a_get(client, alice_today):
    assert client.post(reverse("journal:offline_token")).status_code == 405
    client.logout()
    response = client.get(reverse("journal:offline_token"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_today_prints_the_bases_the_queue_starts_from(alice_today, screened_alice):
    alice_today.post(url("tick", screened_alice, "daily-walk"), {"pain_during": "2"})
    alice_today.post(url("checkin", screened_alice), {"pain": "5"})
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert 'data-base-times="t1" data-base-feel="f2.n.1.n"' in body
    assert 'data-base-times="t0" data-base-feel="f-"' in body
    assert 'data-base="c5.n.00000000"' in body
    assert f'data-user="{screened_alice.pk}"' in body


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass of CI")
def test_the_same_write_sent_six_times_at_once_counts_once():
    """The phone sends a queued "Add one" again while the first send is still on its way: the
    unique id makes the later ones wait for the first, then answer as replays."""
    ensure_library()  # an earlier flushed test (the browser tests) may have emptied its tables
    user = make_user("racer")
    screen_clear(user)
    path = url("tick", user, "standing-backbend")
    write = op(add="on", base="t0")
    barrier = threading.Barrier(6)
    statuses = []

    def send_it():
        client = Client()
        client.force_login(user)
        barrier.wait()
        try:
            statuses.append(send(client, path, write).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send_it) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 6
    assert tick_of(user, "standing-backbend").times == 1
    assert ClientOperation.objects.count() == 1
