"""Today's few sentences with a number in them (journal/today.html): the folded check-in's line,
the saved pain beside the scale, the "done of" count and the streak.

Written here, not by {% blocktranslate %}: a template's version turns each number into text
through the number formats and walks its nodes, some 30-70 µs a sentence a load; here the same
messages (so the same translations) make the same HTML. As the template did, a
{% blocktranslate %}'s words are kept as the catalogue has them (they carry markup) and a
{% translate %}'s are escaped; the numbers are whole numbers, written as they are (no thousands
separator is in use, backcare/settings.py). tests/journal/test_today_words.py renders the old
template beside each.
"""

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def checkin_summary(entry, *, is_today):
    """The folded check-in's line: the day's pain, or what was saved without one."""
    if entry.pain is not None:
        if is_today:
            return mark_safe(_("Pain <strong>%(pain)s</strong> today") % {"pain": entry.pain})
        return mark_safe(_("Pain <strong>%(pain)s</strong>") % {"pain": entry.pain})
    if entry.notes:
        return conditional_escape(_("Note saved, no pain number"))
    return conditional_escape(_("Check-in saved, no pain number"))


def pain_saved(entry):
    """After the pain scale's legend: ": <strong>4</strong> saved", or nothing before a pain is saved."""
    if entry is None or entry.pain is None:
        return ""
    return mark_safe(": " + _("<strong>%(pain)s</strong> saved") % {"pain": entry.pain})


def progress(*, day_type, planned, done, is_today):
    """The plan's count: "2 of 5 done" (each number in its own span for the page's script), or why
    there is none."""
    if day_type == "rest":
        return conditional_escape(_("Rest day"))
    if not planned:
        return conditional_escape(_("Nothing due today") if is_today else _("Nothing due that day"))
    return mark_safe(
        ngettext(
            "<span data-done-count>%(done)s</span> of <span data-planned-count>%(counter)s</span> done",
            "<span data-done-count>%(done)s</span> of <span data-planned-count>%(counter)s</span> done",
            planned,
        )
        % {"done": done, "counter": planned}
    )


def streak_line(days):
    """ "streak 4 days", the number and its unit in spans for the page's script."""
    return mark_safe(
        ngettext(
            "streak <span data-streak>%(counter)s</span> <span data-streak-unit>day</span>",
            "streak <span data-streak>%(counter)s</span> <span data-streak-unit>days</span>",
            days,
        )
        % {"counter": days}
    )
