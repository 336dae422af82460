"""`{% figure exercise "large" %}` / `{% figure exercise "small" %}`: an exercise's moving figure.

Interface placeholder while the pose model (exercises/figures.py) is built: it renders the
figure's frame and text alternative only. Replaced by the real renderer in issue 16's work.
"""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def figure(exercise, size="small"):
    return format_html(
        '<svg class="figure figure-{}" data-testid="figure" role="img" viewBox="0 0 200 120"><title>{}</title></svg>',
        size,
        exercise.first_cue or exercise.name,
    )
