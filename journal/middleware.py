from functools import cached_property

from django.shortcuts import redirect

from journal import safety
from journal.models import SafetyAlert, SafetyScreen

# Journal pages a user may open before finishing the safety screen.
OPEN_BEFORE_SCREEN = {
    "safety",
    "safety_result",
    "safety_clear",
    "export_csv",
    "export_json",
    "delete_account",
}


class SafetyState:
    """The user's safety position for this request: the latest screen, and the warning banners."""

    def __init__(self, user, today):
        self.user = user
        self.today = today
        self.screen = SafetyScreen.objects.filter(user=user).order_by("-created_at").first()
        self.status = safety.screen_status(self.screen, today)

    @cached_property
    def _acknowledged(self):
        return set(SafetyAlert.objects.filter(user=self.user).values_list("kind", "first_day"))

    def alerts(self, entries, today):
        """Banners to show; the acknowledgements are only read when a warning sign is present."""
        candidates = safety.active_alerts(entries, today, acknowledged=set())
        if not candidates:
            return []
        return [a for a in candidates if (a.kind, a.first_day) not in self._acknowledged]

    def pauses_level_up(self, entries, today):
        return bool(self.alerts(entries, today))


class SafetyMiddleware:
    """Journal pages need a finished safety screen; they get `request.safety` to show its outcome."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.app_name != "journal" or not request.user.is_authenticated:
            return None
        request.safety = SafetyState(request.user, request.user.local_today())
        if request.safety.status.needs_screen and match.url_name not in OPEN_BEFORE_SCREEN:
            return redirect("journal:safety")
        return None
