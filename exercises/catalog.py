"""The exercise library as one read-only snapshot per process, keyed by a content version.

Every user reads the same few dozen exercises, so pages look them up here instead of joining
them into each per-user query. The snapshot is rebuilt when the library's content version
changes: saving or deleting an exercise or a progression in this process drops it at once, and
another process notices within `LIBRARY_RECHECK_SECONDS` (one small query). Only shared,
read-only library rows live here; never per-user data.

The objects handed out are shared between requests: read them, never change them.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.core.cache import caches
from django.db.models import Count, Max

from backcare.snapshot import Snapshot
from exercises.models import Exercise, Progression


@dataclass(frozen=True, repr=False)
class Catalog:
    version: tuple
    progressions: tuple  # in display order, each with its levels (ordered by level) prefetched
    exercises: dict  # pk -> Exercise, with .progression set
    by_slug: dict  # slug -> Exercise
    top_levels: dict  # progression pk -> its highest level

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


def catalog(*, refresh=False):
    """The current snapshot; `refresh=True` checks the content version now."""
    return _snapshot.get(refresh=refresh)


def clear(**kwargs):
    """Forget the snapshot (connected to the library models' save and delete signals)."""
    _snapshot.clear()


def exercise(pk):
    """The library exercise `pk`, re-reading the library once if it is newer than the snapshot."""
    found = catalog().exercises.get(pk)
    return found if found is not None else catalog(refresh=True).exercises[pk]


# Fragments rendered from the library (Today's exercise text, the figures): cached per process.


def render_cached(key, render, *, version=None):
    """`render()` cached in this process's "local" cache under `key` (and `version`); with DEBUG
    that cache is Django's dummy cache (backcare/settings.py), so a template edit shows at once.

    Only for output that is the same for everyone who sees it: nothing per user may be cached.
    """
    return caches["local"].get_or_set(key, render, version=version)


@lru_cache(maxsize=8)
def generation(version):
    """The library snapshot's content version as a short cache version (its timestamps as numbers)."""
    return "-".join(str(part.timestamp()) if hasattr(part, "timestamp") else str(part) for part in version)


def library_fragment(key, exercise, render):
    """`render()` for a library exercise, cached once per library version under `key`, then reused by
    every page that shows it. The output may depend on nothing but the exercise.

    The key's version is the snapshot's: an edit anywhere in the library makes a new one, so a
    fragment never outlives the content it shows. An instance from an older snapshot (replaced
    while this request ran) is rendered without caching. No query once the snapshot is read.
    """
    library = catalog()
    if library.exercises.get(exercise.pk) is not exercise:
        return render()
    return render_cached(key, render, version=generation(library.version))
