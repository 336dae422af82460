"""Today's fixed words outside its plan rows (`page_words`) and its few sentences with a number in
them (journal/today.html): the folded check-in's line, the saved pain beside the scale, the "done
of" count and the streak.

Written here, not by {% blocktranslate %}: a template's version turns each number into text
through the number formats and walks its nodes, some 30-70 µs a sentence a load; here the same
messages (so the same translations) make the same HTML. As the template did, a
{% blocktranslate %}'s words are kept as the catalogue has them (they carry markup) and a
{% translate %}'s too (a quoted word in a template is safe, and so is its translation); the numbers are whole numbers, written as they are (no thousands
separator is in use, backcare/settings.py). tests/journal/test_today_words.py renders the old
template beside each.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from backcare import html_words, language_cache
from backcare.html_words import sentence

# The page's fixed words outside its plan rows (journal/today.html prints {{ page_words.* }}): each
# {% translate %} asked the active translation afresh, some 5-8 µs a tag and about twenty a load;
# translated here once a language instead, the same for everyone who reads it.
PAGE_WORDS = {
    "today": gettext_lazy("Today"),
    "back_to_today": gettext_lazy("Back to today"),
    "how_is_your_back": gettext_lazy("How is your back?"),
    "change": pgettext_lazy("open the folded check-in", "change"),
    # Translators: CLINICAL: the label of the 0-10 pain buttons.
    "pain_range": gettext_lazy("Pain from 0 to 10"),
    # Translators: CLINICAL: the pain scale's two ends.
    "no_pain": gettext_lazy("0 = no pain"),
    # Translators: CLINICAL: the pain scale's two ends.
    "worst_pain": gettext_lazy("10 = worst pain imaginable"),
    "note_alone": gettext_lazy("A note can be saved on its own, without a pain number."),
    "update_checkin": gettext_lazy("Update check-in"),
    "save_checkin": gettext_lazy("Save check-in"),
    "rest_day": gettext_lazy("Rest day"),
    # Translators: CLINICAL: the plan's heading while the safety check asks for a clinician first.
    "gentle_until_ok": gettext_lazy("Gentle set until a clinician's OK"),
    "gentle_rough": gettext_lazy("Gentle set for a rough day"),
    "your_exercises": gettext_lazy("Your exercises"),
    "rest_counts": gettext_lazy("A rest day counts: your streak is safe."),
    "start_session": gettext_lazy("Start today's session"),
    "not_saved": gettext_lazy("Not saved. Check your connection and try again."),
    "not_normal": gettext_lazy("Not a normal day?"),
    "rough_day": gettext_lazy("Rough day: gentle set only"),
    "usual_plan": gettext_lazy("Back to my usual plan"),
}


# PAGE_WORDS in the active language, translated once a language.
page_words = language_cache.words(PAGE_WORDS, html_words.safe)


def checkin_summary(entry, *, is_today):
    """The folded check-in's line: the day's pain, or what was saved without one."""
    if entry.pain is not None:
        if is_today:
            return sentence(_("Pain <strong>%(pain)s</strong> today"), pain=entry.pain)
        return sentence(_("Pain <strong>%(pain)s</strong>"), pain=entry.pain)
    if entry.notes:
        return sentence(_("Note saved, no pain number"))
    return sentence(_("Check-in saved, no pain number"))


def pain_saved(entry):
    """After the pain scale's legend: ": <strong>4</strong> saved", or nothing before a pain is saved."""
    if entry is None or entry.pain is None:
        return ""
    return sentence(": " + _("<strong>%(pain)s</strong> saved"), pain=entry.pain)


def progress(*, day_type, planned, done, is_today):
    """The plan's count: "2 of 5 done" (each number in its own span for the page's script), or why
    there is none."""
    if day_type == "rest":
        return sentence(_("Rest day"))
    if not planned:
        return sentence(_("Nothing due today") if is_today else _("Nothing due that day"))
    return sentence(
        ngettext(
            "<span data-done-count>%(done)s</span> of <span data-planned-count>%(counter)s</span> done",
            "<span data-done-count>%(done)s</span> of <span data-planned-count>%(counter)s</span> done",
            planned,
        ),
        done=done,
        counter=planned,
    )


def streak_line(days):
    """ "streak 4 days", the number and its unit in spans for the page's script."""
    return sentence(
        ngettext(
            "streak <span data-streak>%(counter)s</span> <span data-streak-unit>day</span>",
            "streak <span data-streak>%(counter)s</span> <span data-streak-unit>days</span>",
            days,
        ),
        counter=days,
    )
