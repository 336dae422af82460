"""What a response leaves behind in the browser when the person signed in changes or goes.

- Messages waiting for the next page (Django's messages framework, kept in a cookie or the session)
  are dropped when someone logs in or out: "Pain 7 saved…" must never greet whoever opens the
  browser next on the log-in or landing page.
- Logging out, deleting the account and changing the password answer with `Clear-Site-Data`:
  the browser deletes what the site keeps in it (Cache Storage with the kept Today, IndexedDB with
  the offline queue, the service worker's registration), whatever the page's script did
  (docs/offline.md, "What leaves the phone, and when").
"""

from django.contrib import messages

CLEAR_SITE_DATA = '"cache", "storage"'


def drop_messages(request):
    """Mark every message waiting for this browser as shown, so none reaches the next page; a
    message added after this call (the account-deleted note) still does."""
    storage = messages.get_messages(request)
    for _message in storage:
        pass
    storage.used = True


def clear_site_data(response):
    """Ask the browser to delete this site's caches and storage (not its cookies: the session cookie
    is the server's to end)."""
    response["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response
