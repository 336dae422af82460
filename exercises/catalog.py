"""The exercise library as one read-only snapshot per process and language, keyed by a content version.

Every user reads the same few dozen exercises, so pages look them up here instead of joining
them into each per-user query. The snapshot is rebuilt when the library's content version
changes: saving or deleting an exercise or a progression in this process drops it at once, and
another process notices within `LIBRARY_RECHECK_SECONDS` (one small query). Only shared,
read-only library rows live here; never per-user data.

The library's words are stored in English (exercises/library.py marks each line for the
catalogues). `catalog()` hands out the snapshot of the active language: built once per language
from the English one, lazily, with no query, each text field translated line by line through the
catalogue (`translate_lines`). A line the catalogue does not know (an admin's edit) stays as stored,
in English: never a blank. Fragments rendered from the library are cached per language too.

The objects handed out are shared between requests: read them, never change them.
"""

import copy
import dataclasses
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max
from django.utils import translation

from backcare import language_cache
from backcare.snapshot import Snapshot, Translated
from exercises.models import Exercise, Progression


@dataclass(frozen=True, repr=False)
class Catalog:
    version: tuple
    progressions: tuple  # in display order, each with its levels (ordered by level) prefetched
    exercises: dict  # pk -> Exercise, with .progression set
    by_slug: dict  # slug -> Exercise
    top_levels: dict  # progression pk -> its highest level
    # Fragments rendered from this snapshot (`library_fragment`): key -> HTML, in this snapshot's
    # language. They go with the snapshot: a library edit makes a new snapshot, and new fragments.
    fragments: dict = dataclasses.field(default_factory=dict, compare=False)

    def top_level(self, progression_id):
        return self.top_levels.get(progression_id, 0)


def _version():
    """What changes whenever a row is added, edited or removed: counts and latest edits."""
    exercises = Exercise.objects.aggregate(n=Count("pk"), latest=Max("updated_at"))
    progressions = Progression.objects.aggregate(n=Count("pk"), latest=Max("updated_at"))
    return (exercises["n"], exercises["latest"], progressions["n"], progressions["latest"])


def _build(version):
    progressions = tuple(Progression.objects.prefetch_related("levels"))
    exercises, top_levels = {}, {}
    for progression in progressions:
        for exercise in progression.levels.all():
            exercise.progression = progression
            exercises[exercise.pk] = exercise
            top_levels[progression.pk] = max(top_levels.get(progression.pk, 0), exercise.level)
    return Catalog(
        version=version,
        progressions=progressions,
        exercises=exercises,
        by_slug={exercise.slug: exercise for exercise in exercises.values()},
        top_levels=top_levels,
    )


_snapshot = Snapshot(_version, _build)

# The text fields a person reads, translated in each language's snapshot. `rep_unit` is not here:
# the dose words count it (exercises/dose.py).
PROGRESSION_TEXT = ("name", "summary")
EXERCISE_TEXT = ("name", "steps", "cues", "tips", "cautions", "equipment", "frequency", "count_unit")


def translate_lines(text):
    """`text` in the active language, line by line (a list line's "- " kept); a line the catalogue
    lacks stays as it is. Blank lines stay blank (gettext("") would be the catalogue's header)."""
    if not text:
        return text
    found = []
    for line in text.split("\n"):
        words = line.strip()
        bullet = "- " if words.startswith("- ") else ""
        words = words[len(bullet) :].strip()
        found.append(f"{bullet}{translation.gettext(words)}" if words else line)
    return "\n".join(found)


def _translated(row, fields):
    """A copy of the shared row with its text fields translated (the stored row stays English)."""
    found = copy.copy(row)
    found.__dict__.pop("url", None)  # a cached_property: worked out again on the copy
    for field in fields:
        setattr(found, field, translate_lines(getattr(row, field)))
    return found


def _translate(library):
    """`library` (the English snapshot) in the active language: the same rows, their words translated."""
    progressions, exercises = [], {}
    for family in library.progressions:
        copied = _translated(family, PROGRESSION_TEXT)
        levels = []
        for level in family.levels.all():
            found = _translated(level, EXERCISE_TEXT)
            found.progression = copied
            exercises[found.pk] = levels.append(found) or found
        prefetched = copy.copy(family._prefetched_objects_cache["levels"])
        prefetched._result_cache = levels
        copied._prefetched_objects_cache = {**family._prefetched_objects_cache, "levels": prefetched}
        progressions.append(copied)
    return Catalog(
        version=library.version,
        progressions=tuple(progressions),
        exercises=exercises,
        by_slug={exercise.slug: exercise for exercise in exercises.values()},
        top_levels=library.top_levels,
    )


_library = Translated(_snapshot, _translate)


def language():
    """The active language as the snapshots and fragment caches key it: English is the stored words."""
    return translation.get_language() or settings.LANGUAGE_CODE


def catalog(*, refresh=False):
    """The current snapshot in the active language; `refresh=True` checks the content version now.
    A language's first read after a library change translates the snapshot: no query."""
    return _library.get(refresh=refresh)


def clear(**kwargs):
    """Forget the snapshot, its fragments and the kept widgets (connected to the library models'
    save and delete signals)."""
    _library.clear()
    _widgets.clear()


def exercise(pk):
    """The library exercise `pk`, re-reading the library once if it is newer than the snapshot."""
    found = catalog().exercises.get(pk)
    return found if found is not None else catalog(refresh=True).exercises[pk]


# Fragments rendered from the library (Today's exercise text, the figures) and the check-in's
# widgets: kept in this process, in plain dicts (a dict read costs well under a microsecond; the
# "local" cache pickled and checked each key, some 25 µs a fragment, 14 a Today). Nothing per user.

FRAGMENTS_MAX = 5000  # as the "local" cache's MAX_ENTRIES: a bound that content never reaches
_widgets = {}  # (key, language) -> HTML, for `render_cached`
# Kept per language, so forgotten with the other words kept per language when the catalogues change.
language_cache.forget_with(_widgets.clear)


def _kept(store, key, render):
    found = store.get(key)
    if found is None:
        found = render()
        if language_cache.keeps_rendered():
            if len(store) >= FRAGMENTS_MAX:
                store.clear()
            store[key] = found
    return found


def render_cached(key, render):
    """`render()` kept in this process under `key` and the active language (a widget's HTML: the
    check-in's pain scale and yes / no buttons); with DEBUG rendered afresh each time.

    Only for output that is the same for everyone who sees it: nothing per user may be kept.
    """
    return _kept(_widgets, (key, language()), render)


def library_fragment(key, exercise, render):
    """`render()` for a library exercise, kept with the library snapshot of the active language
    under `key`, then reused by every page that shows it. The output may depend on nothing but the
    exercise.

    A library edit anywhere makes a new snapshot, with no fragments yet, so a fragment never
    outlives the content it shows (another process follows within `LIBRARY_RECHECK_SECONDS`, as its
    snapshot does). An instance from an older snapshot (replaced while this request ran) is
    rendered without keeping. No query once the snapshot is read.
    """
    library = catalog()
    if library.exercises.get(exercise.pk) is not exercise:
        return render()
    return _kept(library.fragments, key, render)
