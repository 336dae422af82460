from bisect import bisect_left
from dataclasses import replace
from datetime import timedelta
from functools import lru_cache

from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, npgettext, pgettext, pgettext_lazy

from backcare import diary_version, version_cache
from exercises import catalog
from journal import cache_keys, date_words, history_numbers, insights, psfs, safety, selectors, suggestions
from journal.days import first_day
from journal.row_urls import OPEN, url_format

RANGES = {"30": 30, "90": 90, "365": 365, "all": None}
RANGE_LINKS = [
    # Translators: History's and the report's choice of period.
    ("30", gettext_lazy("30 days")),
    ("90", gettext_lazy("90 days")),
    ("365", gettext_lazy("1 year")),
    # Translators: History's and the report's choice of period: the whole diary.
    ("all", pgettext_lazy("period", "All")),
]
DEFAULT_RANGE = "90"
CALENDAR_WEEKS = 12
ROWS_PER_PAGE = 30
REPORT_ROWS = 8  # level changes and notes on the one-page report (the newest)
WALKING = "walking"  # the walking family's slug: its own insight, never in the exercises' list
INSIGHTS_TIMEOUT = 24 * 60 * 60  # the key carries the day: an older one is never read again


def _period(request, today):
    key = request.GET.get("range", DEFAULT_RANGE)
    if key not in RANGES:
        key = DEFAULT_RANGE
    length = RANGES[key]
    return key, (today - timedelta(days=length - 1) if length else None)


def _summary(user, key, start, today, *, details=False, insights_read=False):
    """The period's days and numbers; with `insights_read` (History) also the insights' rows
    ("insight_rows"), read with the days when the days all fall in the insights' window (30 and 90
    days: one query instead of two), else None (the insights read them when they need them)."""
    calendar_start = today - timedelta(days=7 * CALENDAR_WEEKS + 6)
    # "All" starts at the diary's floor (journal/days.py): a row typed far in the past under older
    # rules stays in the export, but never stretches a page to centuries of days.
    first = first_day(user)
    everything = start is None
    fetch_from = first if everything else max(first, min(start, calendar_start))
    window = today - timedelta(days=insights.WINDOW_DAYS)
    insight_rows = None
    if insights_read and not everything and fetch_from >= window:
        days, insight_rows = selectors.history_days(
            user=user, since=fetch_from, first=window, last=today - timedelta(days=1)
        )
        notes = {}
    else:
        days, notes = selectors.logged_days(user=user, since=fetch_from, details=details)
    days = [d for d in days if d.date <= today]  # a day ahead only because the time zone moved
    if start is None:
        start = days[0].date if days else today
        in_period = days
    else:
        in_period = history_numbers.days_from(days, start)
    active = [d.date for d in days if d.active]
    kept = set(active)
    # The streak from the days read (12 weeks at least); one more query only for a longer one.
    # With "all" every day the diary can hold was read, so the streak is known without a query.
    streak = selectors.streak(
        user=user, today=today, active_days=kept, read_from=None if everything else fetch_from
    )
    return {
        "range": key,
        "ranges": RANGE_LINKS,
        "start": start,
        "today": today,
        "recent": history_numbers.days_from(days, calendar_start),
        "in_period": in_period,
        "notes": notes,
        "average": history_numbers.average([d.pain for d in in_period]),
        "change": history_numbers.change(in_period, today),
        "adherence": history_numbers.adherence(in_period),
        "streak": streak,
        "longest": history_numbers.longest_streak(active[bisect_left(active, start) :]),
        "habit": history_numbers.habit_score(kept, _habit_start(user, days, today), today),
        "last_7": history_numbers.days_kept(kept, today),
        "insight_rows": insight_rows,
    }


def _habit_start(user, days, today):
    """The habit score's first day: the diary's first day (its first row, or the day the account
    was made when that is earlier), within the last HABIT_WINDOW_DAYS, which every range reads."""
    joined = user.date_joined.astimezone(user.tzinfo).date()
    first = min(days[0].date, joined) if days else joined
    return max(first, today - timedelta(days=history_numbers.HABIT_WINDOW_DAYS - 1))


def _daily_chart(in_period, start, today):
    """Chart data and the no-JS table's rows for a period shown day by day."""
    series = history_numbers.pain_series(in_period, start, today)
    rolling = history_numbers.rolling_average(series)
    chart = {
        "unit": "day",
        "labels": [day.isoformat() for day, _ in series],
        "pain": [pain for _, pain in series],
        "average": [avg for _, avg in rolling],
        "rest": [d.date.isoformat() for d in in_period if d.day_type == "rest"],
        "rough": [d.date.isoformat() for d in in_period if d.day_type == "rough"],
    }
    table = [
        (day.isoformat(), "–" if pain is None else pain, "–" if avg is None else f"{avg:.1f}")
        for (day, pain), (_, avg) in zip(series, rolling, strict=True)
        if pain is not None or avg is not None
    ]
    return chart, table


def _table_html(table, row):
    """The no-JS table's <tr>s, newest first: a year of days at most, or one row a week. Built with
    str.format rather than a template loop (several times the cost) or format_html_join (whose
    escaping of three values a row was a twentieth of History 90): every value is an ISO date, a
    number or a number written by an f-string, or the dash for none, so nothing in it is typed by
    anyone and the joined HTML is marked safe once."""
    return mark_safe("".join(row.format(*values) for values in reversed(table)))


def _chart_words():
    """What the chart's script writes (static/js/history.js), in the active language: its labels,
    Django's month and weekday names, and the named date formats it writes dates in."""
    return {
        "daily": _("Daily pain"),
        "average": _("7-day average"),
        "weekly": _("Weekly average"),
        "marked": _("Rest or rough day"),
        "axis": _("Pain (0–10)"),
        # Translators: History's chart, a weekly point's title: "Week of 3 Nov".
        "week_of": _("Week of %(day)s"),
        **date_words.names(),
        "formats": {
            "day_month": date_words.format_letters("DAY_MONTH_FORMAT"),
            "date": date_words.format_letters("SHORT_DATE_FORMAT"),
            "long": date_words.format_letters("WEEKDAY_FULL_DATE_FORMAT"),
        },
    }


def _weekly_chart(in_period, start, today):
    """Chart data and the no-JS table's rows for a period shown as weekly averages."""
    weeks = history_numbers.weekly_averages(in_period, start, today)
    chart = {
        "unit": "week",
        "labels": [monday.isoformat() for monday, _ in weeks],
        "pain": [mean for _, mean in weeks],
        "average": [],
        "rest": [],
        "rough": [],
    }
    table = [(monday.isoformat(), f"{mean:.1f}") for monday, mean in weeks if mean is not None]
    return chart, table


def _insights(user, today, morning, rows=None):
    """History's insights (journal/insights.py), computed once for a day's data, not once a write.

    Kept in the shared cache under the user (id and random epoch), the day, the method's version
    and the library's (journal/cache_keys.py: insights_key), as (the diary version read with the
    user, `insights.digest` of the days computed from, the insights). Read with the same diary
    version (backcare/diary_version.py: nothing written since), it makes no query. After a write it
    reads the window's days before today, each with its ticked exercises (one query, one row a
    day), and takes their digest with today's pain (`morning`, from the days the page has read): the
    same days (a tick, a rest day or a note today: the insights read only today's pain) give the
    kept insights without building the days nor running the bootstrap again; other days (a
    check-in today, any change of a past day) compute them afresh. `rows`: those days, when the
    page has read them with its own (`_summary`: History 30 and 90), so no query here.
    """
    version = diary_version.current(user)  # None: this request has written
    library = catalog.catalog()
    key = cache_keys.insights_key(user, today, library.version)
    cache = caches["default"]
    kept = cache.get(key)
    if kept is not None and version is not None and kept[0] == version:
        return kept[2]
    if rows is None:
        rows = selectors.insight_rows(
            user=user, first=today - timedelta(days=insights.WINDOW_DAYS), last=today - timedelta(days=1)
        )
    read = insights.digest(rows, morning)
    if kept is not None and kept[1] == read:
        found = kept[2]
    else:
        days, ticks = insights.days_and_ticks(
            rows,
            today=today,
            morning=morning,
            family_of=lambda pk: catalog.exercise(pk).progression_id,
        )
        walking = next((p.pk for p in library.progressions if p.slug == WALKING), None)
        found = insights.compute(
            days,
            ticks,
            today=today,
            families=[(p.pk, p.name) for p in library.progressions],
            walking=walking,
        )
    # Stored even after a write here: the digest says which days it holds (the version None never
    # matches one read with a user).
    cache.set(key, (version, read, found), INSIGHTS_TIMEOUT)
    return found


def _insights_context(user, today, morning, rows=None):
    found = _insights(user, today, morning, rows)
    # The insights are kept whatever the reader's language: each comparison is named again in it,
    # the exercises from the library's snapshot in that language (no query).
    names = {p.pk: p.name for p in catalog.catalog().progressions}
    # Described together, their sentences translated once (insights.describe_all); the plan once.
    plan, walking, *exercises = insights.describe_all((found.plan, found.walking, *found.exercises), names)
    main = [item for item in (plan, walking) if item is not None and item["comparison"].enough]
    return {
        "insights": found,
        "insight_main": main,
        "insight_main_rows": format_html_join("", INSIGHT_CARD, (_card_values(item) for item in main)),
        "insight_exercises": exercises,
        "insight_exercise_rows": format_html_join("", INSIGHT_ROW, (_row_values(item) for item in exercises)),
        "insight_plan": plan,
        "insight_window": insights.WINDOW_DAYS,
    }


# The insights' cards (the plan, a walk) and the exercises' rows (journal/_history_insights.html),
# built here as the calendar is rather than by a template loop of some eight nodes an insight:
# format_html escapes each value as the template's `{{ }}` did (the means' lines are our HTML).
INSIGHT_CARD = (
    '\n    <li class="insight card" data-testid="insight" data-insight="{}"><div class="card-body">\n'
    '      <h3 class="insight-name">{}</h3>\n'
    '      <p class="mb-1">{}</p>\n'
    '      <ul class="insight-sides small">\n'
    "        <li>{}</li>\n"
    "        <li>{}</li>\n"
    "      </ul>\n"
    '      <p class="small text-body-secondary mb-0">{}</p>\n'
    "    </div></li>\n    "
)
INSIGHT_ROW = (
    '\n      <li class="insight-row" data-testid="insight" data-insight="{}">\n'
    '        <h3 class="insight-name">{}</h3>\n'
    '        <p class="mb-1">{} {}</p>\n'
    "        {}\n"
    '        <p class="small text-body-secondary mb-0">{}</p>\n'
    "      </li>\n      "
)
TOGETHER_LINE = '<p class="small mb-1" data-testid="insight-together">{}</p>'


def _card_values(item):
    c = item["comparison"]
    return (c.key, c.name, item["summary"], item["with_line"], item["without_line"], item["interval"])


def _row_values(item):
    c = item["comparison"]
    together = format_html(TOGETHER_LINE, item["together"]) if c.together else ""
    return (c.key, c.name, item["summary"], item["with_line"], together, item["interval"])


PSFS_ROWS = 12


def _psfs_summary(user):
    """The user's PSFS summary (journal/psfs.py), kept in the shared cache under the user's PSFS
    version (backcare/version_cache.py: per_psfs_version; the PSFS rows' triggers move it, a tick or a
    check-in does not): every rating is read (one query, some 650 rows after five years), so it is
    read once a PSFS change, not once a page nor once a tick. The key carries the summary's
    version, so a summary of an older shape is never read. Each activity apart is kept with its
    first and latest ratings only (`_first_and_latest`)."""
    return version_cache.per_psfs_version(
        cache_keys.PSFS_SUMMARY, user, lambda: _first_and_latest(psfs.summary(selectors.psfs_rows(user=user)))
    )


def _first_and_latest(found):
    """The summary with each activity apart holding only its first and latest ratings (one, when it
    was rated once): all that History and the report print of it (`_psfs_apart_html`: its first and
    latest rating and date, and whether it was rated more than once). An activity added at every
    round is rated at each later one, so five years of rounds kept some 2,100 ratings apart (a 24 kB
    value, unpickled on every History and report: 0.15 ms) for some 130 read."""
    if all(len(a.ratings) <= 2 for a in found.apart):
        return found
    return replace(
        found,
        apart=[
            replace(a, ratings=(a.ratings[0], a.ratings[-1])) if len(a.ratings) > 2 else a
            for a in found.apart
        ],
    )


PSFS_ROW = "<tr><td>{}</td><td>{}</td></tr>"


def _psfs_context(found, start):
    """The PSFS summary, and the rounds History lists: those of the period shown, the newest 12 (a
    round every two weeks: five years would be 130 rows of a table nobody reads), as the table's
    <tr>s (journal/_psfs_history.html), built here as the calendar is: each round's date in the
    active language's SHORT_DATE_FORMAT (journal/date_words.py), its score as the template's
    `floatformat:1` wrote it (the filter itself, called once a row)."""
    shown = [(day, score) for day, score in found.series if day >= start][-PSFS_ROWS:]
    on = date_words.writer("SHORT_DATE_FORMAT")
    # Twelve rows at most: format_html_join escapes each value, no hand-marked HTML needed.
    rows = format_html_join(
        "", PSFS_ROW, ((on(day), floatformat(score, 1)) for day, score in reversed(shown))
    )
    return {"psfs": found, "psfs_shown": rows, "psfs_apart_rows": _psfs_apart_html(found)}


def _psfs_apart_html(found):
    """The <li>s of the activities rated in only one of the first and latest rounds
    (journal/_psfs_apart.html), built here once a page: an activity added at every round gives
    dozens of rows, which through a template loop of `blocktranslate`s and `date` filters cost
    several milliseconds of History and the report. The sentences are marked for translation as
    the template's were, the dates written in the active language's SHORT_DATE_FORMAT
    (journal/date_words.py); each value is escaped, as `blocktranslate` escapes it, and the
    activity's name (the person's own words) sits in a `translate="no"` span."""
    on = date_words.writer("SHORT_DATE_FORMAT")
    # The two sentences and the reasons are translated and escaped once a page, not once a row.
    twice = escape(_("%(name)s (%(why)s): %(first)s on %(first_on)s, latest %(latest)s on %(latest_on)s"))
    once = escape(_("%(name)s (%(why)s): %(first)s on %(first_on)s"))
    whys = {}
    rows = []
    for a in found.apart:
        why = whys.get((a.in_first, a.in_latest))
        if why is None:
            why = whys[(a.in_first, a.in_latest)] = escape(a.why)
        words = {
            "name": f'<span translate="no">{escape(a.name)}</span>',
            "why": why,
            "first": a.first,
            "first_on": on(a.first_on),
        }
        if len(a.ratings) > 1:
            words.update(latest=a.latest, latest_on=on(a.latest_on))
        # Safe: the sentence is ours, every value in it is escaped (numbers, dates in our words).
        rows.append(
            f'<li data-testid="psfs-apart-row">{(twice if len(a.ratings) > 1 else once) % words}</li>'
        )
    return mark_safe("".join(rows))


FIXED_PARTS = (
    "header",
    "chart_head",
    "table_head",
    "calendar_head",
    "calendar_foot",
    "insights_intro",
    "insights_range",
)


def _fixed_parts(key, weekly):
    """History's parts that are the same for everyone who reads the language and asks for the range
    `key` (the header's link to the report, the range links) drawn `weekly` or not: headings, the
    chart's notes, the tables' heads, the calendar's week days and key, the insights' introduction
    (journal/_history_fixed.html, some 30 translated words). Rendered once a process for each
    language, range and way (`catalog.render_cached`, as the session's player; afresh with DEBUG)
    instead of once a page: nothing of the user or their days goes in."""
    context = {"range": key, "ranges": RANGE_LINKS, "weekly": weekly, "insight_window": insights.WINDOW_DAYS}

    def render():
        return {
            part: render_to_string("journal/_history_fixed.html", {**context, "part": part})
            for part in FIXED_PARTS
        }

    return catalog.render_cached(f"journal:history-fixed:{key}:{int(weekly)}", render)


def _stat_words(adherence, streak, longest, last_7):
    """The summary's counted notes ("3 of 5 planned · 2 rest", "12 days", "longest in this period:
    4", "5 of the last 7 days done"), the `blocktranslate`s journal/_history_body.html and
    journal/_habit.html had, with the same msgids: five to seven of them a page, each several
    times the cost of a variable. Every value is a whole number (written as the template wrote it:
    no digit grouping here) in our own sentence, so nothing needs escaping."""
    words = {
        "streak": ngettext("%(counter)s day", "%(counter)s days", streak) % {"counter": streak},
        "longest": _("longest in this period: %(longest)s") % {"longest": longest},
        "last_7": ngettext(
            "%(counter)s of the last 7 days done", "%(counter)s of the last 7 days done", last_7
        )
        % {"counter": last_7},
    }
    if adherence.planned:
        planned = ngettext(
            "%(done)s of %(counter)s planned", "%(done)s of %(counter)s planned", adherence.planned
        )
        note = planned % {"done": adherence.done, "counter": adherence.planned}
    else:
        note = _("nothing due")
    if adherence.rest_days:
        rest = npgettext("rest days in a period", "%(counter)s rest", "%(counter)s rest", adherence.rest_days)
        note += " · " + rest % {"counter": adherence.rest_days}
    if adherence.rough_days:
        rough = npgettext(
            "rough days in a period", "%(counter)s rough", "%(counter)s rough", adherence.rough_days
        )
        note += " · " + rough % {"counter": adherence.rough_days}
    words["adherence"] = note
    # Safe: our own sentences (as blocktranslate printed them, unescaped) with whole numbers in them.
    return {key: mark_safe(value) for key, value in words.items()}


def _pain_on(days, day):
    """The pain of `day` among `days` (in date order, ending by `day`), or None."""
    return days[-1].pain if days and days[-1].date == day else None


@lru_cache(maxsize=16)
def _day_url(script_prefix):
    """The day page's address as a str.format string (journal/row_urls.py), reversed once a process
    for each script prefix (reverse() puts it in front), as Today's (journal/today_page.py: urls), not
    once a page (0.05-0.1 ms of History)."""
    return url_format("journal:day", day=OPEN)


def _history_body(request, today):
    """History's main content for the range and page asked for, rendered (journal/_history_body.html)."""
    key, start = _period(request, today)
    summary = _summary(request.user, key, start, today, insights_read=True)
    weekly = history_numbers.by_week(summary["start"], today)
    chart, table = (_weekly_chart if weekly else _daily_chart)(summary["in_period"], summary["start"], today)
    page = Paginator(summary["in_period"][::-1], ROWS_PER_PAGE).get_page(request.GET.get("page"))
    day_url = _day_url(get_script_prefix())
    context = {
        **summary,
        "weekly": weekly,
        "fixed": _fixed_parts(key, weekly),
        "stat_words": _stat_words(
            summary["adherence"], summary["streak"], summary["longest"], summary["last_7"]
        ),
        "chart": {**chart, "words": _chart_words()},
        "table": _table_html(table, WEEK_ROW if weekly else DAY_ROW),
        "calendar": _calendar_html(summary["recent"], today, day_url, first_day(request.user)),
        "page": page,
        "day_rows": _day_rows_html(page.object_list, day_url),
        **_psfs_context(_psfs_summary(request.user), summary["start"]),
        **_insights_context(request.user, today, _pain_on(summary["recent"], today), summary["insight_rows"]),
    }
    # Without the request: nothing in the body reads what the context processors give (the user,
    # messages, the header's URLs, the urgent-care words: journal/history.html's frame, base.html,
    # has them), so they are not run twice a page.
    return render_to_string("journal/_history_body.html", context)


@login_required
def history_page(request):
    """History, rendered afresh on every load (nothing of the page is kept: `private, no-store`)."""
    today = request.user.local_today()
    body = _history_body(request, today)
    return render(request, "journal/history.html", {"body": body})


CALENDAR_MARKS = {"done": "✓", "partly": "½", "rest": "R", "rough": "~", "missed": "·"}
DAY_ROW = "<tr><td>{}</td><td>{}</td><td>{}</td></tr>"
WEEK_ROW = "<tr><td>{}</td><td>{}</td></tr>"


def _status_words():
    """A calendar day's state in words, in the active language, escaped (read once a page)."""
    return {
        # Translators: History's calendar, a day on which every exercise due was ticked.
        "done": escape(pgettext("calendar day", "done")),
        # Translators: History's calendar, a day on which some of the exercises due were ticked.
        "partly": escape(pgettext("calendar day", "partly")),
        # Translators: History's calendar, a day on which none of the exercises due was ticked.
        "missed": escape(pgettext("calendar day", "missed")),
        # Translators: History's calendar, a day marked as a rest day.
        "rest": escape(pgettext("calendar day", "rest")),
        # Translators: History's calendar, a day marked as a rough day (a day of more pain).
        "rough": escape(pgettext("calendar day", "rough")),
        # Translators: History's calendar, a day with nothing recorded.
        "none": escape(pgettext("calendar day", "none")),
        # Translators: History's calendar, a day still to come this week.
        "future": escape(pgettext("calendar day", "future")),
    }


# The calendar's 84 cells and a page of day rows are built here with str.format: through the
# template engine, an include per cell, they took most of the page's time, and format_html's
# escaping of every value was still a tenth of the first load. Nothing in them is typed by anyone:
# dates, numbers, our own words (translated, escaped once a page) and marks, and the day's address
# (escaped once a page), so the joined HTML is marked safe once. Dates are written in the active
# language's named formats (journal/date_words.py: compiled once a language, not once a cell).
# Each cell shows its day of the month and its mark, and links to the day's page.
CALENDAR_CELL = (
    '<td class="{0}" title="{1}"><a href="{2}"><span class="cal-day" aria-hidden="true">{3}</span>'
    '<span class="cal-mark" aria-hidden="true">{4}</span><span class="visually-hidden">{1}</span></a></td>'
)
# A day still to come, or before the diary's first day (journal/days.py), has no link.
CALENDAR_PLAIN_CELL = '<td class="{0}" title="{1}"><span class="cal-day" aria-hidden="true">{2}</span></td>'
# Each week starts with the name of the month it begins (the first week's, and any holding a 1st).
CALENDAR_WEEK = '<tr><th scope="row" class="cal-month">{}</th>' + "{}" * 7 + "</tr>"


def _calendar_words():
    """What every cell's label is made of, read once a page in the active language."""
    return {
        "date": date_words.writer("WEEKDAY_DAY_MONTH_FORMAT"),
        "status": _status_words(),
        # Translators: History's calendar, a day's label: "Wed 5 Nov: partly, pain 4".
        "with_pain": escape(_("%(day)s: %(status)s, pain %(pain)s")),
        # Translators: History's calendar, a day's label without a pain score: "Wed 5 Nov: rest".
        "without_pain": escape(_("%(day)s: %(status)s")),
    }


def _calendar_cell(day, status, pain, day_url, floor, words):
    classes = f"cal-{status}" if pain is None else f"cal-{status} pain-{pain}"
    values = {"day": words["date"](day), "status": words["status"].get(status, status), "pain": pain}
    label = (words["without_pain"] if pain is None else words["with_pain"]) % values
    if status == "future" or day < floor:
        return CALENDAR_PLAIN_CELL.format(classes, label, day.day)
    return CALENDAR_CELL.format(
        classes, label, day_url.format(day.isoformat()), day.day, CALENDAR_MARKS.get(status, "")
    )


def _month_name(week, first):
    """The month a calendar row names: the first row's, or the month whose 1st the row holds."""
    starts = [day for day, _, _ in week if day.day == 1]
    if starts:
        return date_words.month_abbreviation(starts[0].month)
    return date_words.month_abbreviation(week[0][0].month) if first else ""


def _calendar_html(days, today, day_url, floor):
    """The 12-week calendar's <tr>s, Monday first, ending with the week of `today`; days before
    `floor` (the diary's first day) are shown without a link."""
    weeks = history_numbers.calendar_weeks(days, today, CALENDAR_WEEKS)
    day_url = escape(day_url)
    words = _calendar_words()
    rows = (
        CALENDAR_WEEK.format(
            _month_name(week, n == 0), *(_calendar_cell(*cell, day_url, floor, words) for cell in week)
        )
        for n, week in enumerate(weeks)
    )
    return mark_safe("".join(rows))  # see above: no value in it is typed by anyone


def _row_words():
    """What the day list's rows are made of, read once a page in the active language (and the
    rows' counted sentences, kept here by `_day_row` as it first meets each count)."""
    return {
        "date": date_words.writer("WEEKDAY_DAY_MONTH_FORMAT"),
        # Translators: History's day list, a day's pain score (0 to 10).
        "pain": escape(_("pain %(pain)s")),
        # Translators: History's day list, a day with a row but no pain score.
        "no_pain": escape(_("no pain number")),
        # Translators: History's day list, a day marked as a rest day.
        "rest": escape(_("rest day")),
        # Translators: History's day list, a day with no exercise due (a week's walks already done).
        "nothing_due": escape(_("nothing due")),
    }


def _day_row(d, day_url, words):
    """(url, date, year, pain, done) of one row of the day list."""
    # A note alone is no number either.
    pain = words["no_pain"] if d.pain is None else words["pain"] % {"pain": d.pain}
    if d.day_type == "rest":
        done = words["rest"]
    elif not d.planned:
        # Nothing was due (a week's walks already done, say): no "0 of 0".
        if d.ticked:
            text = words.get(("anyway", d.ticked))
            if text is None:
                text = ngettext(
                    # Translators: History's day list, a day with nothing due on which exercises were ticked.
                    "nothing due · %(done)s done anyway",
                    "nothing due · %(done)s done anyway",
                    d.ticked,
                )
                text = words["anyway", d.ticked] = escape(text)
            done = text % {"done": d.ticked}
        else:
            done = words["nothing_due"]
    else:
        # Each sentence translated and escaped once a page for each count (`words`), not once a row;
        # the values are whole numbers, so escaping the sentence before them changes nothing.
        key = ("rough" if d.day_type == "rough" else "done", d.planned)
        text = words.get(key)
        if text is None:
            if d.day_type == "rough":
                text = ngettext(
                    # Translators: History's day list, "3 of 5 done · rough day" (a rough day: a day of more pain).
                    "%(done)s of %(planned)s done · rough day",
                    "%(done)s of %(planned)s done · rough day",
                    d.planned,
                )
            else:
                # Translators: History's day list, how many of the exercises due were ticked: "3 of 5 done".
                text = ngettext("%(done)s of %(planned)s done", "%(done)s of %(planned)s done", d.planned)
            text = words[key] = escape(text)
        done = text % {"done": min(d.done, d.planned), "planned": d.planned}
    return day_url.format(d.date.isoformat()), words["date"](d.date), d.date.year, pain, done


DAY_ITEM = (
    '<li data-testid="history-row" class="day-row"><a href="{}"><span class="day-date">{} {}</span>\n'
    '<span class="day-pain">{}</span>\n<span class="day-done">{}</span></a></li>\n'
)


def _day_rows_html(days, day_url):
    """The day list's <li>s (data-testid="history-row"), in the order given (str.format, as the
    calendar: nothing in a row is typed by anyone, the address is escaped once)."""
    day_url = escape(day_url)
    words = _row_words()
    return mark_safe("".join(DAY_ITEM.format(*_day_row(d, day_url, words)) for d in days))


def _x_ticks(series, x, most=6):
    """Dated ticks along the chart's foot: (x, label), at most `most`, evenly spread, the first and
    last day included; "3 Nov" within a year, "November 2025" beyond (the active language's
    DAY_MONTH_FORMAT and YEAR_MONTH_FORMAT)."""
    if not series:
        return []
    n = len(series)
    count = min(most, n)
    indexes = sorted({round(i * (n - 1) / max(count - 1, 1)) for i in range(count)})
    long_span = (series[-1][0] - series[0][0]).days > 366
    write = date_words.writer("YEAR_MONTH_FORMAT" if long_span else "DAY_MONTH_FORMAT")
    return [(x(i), write(series[i][0])) for i in indexes]


DOT = '<circle cx="{}" cy="{}" r="2.5" class="pt"/>'
# The chart's pain scale and dated ticks: coordinates as str() writes them, never localized (a
# template's `{{ y }}` wrote "190,0" in Spanish and German, no SVG number, so the grid and the ticks
# fell to 0); the tick's date is our own words in the reader's language, escaped.
GRID_LINE = '<line x1="{0}" x2="{1}" y1="{2}" y2="{2}" class="grid"/><text x="4" y="{2}" class="axis" dy="4">{3}</text>'
TICK_LINE = (
    '<line x1="{0}" x2="{0}" y1="{1}" y2="{2}" class="tick"/>'
    '<text x="{0}" y="{3}" class="axis date" text-anchor="middle">{4}</text>'
)


def _svg_chart(series, rolling, width=700, height=220, pad=30):
    """Coordinates for a server-rendered chart (print and no-JS): points, the average line, the
    pain scale's grid and the dated ticks along the foot."""
    n = max(len(series) - 1, 1)

    def x(i):
        return round(pad + (width - 2 * pad) * i / n, 1)

    def y(value):
        return round(height - pad - (height - 2 * pad) * value / 10, 1)

    points = [(x(i), y(p)) for i, (_day, p) in enumerate(series) if p is not None]
    line = " ".join(f"{x(i)},{y(a)}" for i, (_day, a) in enumerate(rolling) if a is not None)
    grid = [(v, y(v)) for v in (0, 2, 4, 6, 8, 10)]
    ticks = _x_ticks(series, x)
    foot, label_y = height - pad, height - pad + 16
    # Built here in one call each, as the dots: numbers and our own escaped words, marked safe once.
    axes = "".join(GRID_LINE.format(pad, width - pad, at, value) for value, at in grid) + "".join(
        TICK_LINE.format(at, foot, foot + 4, label_y, escape(label)) for at, label in ticks
    )
    return {
        "width": width,
        "height": height,
        "pad": pad,
        "right": width - pad,
        "foot": height - pad,
        "label_y": height - pad + 16,
        "points": points,
        # A dot a day: built here in one call rather than a template loop (what the loop wrote,
        # floats as str() writes them, which is what the template's localize gave), with
        # str.format: two rounded numbers a dot, nothing to escape, marked safe once.
        "dots": mark_safe("".join(DOT.format(*point) for point in points)),
        "line": line,
        "grid": grid,
        "ticks": ticks,
        "axes": mark_safe(axes),
    }


def report_context(user, request, *, show_notes=True, show_safety=True):
    """The report's context for `user` over the period the request asks for: the user's own report,
    or a shared one with what its link allows (journal/views/share.py)."""
    today = user.local_today()
    key, start = _period(request, today)
    summary = _summary(user, key, start, today, details=True)
    series = history_numbers.pain_series(summary["in_period"], summary["start"], today)
    records = selectors.report_records(
        user=user, since=summary["start"], limit=REPORT_ROWS, screens=show_safety
    )
    changes = records["changes"]
    psfs_found = _psfs_summary(user)
    return {
        **summary,
        "svg": _svg_chart(series, history_numbers.rolling_average(series)),
        "plan": records["plan"],
        # The period's level changes, newest first, so the report stays one printed page.
        "changes": [
            (c, suggestions.describe_for_clinician(c.direction, c.rule, c.values, c.reason))
            for c in changes[:REPORT_ROWS]
        ],
        "more_changes": len(changes) > REPORT_ROWS,
        "show_notes": show_notes,
        "show_safety": show_safety,
        "screens": [(screen, safety.yes_answers(screen.answers)) for screen in records["screens"]],
        "leg_days": [d.date for d in summary["in_period"] if d.leg_symptoms] if show_safety else [],
        "period_notes": _period_notes(summary) if show_notes else [],
        "more_notes": show_notes and len(_period_notes(summary, REPORT_ROWS + 1)) > REPORT_ROWS,
        "psfs": psfs_found,
        "psfs_apart_rows": _psfs_apart_html(psfs_found),
    }


def _period_notes(summary, limit=REPORT_ROWS):
    return sorted(
        ((day, note) for day, note in summary["notes"].items() if day >= summary["start"]), reverse=True
    )[:limit]


@login_required
def report(request):
    user = request.user
    return render(
        request,
        "journal/report.html",
        {**report_context(user, request), "patient_name": user.get_full_name() or user.username},
    )
