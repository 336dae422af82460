from django import template

from journal.models import PlanItem

register = template.Library()


@register.inclusion_tag("journal/_plan_status.html", takes_context=True)
def plan_status(context, exercise):
    """On an exercise page: is it in the signed-in user's plan, and at which level."""
    request = context["request"]
    item = None
    if request.user.is_authenticated:
        item = (
            PlanItem.objects.filter(user=request.user, progression_id=exercise.progression_id)
            .select_related("exercise")
            .first()
        )
    return {"request": request, "exercise": exercise, "item": item, "csrf_token": context.get("csrf_token")}
