"""Issue 23: "When to get help" lists every sign of the safety screen and opens on day 1 with
"Your flare plan"; sources that support what each lesson says; the medicines lesson on pregnancy.

A correction to shipped lessons (docs/content.md, "Lessons"): `BEFORE` is what 0002_lessons shipped
(learn/content.py as of commit 0598b8b) for each field this release changes, as
`content.fingerprint` keeps it (a text's sha256, the order itself). A field still holding that
value gets the text of learn/content.py; a field edited in the admin keeps the edit. On a new
database 0002 already loaded the new text, and this changes nothing.
"""

from django.db import migrations

from learn.content import update_shipped_lessons

BEFORE = {
    "when-to-get-help": {
        "body": "287c14c04673963e2c3b6bdfa7a8a0bf804c972391a6bf90b1caba834b810e9f",
        "source": "acf2589575494ac7c787db9a6d8629c8062f8a1b1eb2acf7e14d0b80814b8767",
        "order": 5,
    },
    "flare-plan": {
        "order": 7,
    },
    "the-usual-course": {
        "body": "4f57559da51f7c95bf83cd21241632d4ea7683fe1718475539c15ae86b79bbd0",
        "source": "acf2589575494ac7c787db9a6d8629c8062f8a1b1eb2acf7e14d0b80814b8767",
        "order": 1,
    },
    "hurt-is-not-harm": {
        "body": "131468eae65bf44cb6f456bfdf070bd3d3bde805b33bacfd0bdc3c5bcef5ea12",
        "order": 2,
    },
    "keep-moving": {
        "body": "b603ceb2c9c205d485c752efaa453d7e6cb4a61ff68a9740989d6ab7151cd68f",
        "source": "acf2589575494ac7c787db9a6d8629c8062f8a1b1eb2acf7e14d0b80814b8767",
        "order": 3,
    },
    "what-the-exercises-are-for": {
        "body": "4f70163397eb49aebb1a1945a3f83fb8794aaec0bbe6a248d3c286495a2650e4",
        "source": "ba9348e41d73f1ee1af3dcce3b047ebfd925e32c1b7f2b9e7bc2031db27a79d2",
        "order": 4,
    },
    "pacing": {
        "body": "c338273eb8be5bbc9e81da2a3e4fa6f51a45ae3cf2b47c7017d8e7ef493d4365",
        "order": 6,
    },
    "a-flare-is-not-a-setback": {
        "body": "9c69b496fad474ada5f5f4ba5ea28c4309d46905620a8bbba55f31c3e953baa2",
    },
    "sleep-and-stress": {
        "body": "ee9a08ef3d91ceafca757da3ae6c875ff728e2596516512442242fed255ce9c1",
    },
    "sitting": {
        "body": "ab0669ea637497a63a83aef5d44a977cb14edeefaed985db2e7e90e6cfa8808a",
        "source": "0dc97eccc0aa0725ab7b7c869f60099d17942d80b2b827fdb955a28f6c51933b",
    },
    "lifting": {
        "title": "90ca7759ca0cc53eea261fbfb2133fb0124e599e0a1f9bb4812c5338b33b1358",
        "body": "45e8f9d4a8c04df57d1ff9a17b8c000f3067482844bb50c9e19c329ae2479457",
        "source": "4c09a3f533b8953b9faee83beed1d87b0f3514be2b83a3fe0c11839485d29a0f",
    },
    "work": {
        "body": "dd86ce1dfb130f49bba7d8c0cd5aa027cae960e6e14d4615e5975debc55e2fdb",
    },
    "medicines": {
        "body": "1a025adba2a4c61b2e5dcc23727df8a961b879b8fff72b2c14ee18fc3a66e2e8",
        "source": "a4926db519f7a18f1df2e2f1288925078297af27331b8edf9cd9570ae530c387",
    },
    "dose-and-progress": {
        "body": "b5cf2bf0833879398afa3ab950e19488d82ce23ab3d0e6ef51fc26304ee2b2a3",
        "source": "ba9348e41d73f1ee1af3dcce3b047ebfd925e32c1b7f2b9e7bc2031db27a79d2",
    },
    "confidence": {
        "body": "766fea70d246669bc3e97a547fdb2b941fa93e807cb72599d389fe4fbfe9df58",
        "source": "36e4e1db61f9df43827550011844353af9ea09368ffc4efa4fbe6637a4fa3e1d",
    },
}


def correct(apps, schema_editor):
    update_shipped_lessons(apps.get_model("learn", "Lesson"), BEFORE)


class Migration(migrations.Migration):
    dependencies = [("learn", "0002_lessons")]

    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
