from itertools import groupby

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from exercises.models import Exercise, Progression


def exercise_list(request):
    """The whole library by category: two queries, whatever its size."""
    progressions = Progression.objects.order_by("category", "order").prefetch_related(
        Prefetch("levels", queryset=Exercise.objects.order_by("level"))
    )
    labels = dict(Progression.Category.choices)
    categories = [
        (labels[category], list(group)) for category, group in groupby(progressions, key=lambda p: p.category)
    ]
    order = list(labels.values())
    categories.sort(key=lambda item: order.index(item[0]))
    return render(request, "exercises/list.html", {"categories": categories})


def exercise_detail(request, slug):
    exercise = get_object_or_404(Exercise.objects.select_related("progression"), slug=slug)
    levels = list(
        exercise.progression.levels.order_by("level").only("slug", "name", "level", "progression_id")
    )
    index = next(i for i, level in enumerate(levels) if level.pk == exercise.pk)
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
