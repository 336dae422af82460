"""An e-mail delivery's detail keeps the error's class only (reminders/channels.py, sender.py),
never what the mail server answered: the rows written before are rewritten the same way.

"mail server not reached: <Class>: <words>" becomes "mail server not reached: <Class>", and
"<Class>: <words>" (a failure after the hand-over) becomes "<Class>"; the app's own sentences
stay. The patterns are copied here on purpose: a migration must not change with the code.
"""

import re

from django.db import migrations

NOT_REACHED = re.compile(r"^(mail server not reached: [A-Za-z_][\w.]*): .*$", re.S)
ERROR = re.compile(r"^([A-Z][\w.]*(?:Error|Exception)): .*$", re.S)


def recorded(detail):
    """What an e-mail delivery's old detail becomes."""
    for pattern in (NOT_REACHED, ERROR):
        match = pattern.match(detail)
        if match:
            return match[1]
    return detail


def forward(apps, schema_editor):
    Delivery = apps.get_model("reminders", "Delivery")
    changed = []
    for delivery in Delivery.objects.filter(channel="email").exclude(detail="").only("detail").iterator():
        new = recorded(delivery.detail)
        if new != delivery.detail:
            delivery.detail = new
            changed.append(delivery)
    Delivery.objects.bulk_update(changed, ["detail"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0003_push_delivery_detail_status_class"),
    ]

    operations = [
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
