from functools import lru_cache

from django import template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from backcare import html_words, language_cache
from backcare.language_cache import per_language
from exercises import catalog, dose
from journal import today_page
from journal.models import Dismissal, PlanItem

register = template.Library()


@register.inclusion_tag("journal/_plan_status.html", takes_context=True)
def plan_status(context, exercise):
    """On an exercise page: is it in the signed-in user's plan, and at which level."""
    request = context["request"]
    item = None
    if request.user.is_authenticated:
        item = PlanItem.objects.filter(user=request.user, progression_id=exercise.progression_id).first()
        if item is not None:  # its level's name from the library snapshot, in the reader's language
            item.exercise = catalog.exercise(item.exercise_id)
    return {"request": request, "exercise": exercise, "item": item, "csrf_token": context.get("csrf_token")}


@register.simple_tag
def select_options(choices, chosen):
    """The <option>s of a small select, `chosen` selected: one tag instead of a loop of ifs.

    `choices` are (value, label) pairs; the first option is the empty one, "–".
    """
    return _options(tuple(choices), "" if chosen is None else str(chosen))


@lru_cache(maxsize=128)
def _options(choices, chosen):
    # The same few choice lists and values come back on every page: rendered once per process.
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        [("", "", "–")]
        + [(value, " selected" if str(value) == chosen else "", label) for value, label in choices],
    )


@register.simple_tag
def felt_choices(name, choices, chosen=None, slug="", *, buttons=False):
    """One "how did it feel" question's big buttons, the same on Today and in the guided session.

    `buttons`: the session's (its script answers with them, `data-answer`); otherwise a plain form's
    radios drawn as the same buttons (`btn-check`, no script needed), `chosen` checked, each id
    ending in the row's `slug`. One tag instead of a loop of nodes per row; cached per process.
    """
    return _felt_choices(name, tuple(choices), "" if chosen is None else str(chosen), slug, buttons)


@lru_cache(maxsize=512)
def _felt_choices(name, choices, chosen, slug, buttons):
    if buttons:
        return format_html_join(
            "",
            '<button type="button" class="btn felt-btn" data-answer="{}" value="{}" aria-pressed="false">{}'
            "</button>",
            [(name, value, label) for value, label in choices],
        )
    return format_html_join(
        "",
        '<input type="radio" class="btn-check" name="{}" value="{}" id="{}-{}-{}"{}>'
        '<label class="btn felt-btn" for="{}-{}-{}">{}</label>',
        [
            (
                name,
                value,
                name,
                slug,
                value,
                " checked" if str(value) == chosen else "",
                name,
                slug,
                value,
                label,
            )
            for value, label in choices
        ],
    )


# Today's plan row (journal/today.html#plan-row, the page's rows and a tick's answer): its opening tag
# and its button, each one call a row instead of a dozen nodes; the words come translated once a
# request (journal/today_page.py: `row_words`), the token field rendered once.
ROW_OPEN = (
    '<li class="plan-row card mb-2{done_class}" id="ex-{slug}" data-testid="plan-item" data-exercise="{slug}"'
    ' data-done="{complete}" data-due="{due}" data-tick-url="{tick_url}" data-untick-url="{untick_url}"'
    ' data-base-times="{base_times}" data-base-feel="{base_feel}">'
)
# The button's templates carry no whitespace between tags: .row-action is a flex box, which draws
# none of it, so it would only be bytes to send and compress.
# Paused after severe pain: no Done until it is taken up again (the row's words below it).
ROW_PAUSED = '<span class="small text-body-secondary" data-testid="paused-mark">{paused}</span>'
# A times-a-day row: each tap adds one to the day's count; undo takes one away, down to none.
ROW_ADD_ONE = (
    '{mark}<form method="post" action="{tick_url}" data-count-form>'
    '{csrf}<input type="hidden" name="add" value="on"><button type="submit"'
    ' class="btn btn-primary tick-btn" data-testid="tick">{add_one}<span class="visually-hidden"> {name}</span>'
    "</button></form>{undo}"
)
ROW_UNDO_ONE = (
    '<form method="post" action="{untick_url}" data-count-form>'
    '{csrf}<button type="submit" class="btn btn-outline-secondary" data-testid="undo">{undo_one}'
    '<span class="visually-hidden"> {name}</span></button></form>'
)
ROW_UNDO = (
    '<span class="done-mark" aria-hidden="true">✓</span>'
    '<form method="post" action="{untick_url}" data-tick-form>'
    '{csrf}<button type="submit" class="btn btn-outline-secondary" data-testid="undo">{undo}'
    '<span class="visually-hidden"> {name}</span></button></form>'
)
ROW_DONE = (
    '<form method="post" action="{tick_url}" data-tick-form>'
    '{csrf}<button type="submit" class="btn btn-primary tick-btn" data-testid="tick">{done}'
    '<span class="visually-hidden"> {name}</span></button></form>'
)
DONE_MARK = mark_safe('<span class="done-mark" aria-hidden="true">✓</span>')


@register.simple_tag
def row_open(row):
    """A plan row's <li>: its exercise, whether it is done and due, its write URLs and bases."""
    slug, due = row.exercise.slug, row.status is not None and row.status.due
    return format_html(
        ROW_OPEN,
        done_class=" is-done" if row.complete else "",
        slug=slug,
        complete="true" if row.complete else "false",
        due="true" if due else "false",
        tick_url=row.tick_url,
        untick_url=row.untick_url,
        base_times=row.bases["t"],
        base_feel=row.bases["f"],
    )


@register.simple_tag(takes_context=True)
def row_action(context, row):
    """A plan row's button: Done, Undo, Add one (and Undo one), or the paused mark."""
    words, csrf, name = context["row_words"], context["csrf_input"], row.exercise.name
    if row.pause and not row.done:
        return format_html(ROW_PAUSED, paused=words["paused"])
    if row.status is not None and row.status.counts_up:
        undo = ""
        if row.done:
            undo = format_html(
                ROW_UNDO_ONE, untick_url=row.untick_url, csrf=csrf, undo_one=words["undo_one"], name=name
            )
        return format_html(
            ROW_ADD_ONE,
            mark=DONE_MARK if row.complete else "",
            tick_url=row.tick_url,
            csrf=csrf,
            add_one=words["add_one"],
            name=name,
            undo=undo,
        )
    if row.done:
        return format_html(ROW_UNDO, untick_url=row.untick_url, csrf=csrf, undo=words["undo"], name=name)
    return format_html(ROW_DONE, tick_url=row.tick_url, csrf=csrf, done=words["done"], name=name)


# The whole row (journal/today.html#plan-row) as three calls a row instead of some twenty nodes
# (comments, whitespace, ifs and lookups, the two fragments' tags): its head (the <li>, the library
# part, the button, the schedule note), its notes (the library's cautions, hold timer and tips) and
# its tail (its level offer, a done row's "how did it feel" forms, the closing tags). The rare pause
# after severe pain stays in the template, between the head and the notes. No whitespace between
# the tags but before </li>: the row's boxes are block, grid (.row-text is display: contents) and
# flex boxes, which draw none.
ROW_HEAD = (
    '{open}<div class="card-body"><div class="row-main"><div class="row-text">{text}</div>'
    '<div class="row-action">{action}</div></div>{note}'
)
ROW_NOTE = '<p class="schedule-note small mb-0{}" data-testid="schedule">{}</p>'
# A row's end: its level offer, a done row's forms, then the closing tags as the template had them
# (a row's end is found by them).
ROW_TAIL = "{}{}</div>\n</li>"


@register.simple_tag(takes_context=True)
def row_head(context, row):
    """A plan row's head: its <li> (`row_open`), the library part (name, figure, dose, cue), its
    button (`row_action`) and, unless paused, its schedule note."""
    status = row.status
    note = ""
    if not row.pause and status is not None and status.text:
        note = format_html(ROW_NOTE, "" if status.due else " text-body-secondary", status.text)
    return format_html(
        ROW_HEAD,
        open=row_open(row),
        text=library_fragment("journal/_exercise_text.html", row.exercise, row.dose_step),
        action=row_action(context, row),
        note=note,
    )


@register.simple_tag
def row_notes(row):
    """A plan row's cautions, hold timer and tips (the library's, at its dose step)."""
    return library_fragment("journal/_exercise_notes.html", row.exercise, row.dose_step)


# A row's own level offer (a level-up or a dose step; a step back is in Today's "take it easier"
# box): one format_html instead of some thirty nodes (ifs, translate and url tags), its fixed words
# translated once a language (`_offer_words`).
ROW_OFFER = (
    '<div class="suggestion alert alert-success mt-2 mb-0" data-testid="suggestion" data-kind="{kind}">'
    '<p class="mb-2"><strong>{ready}</strong> {reason}</p><div class="d-flex flex-wrap gap-2">'
    '<form method="post" action="{accept_url}">{csrf}<input type="hidden" name="kind" value="{kind}">'
    '<button class="btn btn-primary" data-testid="accept">{accept}</button></form>'
    '<form method="post" action="{dismiss_url}">{csrf}<input type="hidden" name="kind" value="{kind}">'
    '<button class="btn btn-outline-secondary" data-testid="dismiss">{not_now}</button></form></div></div>'
)
OFFER_WORDS = {
    "ready_up": gettext_lazy("Ready for the next level?"),
    "ready_more": gettext_lazy("Ready for a little more?"),
    "move_up": gettext_lazy("Move up"),
    "do_more": gettext_lazy("Do a little more"),
    "not_now": gettext_lazy("Not now"),
}


_offer_words = language_cache.words(OFFER_WORDS, html_words.safe)  # translated once a language


def row_offer(context, row):
    """A plan row's level offer with its Accept and "Not now" forms, or "" (none, or a step back)."""
    if not row.level_offer:
        return ""
    item, suggestion = row.suggestion
    words, kind = _offer_words(), suggestion.kind
    urls = today_page.urls()  # reversed once a process
    up = kind == Dismissal.Kind.UP
    return format_html(
        ROW_OFFER,
        kind=kind,
        ready=words["ready_up"] if up else words["ready_more"],
        reason=suggestion.reason,
        accept_url=urls["accept"].format(item.pk),
        dismiss_url=urls["dismiss"].format(item.pk),
        csrf=context["csrf_input"],
        accept=words["move_up"] if up else words["do_more"],
        not_now=words["not_now"],
    )


@register.simple_tag(takes_context=True)
def row_tail(context, row):
    """A plan row's end: its level offer (`row_offer`), a done row's "how did it feel" forms
    (`felt_form`), then the closing tags."""
    return format_html(ROW_TAIL, row_offer(context, row), felt_form(context, row) if row.done else "")


# A done row's "how did it feel" forms (Today's plan row, journal/today.html#plan-row): one tap
# "Felt fine" records the usual answers (journal/felt.py), "Tell more" opens the same big buttons as
# the guided session (plain radios, no script needed). One call a row instead of some fifty nodes.
FELT_FORM = (
    '<details class="tick-detail"><summary class="small">{feeling}</summary>'
    '<div class="felt felt-form mt-2">'
    '<form method="post" action="{tick_url}" class="tick-detail-form mb-2">{csrf}{usual}'
    '<button type="submit" class="btn btn-primary btn-lg felt-fine w-100" data-testid="felt-fine">'
    '{felt_fine}<span class="visually-hidden"> {name}</span></button></form>'
    '<details class="felt-more">'
    '<summary class="btn btn-outline-primary btn-lg w-100" data-testid="tell-more">{tell_more}</summary>'
    '<form method="post" action="{tick_url}" class="tick-detail-form">{csrf}'
    '<fieldset><legend>{pain_legend}</legend><div class="felt-pain">{pain}</div></fieldset>'
    '<fieldset><legend>{effort_legend}</legend><div class="felt-row">{effort}</div></fieldset>'
    '<fieldset class="spread-question"><legend>{spread_legend}</legend><div class="felt-row">{spread}</div>'
    "</fieldset>"
    '<div class="form-check partial-check mb-2"><input class="form-check-input" type="checkbox"'
    ' name="partial" value="on" id="pt-{slug}"{partial}><label class="form-check-label small"'
    ' for="pt-{slug}">{less_than_full}</label></div>'
    '<button type="submit" class="btn btn-primary">{save}</button>'
    "</form></details></div></details>"
)
# The form's fixed words, put in once a language (`_felt_template`): a row fills in only its own.
FELT_WORDS = {
    "felt_fine": "felt_fine",
    "tell_more": "tell_more",
    "pain_legend": "pain_during",
    "effort_legend": "effort",
    "spread_legend": "spread",
    "save": "save",
}

# What each row fills in itself.
_FELT_ROW_FIELDS = (
    "feeling",
    "tick_url",
    "csrf",
    "usual",
    "name",
    "pain",
    "effort",
    "spread",
    "slug",
    "partial",
    "less_than_full",
)


@per_language
def _felt_template(language):
    """FELT_FORM with the words of `language` (the active one: `row_words` reads in it) put in,
    escaped, and the row's own fields left to fill. The same for everyone who reads that language."""
    words = today_page.row_words()
    found = {field: "{" + field + "}" for field in _FELT_ROW_FIELDS}
    for field, word in FELT_WORDS.items():
        found[field] = str(words[word]).replace("{", "{{").replace("}", "}}")
    return FELT_FORM.format(**found)


@register.simple_tag(takes_context=True)
def felt_form(context, row):
    """A done row's "how did it feel" forms, its answers checked: the form with this language's
    words already in (`_felt_template`), the request's token field and the row's own values (each
    escaped here, as format_html would)."""
    words = context["row_words"]
    tick, slug = row.tick, conditional_escape(row.exercise.slug)
    return mark_safe(
        _felt_template(translation.get_language()).format(
            feeling=conditional_escape(row.feeling),
            tick_url=conditional_escape(row.tick_url),
            csrf=conditional_escape(context["csrf_input"]),
            usual=_usual_inputs(tuple(row.usual.items())),
            name=conditional_escape(row.exercise.name),
            pain=_felt_choices("pain_during", words["pain_options"], _chosen(tick.pain_during), slug, False),
            effort=_felt_choices("effort", words["effort_options"], _chosen(tick.effort), slug, False),
            spread=_felt_choices("spread", words["spread_choices"], _chosen(row.spread_answer), slug, False),
            slug=slug,
            partial="" if tick.full_dose else " checked",
            less_than_full=conditional_escape(words["less_than_full"] % {"dose": row.dose_text}),
        )
    )


@lru_cache(maxsize=256)
def _usual_inputs(answers):
    """The one-tap "Felt fine" form's hidden fields: the usual answers (journal/felt.py), a few
    values of a few questions, the same HTML for everyone who has them: drawn once a process."""
    return format_html_join("", '<input type="hidden" name="{}" value="{}">', answers)


def _chosen(value):
    return "" if value is None else str(value)


@register.simple_tag
def spread_radios(choices, chosen, slug):
    """A done row's "did symptoms spread down your leg" radios, `chosen` checked: one tag instead of
    a loop of nodes per row. `choices` are (value, label) pairs; each id ends in the row's `slug`."""
    return format_html_join(
        "",
        '<div class="form-check"><input class="form-check-input" type="radio" name="spread" value="{}"'
        ' id="sp-{}-{}"{}><label class="form-check-label small" for="sp-{}-{}">{}</label></div>',
        [
            (value, value, slug, " checked" if chosen == value else "", value, slug, label)
            for value, label in choices
        ],
    )


def _fragment_context(exercise, dose_step):
    context = {"exercise": exercise}
    if dose_step is not None:
        at_step = dose.at_step(exercise, dose_step)
        context["dose"] = at_step
        context["dose_text"] = dose.display(at_step, exercise)
        context["dose_hold"] = at_step.hold_seconds or at_step.rep_hold_seconds
    return context


@register.simple_tag
def library_fragment(template_name, exercise, dose_step=None):
    """`template_name` rendered for a library exercise once per library version, then reused by
    every page that shows it. The fragment may use nothing but `exercise`, and with a `dose_step`
    the concrete dose at that step of the level (exercises/dose.py): `dose`, `dose_text` and
    `dose_hold` (its seconds of hold, per set or per rep). That is the same for everyone at that
    step, so it is cached per step.

    The key's version is the snapshot's (exercises.catalog): an edit anywhere in the library makes a
    new one, so a fragment never outlives the content it shows. An instance from an older snapshot
    (replaced while this request ran) is rendered without caching.
    """
    key = f"journal:{template_name}:{exercise.pk}"
    if dose_step is not None:
        dose_step = max(0, min(dose_step, dose.top_step(exercise)))
        key += f":{dose_step}"

    def render():
        return render_to_string(template_name, _fragment_context(exercise, dose_step))

    return catalog.library_fragment(key, exercise, render)
