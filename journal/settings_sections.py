"""The journal's sections of the settings page (backcare/settings_page.py): the plan's families and
levels, then the safety check, the user's data and deleting the account."""

from functools import lru_cache

from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from backcare import settings_page
from exercises.catalog import catalog, render_cached
from journal.forms_account import DeleteAccountForm
from journal.row_urls import OPEN, url_format
from journal.selectors import plan_overview


def level_selects(library):
    """{(family slug, chosen exercise pk or None): that family's level <select>} for every family.

    The same for everyone who reads that language: the levels' names are the library's in the
    active language (`library`, the snapshot `catalog()` gave for it). Rendered once a library
    version and language (`catalog.render_cached`: a plain dict, forgotten with the library's
    snapshots on an edit; afresh with DEBUG) and read with one lookup a page.
    """

    def render():
        template = get_template("journal/_level_select.html")
        return {
            (family.slug, chosen): template.render({"family": family, "chosen": chosen})
            for family in library.progressions
            for chosen in [None, *(level.pk for level in family.levels.all())]
        }

    return render_cached(f"journal:settings-level-selects:{library.version}", render)


def level_select(selects, family, chosen):
    """The family's select from `selects`; rendered here if the library changed since they were."""
    found = selects.get((family.slug, chosen))
    if found is None:
        found = get_template("journal/_level_select.html").render({"family": family, "chosen": chosen})
    return found


@lru_cache(maxsize=16)
def _row_urls(script_prefix):
    # reverse() puts the script prefix in front; the same prefix always gives the same URLs.
    return url_format("journal:plan_set", progression=OPEN), url_format(
        "journal:plan_remove", progression=OPEN
    )


# One family's row of the plan section: its name (and level, when in the plan), its level select and
# the form setting it, and the form taking it out of the plan. Drawn here instead of some twenty
# template nodes a row (the section 0.90 against 0.63 ms in process, its query and the selects
# included); its fixed parts once a language (fixed_rows), a person's parts put in a page.
_ROW = (
    '<li class="card mb-2" data-testid="plan-setting" data-progression="{slug}"><div class="card-body">\n'
    '<h3 class="h6 mb-2">{name}{badge}</h3>\n'
    '<div class="d-flex flex-wrap gap-2 align-items-end">\n'
    '<form method="post" action="{set_url}" class="d-flex flex-wrap gap-2 align-items-end">{csrf_input}\n'
    '<div><label class="form-label small mb-0" for="level-{slug}">{level_label}</label>\n{select}</div>\n'
    '<button type="submit" class="btn btn-outline-primary">{button}</button>\n'
    "</form>{remove}\n"
    "</div>\n"
    "</div></li>"
)
_BADGE = ' <span class="badge text-bg-success">{}</span>'
_REMOVE = (
    '\n<form method="post" action="{}">{}<button type="submit" class="btn btn-outline-secondary">{}</button>'
    "</form>"
)


# Where a person's own parts go in a family's row, in _ROW's order: the rest of the row (the family's
# name, slug and URLs, the words) is the same for everyone reading that language.
_SLOTS = ("badge", "csrf_input", "select", "button", "remove")
_SLOT = "\x00slot\x00"


def _fixed_row(family, set_url, remove_url, level_label, remove_label):
    """(family, the row's fixed pieces, the remove form's fixed pieces): `format_html(_ROW, ...)` and
    `format_html(_REMOVE, ...)` drawn with a mark in each person's slot, cut at the marks."""
    slot = mark_safe(_SLOT)
    row = format_html(
        _ROW,
        slug=family.slug,
        name=family.name,
        set_url=set_url.format(family.slug),
        level_label=level_label,
        **dict.fromkeys(_SLOTS, slot),
    )
    remove = format_html(_REMOVE, remove_url.format(family.slug), slot, remove_label)
    return family, row.split(_SLOT), remove.split(_SLOT)


def fixed_rows(library):
    """{family slug: _fixed_row(family, ...)} for every family of `library`, drawn once a library
    version, language and script prefix (`catalog.render_cached`: a plain dict of the process,
    forgotten with the library's snapshots on an edit; afresh with DEBUG)."""
    script_prefix = get_script_prefix()

    def draw():
        set_url, remove_url = _row_urls(script_prefix)
        level_label, remove_label = _("Level"), _("Remove")
        return {
            family.slug: _fixed_row(family, set_url, remove_url, level_label, remove_label)
            for family in library.progressions
        }

    return render_cached(f"journal:settings-plan-rows:{library.version}:{script_prefix}", draw)


def plan(request, *, csrf_input, refused):
    """Your plan: each family, in the plan at a level or not, with its set and remove forms."""
    # The library is read before the plan, so the selects never show an older library than it.
    library = catalog()
    selects = level_selects(library)
    # Each family's row as _ROW draws it, its fixed parts drawn once (fixed_rows: the URLs, the
    # name, the words); here only a person's own parts go in: the CSRF field, rendered once for the
    # page, the badge, the select, the button's words and the remove form.
    fixed = fixed_rows(library)
    set_label, add_label = conditional_escape(_("Set level")), conditional_escape(_("Add to plan"))
    rows = []
    for family, exercise, active in plan_overview(user=request.user):
        level = exercise.level if active else None
        found = fixed.get(family.slug)
        if found is None or found[0] is not family:  # a library read after the rows were drawn
            set_url, remove_url = _row_urls(get_script_prefix())
            found = _fixed_row(family, set_url, remove_url, _("Level"), _("Remove"))
        _family, row, remove = found
        rows.append(
            "".join(
                (
                    row[0],
                    format_html(_BADGE, _("In plan · level %(level)s") % {"level": level}) if level else "",
                    row[1],
                    csrf_input,
                    row[2],
                    level_select(selects, family, exercise.pk if exercise else None),
                    row[3],
                    set_label if level else add_label,
                    row[4],
                    remove[0] + csrf_input + remove[1] if level else "",
                    row[5],
                )
            )
        )
    return get_template("journal/_settings_plan.html").render({"rows": mark_safe("\n".join(rows))})


DIARY_URLS = (
    "journal:delete_account",
    "journal:export_csv",
    "journal:export_json",
    "journal:old_days",
    "journal:safety",
    "journal:share",
)


def diary(request, *, csrf_input, refused):
    """The safety check, your data (export, share, old days) and deleting the account."""
    context = {
        "delete_form": DeleteAccountForm(request=request),  # posts to journal:delete_account
        "csrf_input": csrf_input,
        "urls": settings_page.urls(DIARY_URLS),
    }
    return get_template("journal/_settings_diary.html").render(context)


def start_answers(request, *, csrf_input, refused):
    """The start's answers, to see and change, and the way to rebuild the plan from them. Nothing
    for an account made before the start, or while the start is still open."""
    from journal.forms_start import StartAnswersForm
    from journal.selectors import start_answers as read_answers

    answers = read_answers(user=request.user)
    if answers is None or answers.finished_on is None:
        return ""
    form = refused.get("start_form") or StartAnswersForm.for_answers(answers)
    return get_template("journal/_settings_start.html").render({"form": form, "csrf_input": csrf_input})
