"""A push delivery's detail keeps only status classes (reminders/push.py, STATUS_CLASSES), never the
push service's host, words or exact status: the rows written before are rewritten the same way.

The sentences the app itself wrote (a skip's reason, "late", ...) stay; each "<host> answered N",
"<host> timed out", "<host> took it" and "<host>: <error>" becomes its class; anything else is
cleared. The constants are copied here on purpose: a migration must not change with the code.
"""

import re

from django.db import migrations

OWN_WORDS = {
    "late",
    "turned off since",
    "never handed over within 2 hours",
    "push is not set up on this server",
    "no device has push turned on",
    "the server's VAPID key is not valid",
    "done: check-in and today's plan already done",
    "safety screen holds the plan",
}
ANSWERED = re.compile(r"^\S+ answered (\d{3})$")
ERROR = re.compile(r"^\S+: ")


def status_class(status):
    if status == 404:
        return "404 gone"
    if status == 410:
        return "410 gone"
    if not 200 <= status < 600:
        return "connection failed"
    return {2: "2xx", 3: "3xx", 4: "4xx", 5: "5xx"}[status // 100]


def recorded(detail, status):
    """What a push delivery's old detail becomes."""
    text = detail.removeprefix("PushFailed: ")
    if text in OWN_WORDS:
        return text
    classes = []
    for part in text.split("; "):
        answered = ANSWERED.match(part)
        if answered:
            classes.append(status_class(int(answered[1])))
        elif re.match(r"^\S+ timed out$", part):
            classes.append("timeout")
        elif re.match(r"^\S+ took it$", part):
            classes.append("2xx")
        elif ERROR.match(part):
            classes.append("connection failed" if status == "retry" else "keys not usable")
    return ", ".join(dict.fromkeys(classes))


def forward(apps, schema_editor):
    Delivery = apps.get_model("reminders", "Delivery")
    changed = []
    for delivery in (
        Delivery.objects.filter(channel="push").exclude(detail="").only("detail", "status").iterator()
    ):
        new = recorded(delivery.detail, delivery.status)
        if new != delivery.detail:
            delivery.detail = new
            changed.append(delivery)
    Delivery.objects.bulk_update(changed, ["detail"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0002_delivery_retry"),
    ]

    operations = [
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
