from bisect import bisect_left
from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.safestring import mark_safe

from journal import history, safety, selectors
from journal.addresses import OPEN, address_format
from journal.models import LevelChange, PlanItem, SafetyScreen

RANGES = {"30": 30, "90": 90, "365": 365, "all": None}
RANGE_LINKS = [("30", "30 days"), ("90", "90 days"), ("365", "1 year"), ("all", "All")]
DEFAULT_RANGE = "90"
CALENDAR_WEEKS = 12
ROWS_PER_PAGE = 30
REPORT_ROWS = 8  # level changes and notes on the one-page report (the newest)


def _period(request, today):
    key = request.GET.get("range", DEFAULT_RANGE)
    if key not in RANGES:
        key = DEFAULT_RANGE
    length = RANGES[key]
    return key, (today - timedelta(days=length - 1) if length else None)


def _summary(user, key, start, today, *, details=False):
    calendar_start = today - timedelta(days=7 * CALENDAR_WEEKS + 6)
    # "All" starts at the diary's floor (journal/days.py): a row typed far in the past under older
    # rules stays in the export, but never stretches a page to centuries of days.
    first = user.first_day()
    everything = start is None
    fetch_from = first if everything else max(first, min(start, calendar_start))
    days, notes = selectors.logged_days(user=user, since=fetch_from, details=details)
    days = [d for d in days if d.date <= today]  # a day ahead only because the time zone moved
    if start is None:
        start = days[0].date if days else today
        in_period = days
    else:
        in_period = history.days_from(days, start)
    active = [d.date for d in days if d.active]
    # The streak from the days read (12 weeks at least); one more query only for a longer one.
    # With "all" every day the diary can hold was read, so the streak is known.
    streak = history.streak_if_known(set(active), today, None if everything else fetch_from)
    if streak is None:
        streak = history.current_streak(selectors.streak_days(user=user, today=today), today)
    return {
        "range": key,
        "ranges": RANGE_LINKS,
        "start": start,
        "today": today,
        "recent": history.days_from(days, calendar_start),
        "in_period": in_period,
        "notes": notes,
        "average": history.average([d.pain for d in in_period]),
        "change": history.change(in_period, today),
        "adherence": history.adherence(in_period),
        "streak": streak,
        "longest": history.longest_streak(active[bisect_left(active, start) :]),
    }


def _daily_chart(in_period, start, today):
    """Chart data and the no-JS table's rows for a period drawn day by day."""
    series = history.pain_series(in_period, start, today)
    rolling = history.rolling_average(series)
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


def _weekly_chart(in_period, start, today):
    """Chart data and the no-JS table's rows for a period drawn as weekly averages."""
    weeks = history.weekly_averages(in_period, start, today)
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


@login_required
def history_page(request):
    today = request.user.local_today()
    key, start = _period(request, today)
    summary = _summary(request.user, key, start, today)
    weekly = history.by_week(summary["start"], today)
    chart, table = (_weekly_chart if weekly else _daily_chart)(summary["in_period"], summary["start"], today)
    page = Paginator(summary["in_period"][::-1], ROWS_PER_PAGE).get_page(request.GET.get("page"))
    day_url = address_format("journal:day", day=OPEN)
    return render(
        request,
        "journal/history.html",
        {
            **summary,
            "weekly": weekly,
            "chart": chart,
            # A year of days at most, or one row a week, built in one pass rather than by the template engine.
            # Safe without escaping: every cell is an ISO date, an int, a formatted float or "–".
            "table": mark_safe(  # noqa: S308
                "".join(f"<tr><td>{'</td><td>'.join(map(str, row))}</td></tr>" for row in reversed(table))
            ),
            "calendar": _calendar_html(summary["recent"], today, day_url),
            "page": page,
            "day_rows": _day_rows_html(page.object_list, day_url),
        },
    )


CALENDAR_MARKS = {"done": "✓", "partly": "½", "rest": "R", "rough": "~", "missed": "·"}


WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _short_date(day):
    """Wed 5 Nov: what the template's date:"D j M" wrote, without strftime's cost per cell."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month]}"


# The calendar's 84 cells and a page of day rows are written here in one pass each: through the
# template engine they took most of the page's time. Safe without escaping: every value is an ISO
# date, an int, a status from day_status or one of the fixed labels above and below.
def _calendar_html(days, today, day_url):
    """The 12-week calendar's <tr>s, Monday first, ending with the week of `today`."""
    rows = []
    for week in history.calendar_weeks(days, today, CALENDAR_WEEKS):
        cells = []
        for day, status, pain in week:
            classes = f"cal-{status}" if pain is None else f"cal-{status} pain-{pain}"
            label = f"{_short_date(day)}: {status}" + ("" if pain is None else f", pain {pain}")
            link = (
                ""
                if status == "future"
                else f'<a href="{day_url.format(day.isoformat())}"><span class="cal-mark" aria-hidden="true">'
                f'{CALENDAR_MARKS.get(status, "")}</span><span class="visually-hidden">{label}</span></a>'
            )
            cells.append(f'<td class="{classes}" title="{label}">{link}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return mark_safe("".join(rows))  # noqa: S308


def _day_rows_html(days, day_url):
    """The day list's <li>s (data-testid="history-row"), in the order given."""
    rows = []
    for d in days:
        pain = "no check-in" if d.pain is None else f"pain {d.pain}"
        if d.day_type == "rest":
            done = "rest day"
        else:
            done = f"{d.done} of {d.planned} done" + (" · rough day" if d.day_type == "rough" else "")
        rows.append(
            f'<li data-testid="history-row" class="day-row"><a href="{day_url.format(d.date.isoformat())}">'
            f'<span class="day-date">{_short_date(d.date)} {d.date.year}</span>\n'
            f'<span class="day-pain">{pain}</span>\n<span class="day-done">{done}</span></a></li>\n'
        )
    return mark_safe("".join(rows))  # noqa: S308


def _svg_chart(series, rolling, width=700, height=220, pad=30):
    """Coordinates for a server-drawn chart (print and no-JS): points and the average line."""
    n = max(len(series) - 1, 1)

    def x(i):
        return round(pad + (width - 2 * pad) * i / n, 1)

    def y(value):
        return round(height - pad - (height - 2 * pad) * value / 10, 1)

    points = [(x(i), y(p)) for i, (_, p) in enumerate(series) if p is not None]
    line = " ".join(f"{x(i)},{y(a)}" for i, (_, a) in enumerate(rolling) if a is not None)
    grid = [(v, y(v)) for v in (0, 2, 4, 6, 8, 10)]
    return {"width": width, "height": height, "pad": pad, "points": points, "line": line, "grid": grid}


@login_required
def report(request):
    user = request.user
    today = user.local_today()
    key, start = _period(request, today)
    summary = _summary(user, key, start, today, details=True)
    series = history.pain_series(summary["in_period"], summary["start"], today)
    screens = list(SafetyScreen.objects.filter(user=user).order_by("-created_at"))
    return render(
        request,
        "journal/report.html",
        {
            **summary,
            "svg": _svg_chart(series, history.rolling_average(series)),
            "plan": PlanItem.objects.filter(user=user, active=True).select_related("progression", "exercise"),
            # The period's level changes, newest first, so the report stays one printed page.
            "changes": LevelChange.objects.filter(user=user, created_at__date__gte=summary["start"])
            .select_related("plan_item__progression", "from_exercise", "to_exercise")
            .order_by("-created_at")[:REPORT_ROWS],
            "screens": [(screen, safety.yes_answers(screen.answers)) for screen in screens],
            "leg_days": [d.date for d in summary["in_period"] if d.leg_symptoms],
            "period_notes": sorted(
                ((day, note) for day, note in summary["notes"].items() if day >= summary["start"]),
                reverse=True,
            )[:REPORT_ROWS],
        },
    )
