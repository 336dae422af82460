"""The journal's sections of the settings page (backcare/settings_page.py): the plan's families and
levels, then the safety check, the user's data and deleting the account."""

from functools import lru_cache

from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.html import format_html
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
# the form setting it, and the form taking it out of the plan. Drawn here, one format_html a row,
# instead of some twenty template nodes a row (the section 0.90 against 0.63 ms in process, its query
# and the selects included).
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


def plan(request, *, csrf_input, refused):
    """Your plan: each family, in the plan at a level or not, with its set and remove forms."""
    # The library is read before the plan, so the selects never show an older library than it.
    selects = level_selects(catalog())
    # Each family's two forms: URLs reversed once a process (as settings_page.urls), the CSRF field
    # rendered once for the page, the words the rows repeat translated once a page.
    set_url, remove_url = _row_urls(get_script_prefix())
    level_label, set_label, add_label, remove_label = (
        _("Level"),
        _("Set level"),
        _("Add to plan"),
        _("Remove"),
    )
    rows = []
    for family, exercise, active in plan_overview(user=request.user):
        level = exercise.level if active else None
        rows.append(
            format_html(
                _ROW,
                slug=family.slug,
                name=family.name,
                badge=format_html(_BADGE, _("In plan · level %(level)s") % {"level": level}) if level else "",
                set_url=set_url.format(family.slug),
                csrf_input=csrf_input,
                level_label=level_label,
                select=level_select(selects, family, exercise.pk if exercise else None),
                button=set_label if level else add_label,
                remove=format_html(_REMOVE, remove_url.format(family.slug), csrf_input, remove_label)
                if level
                else "",
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
