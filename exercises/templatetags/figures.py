"""`{% figure exercise "large" %}` / `{% figure exercise "small" %}`: a level's moving figure;
`{% figure_still exercise %}`: one still pose of it, as a thumbnail.

The SVG (exercises/figure_svg.py, from the keyframes in exercises/library_figures.py) is the same
for everyone, so it is rendered once per library version, language and size and kept with the
library snapshot (`catalog.library_fragment`): no query, and nothing per user. The text alternative is the level's
first cue (its name when it has none). A level without keyframes gets the frame and the text only.
Pages that show a figure link static/css/figures.css (size, and the still pair for reduced motion).
"""

from functools import partial

from django import template

from exercises import catalog, figure_svg
from exercises.library_figures import FIGURES

register = template.Library()

SIZES = ("large", "small")


def render_figure(exercise, size):
    title = exercise.first_cue or exercise.name
    found = FIGURES.get(exercise.slug)
    if found is None:
        return figure_svg.frame(title, size)
    return figure_svg.render(found, title, size)


def render_still(exercise):
    found = FIGURES.get(exercise.slug)
    return figure_svg.still(found) if found is not None else ""


@register.simple_tag
def figure_still(exercise):
    """`{% figure_still exercise %}`: one still pose, small and decorative (the library list)."""
    return catalog.library_fragment(
        f"exercises:figure:{exercise.pk}:still", exercise, partial(render_still, exercise)
    )


@register.simple_tag
def figure(exercise, size="small"):
    size = size if size in SIZES else "small"
    return catalog.library_fragment(
        f"exercises:figure:{exercise.pk}:{size}", exercise, partial(render_figure, exercise, size)
    )
