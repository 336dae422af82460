"""Whether Web Push is set up here, the key a browser subscribes with, and the site's address: what
the web pages need of push (the settings page, the subscribe endpoint, the calendar link).

Nothing here touches the network: reminders/push.py, which sends (requests, urllib3), is imported
by the sender (`manage.py send_reminders`) and not by a web worker, which saves each worker the
~3.6 MB `requests` holds (tests/reminders/test_push_keys.py).
"""

from django.conf import settings


def configured() -> bool:
    return bool(settings.VAPID_PUBLIC_KEY and settings.VAPID_PRIVATE_KEY and settings.VAPID_SUBJECT)


def public_key() -> str:
    """The key the browser subscribes with (applicationServerKey), or "" when push is off."""
    return settings.VAPID_PUBLIC_KEY if configured() else ""


def site_url(request=None) -> str:
    if settings.SITE_URL:
        return settings.SITE_URL
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return ""
