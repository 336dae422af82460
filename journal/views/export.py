import csv
import json

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from journal.models import Dismissal, Entry, LevelChange, PlanItem, SafetyAlert, SafetyScreen, Tick

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
    for tick in Tick.objects.filter(entry__user=user).select_related("exercise").order_by("created_at"):
        ticks.setdefault(tick.entry_id, []).append(tick)
    yield CSV_HEADER
    for entry in Entry.objects.filter(user=user).order_by("date"):
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
                yield [*base, "", "", "", "", "", ""]
            else:
                yield [
                    *base,
                    safe_cell(tick.exercise.name),
                    tick.exercise.level,
                    "" if tick.pain_during is None else tick.pain_during,
                    tick.effort,
                    "yes" if tick.full_dose else "no",
                    "" if tick.spread is None else ("yes" if tick.spread else "no"),
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
        },
        "plan": list(
            PlanItem.objects.filter(user=user).values(
                "progression__slug", "exercise__slug", "exercise__level", "active", "since"
            )
        ),
        "entries": list(
            Entry.objects.filter(user=user).values(
                "date", "pain", "notes", "day_type", "planned", "leg_symptoms"
            )
        ),
        "ticks": list(
            Tick.objects.filter(entry__user=user).values(
                "entry__date",
                "exercise__slug",
                "exercise__level",
                "pain_during",
                "effort",
                "full_dose",
                "spread",
                "created_at",
            )
        ),
        "level_changes": list(
            LevelChange.objects.filter(user=user).values(
                "plan_item__progression__slug",
                "from_exercise__slug",
                "to_exercise__slug",
                "direction",
                "rule",
                "values",
                "reason",
                "created_at",
            )
        ),
        "dismissals": list(
            Dismissal.objects.filter(user=user).values("plan_item__progression__slug", "kind", "until")
        ),
        "safety_screens": list(
            SafetyScreen.objects.filter(user=user).values(
                "taken_on", "answers", "outcome", "cleared_on", "cleared_note"
            )
        ),
        "safety_alerts": list(
            SafetyAlert.objects.filter(user=user).values("kind", "first_day", "acknowledged_at")
        ),
    }
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=1), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="backcare-journal.json"'
    return response
