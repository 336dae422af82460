"""`@per_language`: words translated once a language (`words`: a table of them) and kept for the process (the header's, Today's
row and page words, the felt forms' words), forgotten when the catalogues change; `forget_with`
registers any other store kept per language (exercises/catalog.py: `render_cached`'s widgets) to be
forgotten with them.

In production the catalogues never change while a process runs. Tests do change them
(`LOCALE_PATHS` set to a small catalogue of their own), and Django then forgets the catalogues it
loaded (`setting_changed`); these caches forget with it, or a page drawn later would show words
read from the test's catalogue.
"""

from functools import lru_cache
from types import MappingProxyType

from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.signals import setting_changed
from django.utils.translation import get_language

SETTINGS = frozenset({"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"})
_caches = []


def per_language(function):
    """`function(language, ...)` kept as `functools.lru_cache` keeps it (a few languages), and
    forgotten when a setting that changes the catalogues changes."""
    cached = lru_cache(maxsize=16)(function)
    forget_with(cached.cache_clear)
    return cached


def words(table, convert=str):
    """A function of no argument giving `table` ({key: lazy words}) in the active language, each
    through `convert` (`str`; `backcare.html_words.safe` for a template's words), as a read-only
    mapping: translated once a language and kept (`per_language`), the same for every reader of it."""

    @per_language
    def in_language(language):
        # `language` is the cache's key: the active one, which str() of a lazy word translates into.
        return MappingProxyType({key: convert(text) for key, text in table.items()})

    return lambda: in_language(get_language())


def keeps_rendered():
    """Whether HTML the same for everyone is kept in the process at all (exercises/catalog.py's
    fragments, backcare/forms.py's widgets): not with DEBUG, where the "local" cache is Django's
    dummy cache (backcare/settings.py), so that a template edit shows at the next reload. Asked
    only when something is not kept yet."""
    return not isinstance(caches["local"], DummyCache)


def forget_with(clear):
    """Call `clear()` when a setting that changes the catalogues changes."""
    _caches.append(clear)


def _forget(*, setting, **kwargs):
    if setting in SETTINGS:
        for clear in _caches:
            clear()


setting_changed.connect(_forget, dispatch_uid="backcare.language_cache")
