"""Today's lesson as one line (learn/course.py: todays_lesson gives the offer; journal/views/today.py
puts the line above the plan, on Today only).

Built here rather than in a template: its seven nodes and three {% blocktranslate %} (each turning
its number into text through the number formats) cost some 0.1-0.25 ms a load; here the same words
(the same messages, so the same translations) and the same HTML, the title escaped. Counts are
whole numbers written as they are (no thousands separator is in use, backcare/settings.py).
"""

from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from backcare.html_words import sentence


def line(offer, *, lesson_url, lessons_url):
    """The line's HTML for `offer` (a course.Offer; "" for None): the lesson's link, then how many
    wait or when the next one opens."""
    if offer is None:
        return ""
    title = offer.lesson.title
    if offer.read:
        # As the template did: a {% blocktranslate %}'s words as the catalogue has them (marked up),
        # its values escaped; a {% translate %}'s words as they are (a template's quoted words are safe).
        link = sentence(
            '<span aria-hidden="true">✓</span> ' + _("Lesson read: <strong>%(title)s</strong>"), title=title
        )
        if offer.position < offer.total:
            after = sentence(_("next one tomorrow"))
        else:
            after = format_html(
                '<a href="{}">{}</a>',
                lessons_url,
                sentence(
                    ngettext("all %(total)s lesson", "all %(total)s lessons", offer.total), total=offer.total
                ),
            )
    else:
        link = sentence(_("Today's lesson: <strong>%(title)s</strong>"), title=title)
        if offer.waiting > 1:
            more = offer.waiting - 1
            after = sentence(
                ngettext(
                    "1-minute read, %(more)s more waiting", "1-minute read, %(more)s more waiting", more
                ),
                more=more,
            )
        else:
            after = sentence(_("1-minute read"))
    return format_html(
        '<p class="lesson-line my-3" data-testid="lesson"><a href="{}">{}</a>'
        ' <span class="text-body-secondary">· {}</span></p>',
        lesson_url,
        link,
        after,
    )
