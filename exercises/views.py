from django.http import Http404
from django.shortcuts import render

from exercises import catalog
from exercises.models import Progression


def exercise_list(request):
    """The whole library by category, from the library snapshot (no query once it is read)."""
    progressions = catalog.catalog().progressions
    categories = [
        (label, [p for p in progressions if p.category == value])
        for value, label in Progression.Category.choices
    ]
    return render(
        request,
        "exercises/list.html",
        {"categories": [(label, group) for label, group in categories if group]},
    )


def exercise_detail(request, slug):
    library = catalog.catalog()
    exercise = library.by_slug.get(slug)
    if exercise is None:
        exercise = catalog.catalog(refresh=True).by_slug.get(slug)
        if exercise is None:
            raise Http404("No exercise by that name.")
    levels = list(exercise.progression.levels.all())
    index = levels.index(exercise)
    return render(
        request,
        "exercises/detail.html",
        {
            "exercise": exercise,
            "levels": levels,
            "previous": levels[index - 1] if index > 0 else None,
            "next": levels[index + 1] if index + 1 < len(levels) else None,
        },
    )
