"""The user's data, whole: the diary as CSV, every record as JSON (`/journal/export.csv`,
`/journal/export.json`).

The project layer (docs/architecture.md, "The apps and their imports"): the JSON holds the
journal's records, the lessons read and the reminders, so it sits above the three apps and reads
each through its own selectors. Its URLs keep their names in the journal's namespace
(`backcare/urls.py`), so the safety middleware treats them as it treats the journal's pages.
"""

import csv
import json

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, StreamingHttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from journal import selectors
from learn import selectors as learn_selectors
from reminders import selectors as reminder_selectors

CSV_HEADER = [
    "date",
    "pain",
    "notes",
    "day_type",
    "leg_symptoms",
    "exercise",
    "level",
    "pain_during",
    "effort",
    "full_dose",
    "spread",
    "times",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    def write(self, value):
        return value


def _csv_rows(user):
    ticks = {}
    for tick in selectors.export_ticks(user=user):
        ticks.setdefault(tick.entry_id, []).append(tick)
    yield CSV_HEADER
    for entry in selectors.export_entries(user=user):
        base = [
            entry.date.isoformat(),
            "" if entry.pain is None else entry.pain,
            safe_cell(entry.notes),
            entry.day_type,
            "" if entry.leg_symptoms is None else ("yes" if entry.leg_symptoms else "no"),
        ]
        day_ticks = ticks.get(entry.pk) or [None]
        for tick in day_ticks:
            if tick is None:
                yield [*base, "", "", "", "", "", "", ""]
            else:
                yield [
                    *base,
                    safe_cell(tick.exercise.name),
                    tick.exercise.level,
                    "" if tick.pain_during is None else tick.pain_during,
                    tick.effort,
                    "yes" if tick.full_dose else "no",
                    "" if tick.spread is None else ("yes" if tick.spread else "no"),
                    tick.times,
                ]


@login_required
@require_GET
def export_csv(request):
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in _csv_rows(request.user)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="backcare-journal.csv"'
    return response


def _iso(moment):
    return None if moment is None else moment.isoformat()


@login_required
@require_GET
def export_json(request):
    user = request.user
    data = {
        "user": {
            "username": user.username,
            "email": user.email,
            "time_zone": user.time_zone,
            "country": user.country,
            # ISO 8601 with the offset written out (+00:00: stored in UTC); None: never logged in.
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        **selectors.export_records(user=user),
        "lessons_read": learn_selectors.export(user=user),
        "reminders": reminder_selectors.export(user=user),
    }
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=1), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="backcare-journal.json"'
    return response


# Joined to the journal's URL table under its namespace by backcare/urls.py.
urlpatterns = [
    path("journal/export.csv", export_csv, name="export_csv"),
    path("journal/export.json", export_json, name="export_json"),
]
