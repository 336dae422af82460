from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from exercises import catalog
from exercises.models import Progression
from exercises.positions import Equipment, Position, chosen, matches


def _used(progressions, attribute, choices):
    """The tags of `choices` some level of the library carries, as (tag, words), in their order."""
    found = {tag for p in progressions for level in p.levels.all() for tag in getattr(level, attribute)}
    return [(tag, label) for tag, label in choices.choices if tag in found and tag != Equipment.NONE]


def exercise_list(request):
    """The whole library by category, from the library snapshot (no query once it is read),
    filtered by position and by the equipment at hand (GET `position`, `have`; both repeatable).
    An unknown value is left out of the filter with a message; the page never fails on one."""
    progressions = catalog.catalog().progressions
    positions, bad_positions = chosen(request.GET.getlist("position"), Position)
    have, bad_equipment = chosen(request.GET.getlist("have"), Equipment)
    problems = [
        _("“%(value)s” is not a position we know, so the list is not filtered by it.") % {"value": value[:40]}
        for value in bad_positions
    ] + [
        _("“%(value)s” is not equipment we know, so the list is not filtered by it.") % {"value": value[:40]}
        for value in bad_equipment
    ]
    filtering = bool(positions or have)
    families = [
        (p, [level for level in p.levels.all() if matches(level, positions, have or None)])
        for p in progressions
    ]
    shown = [(p, levels) for p, levels in families if levels]
    categories = [
        (label, [(p, levels) for p, levels in shown if p.category == value])
        for value, label in Progression.Category.choices
    ]
    return render(
        request,
        "exercises/list.html",
        {
            "categories": [(label, group) for label, group in categories if group],
            "problems": problems,
            "filtering": filtering,
            "shown": len(shown),
            "total": len(progressions),
            "positions": positions,
            "have": have,
            "position_choices": _used(progressions, "positions", Position),
            "equipment_choices": _used(progressions, "equipment_tags", Equipment),
        },
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
