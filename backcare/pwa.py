"""BackCare on the home screen: the web app manifest, the service worker and the offline page.

Three public responses that carry nobody's data (docs/offline.md). The worker's source lives in
static/js/sw.js; `service_worker` serves it from the site root (a worker controls only the paths
under its own URL) with a first line that tells it this deployment's version, the static files to
keep (their hashed URLs under ManifestStaticFilesStorage, backcare/storage.py) and its URLs.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.cache import caches
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import PrefixNode, static
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from backcare import languages

THEME_COLOR = "#0b6e4f"
BACKGROUND_COLOR = "#ffffff"
WORKER_SOURCE = "js/sw.js"
# Written by the Web Push work (issue 18): the worker imports it when it exists.
PUSH_SOURCE = "js/sw-push.js"
# What the pages that open offline need (Today, kept for its user, and the offline page): base.html's
# files and Today's. Not History's chart or the session's scripts: those pages are not kept, so
# offline they are the offline page. A kept Today also keeps every static file it links (sw.js),
# so a script Today gains later is kept with it even before it is added here.
PRECACHE = (
    "vendor/bootstrap-5.3.9/css/bootstrap.min.css",
    "css/backcare.css",
    "css/dark.css",
    "css/today.css",
    "css/felt.css",
    "css/figures.css",
    "js/theme.js",
    "js/backcare.js",
    "js/pwa.js",
    "js/offline-queue.js",
    "js/today.js",
    "img/favicon.svg",
)


def user_key(user):
    """The opaque name under which the worker keeps this user's pages (not the user's id): the same
    for a user on every page, different for every user and every deployment's SECRET_KEY."""
    if user is None or not user.is_authenticated:
        return ""
    return salted_hmac("backcare.pwa.user-key", str(user.pk)).hexdigest()[:24]


def _hashed():
    """True when static URLs carry a content hash (production), so a URL's bytes never change."""
    return isinstance(staticfiles_storage, ManifestFilesMixin)


def _static_names():
    """The PRECACHE files this deployment has (collected, or in the source folders)."""
    return [name for name in PRECACHE if staticfiles_storage.exists(name) or finders.find(name)]


def _read_static(name):
    """A static file's bytes: the collected copy (production) or the source (development, tests)."""
    try:
        with staticfiles_storage.open(name) as handle:
            return handle.read()
    except (FileNotFoundError, OSError, ValueError):
        found = finders.find(name)
        if not found:
            return None
        with open(found, "rb") as handle:
            return handle.read()


def _url(name):
    """A static file's URL; None when the collected manifest lacks it (collected before it existed)."""
    try:
        return static(name)
    except ValueError:
        return None


def _worker_config():
    found = [(name, _url(name)) for name in _static_names()]
    names = [name for name, url in found if url]
    urls = [url for _name, url in found if url]
    source = _read_static(WORKER_SOURCE) or b""
    version = hashlib.sha256(source)
    for name, url in zip(names, urls, strict=True):
        version.update(url.encode())
        if not _hashed():
            # Unhashed URLs (development, tests): a file's bytes can change under the same URL.
            version.update(hashlib.sha256(_read_static(name) or b"").digest())
    push = _url(PUSH_SOURCE) if _read_static(PUSH_SOURCE) is not None else None
    config = {
        "version": version.hexdigest()[:16],
        "hashed": _hashed(),
        "precache": urls,
        "offline": reverse("offline"),
        "today": reverse("journal:today"),
        "logout": reverse("logout"),
        # A POST to these ends what the phone keeps, like the logout (docs/offline.md).
        "ends": [reverse("logout"), reverse("journal:delete_account"), reverse("password_change")],
        # Sent here by the server (not signed in): the phone forgets the kept Today and the queue.
        "login": reverse("login"),
        # A kept Today older than a session can last is never shown (its session is over for sure).
        "maxAge": settings.SESSION_COOKIE_AGE,
        "staticPrefix": PrefixNode.handle_simple("STATIC_URL"),
        # The scripts' words (backcare/views.py: js_catalogue), kept like a static file (docs/offline.md).
        "catalogue": reverse("jsi18n"),
        "push": push,
    }
    prelude = "self.BACKCARE_SW = " + json.dumps(config, separators=(",", ":")) + ";\n"
    return prelude.encode() + source


@require_GET
def service_worker(request):
    """/sw.js: the worker, from the site root so that its scope can be the whole site."""
    # Collected files do not change while a process runs: kept in the per-process "local" cache,
    # keyed on the deployment's hashed names (nothing is kept there with DEBUG). Unhashed files
    # (tests, development) may change under the same name: built each time.
    if _hashed():
        body = caches["local"].get_or_set("service-worker", _worker_config, None)
    else:
        body = _worker_config()
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    # The browser checks the worker for an update against the server, never against a stale copy.
    response["Cache-Control"] = "no-cache"
    return response


def manifest_data(language=None):
    """The manifest in `language` (one of ours; the default otherwise): its description and `lang`."""
    language = language if languages.is_known(language) else settings.LANGUAGE_CODE
    icons = [
        {"src": static("img/icons/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
        {"src": static("img/icons/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
        {
            "src": static("img/icons/icon-maskable-192.png"),
            "sizes": "192x192",
            "type": "image/png",
            "purpose": "maskable",
        },
        {
            "src": static("img/icons/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    today = reverse("journal:today")
    with translation.override(language):
        description = _("Gentle daily exercises, a pain check-in and your progress, for lower back pain.")
    return {
        "id": today,
        "name": "BackCare",
        "short_name": "BackCare",
        "description": description,
        "lang": language,
        "dir": "ltr",
        "start_url": f"{today}?source=pwa",
        "scope": reverse("landing"),
        "display": "standalone",
        "orientation": "any",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "categories": ["health", "medical", "fitness"],
        "icons": icons,
    }


@require_GET
def manifest(request):
    """/manifest.webmanifest: what a phone needs to put BackCare on its home screen, in the language
    its URL names (`?lang=`, the page's: pwa_head.html), as the scripts' words are."""
    response = JsonResponse(manifest_data(request.GET.get("lang")), json_dumps_params={"indent": 1})
    response["Content-Type"] = "application/manifest+json"
    # The same for everyone; its icon URLs change with a deploy, so a day at most.
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def offline(request):
    """/offline/: what the worker shows for a page it cannot fetch and has not kept. The same for
    everyone (rendered as if signed out, whoever asks), so a shared cache may keep it."""
    response = render(request, "backcare/offline.html", {"user": AnonymousUser()})
    response["Cache-Control"] = "public, max-age=86400"
    return response
