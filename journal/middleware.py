from functools import cached_property

from django.shortcuts import redirect

from backcare import version_cache
from journal import cache_keys, safety, selectors

# Journal pages a user may open before finishing the safety screen: the screen itself, and the
# ways out (their data, deleting the account).
OPEN_BEFORE_SCREEN = {
    "safety",
    "safety_result",
    "safety_clear",
    "export_csv",
    "export_json",
    "delete_account",
}


class SafetyState:
    """The user's safety position for this request (`request.safety`).

    `status` comes from the latest screen, read once (its few fields) for every journal page;
    `screen`, the whole row, is read only by the pages that show it. Warning banners need the recent
    log, which the Today view has already fetched: `alerts(entries, today, spread_days=...)` takes
    those entries (call it: a method is always truthy), and reads the user's acknowledgements at
    most once, only when a warning sign is present. The "time to see a clinician" note
    (`see_clinician(entries, today)`) reads the diary's first week only when the last 7 days allow
    it and it is not put away (that date came with the screen). Level-ups are not decided here: journal/suggestions.py
    holds them back while the screen is not cleared, and for 7 days after a flare, leg symptoms or
    spreading, whether or not the banner was read.
    """

    def __init__(self, user, today, *, fresh=False):
        self.user = user
        self.today = today
        if fresh:
            self.latest = selectors.latest_screen(user=user)
        else:
            # Kept per user and screen version in the shared cache (backcare/version_cache.py): only
            # the rows it is read from (screens, PSFS rounds, the note put away) move that version,
            # by their triggers (journal/0017_screen_version_triggers); a tick or a check-in leaves it.
            self.latest = version_cache.per_screen_version(
                cache_keys.LATEST_SCREEN, user, lambda: selectors.latest_screen(user=user)
            )
        self.status = safety.screen_status(self.latest, today)

    @cached_property
    def screen(self):
        """The latest SafetyScreen in full (its answers too), for the safety pages: read on first use."""
        return None if self.latest is None else selectors.safety_screen(user=self.user, pk=self.latest.pk)

    @cached_property
    def _acknowledged(self):
        return selectors.acknowledged_alerts(user=self.user)

    def alerts(self, entries, today, *, spread_days=frozenset()):
        """Banners to show: warning signs in `entries` (and `spread_days`) the user has not yet read."""
        candidates = safety.active_alerts(entries, today, acknowledged=set(), spread_days=spread_days)
        if not candidates:
            return []
        return [a for a in candidates if (a.kind, a.first_day) not in self._acknowledged]

    def see_clinician(self, entries, today):
        """The "time to see a clinician" note for Today (`safety.SeeClinician`), or None.

        `entries` are the recent days the page has read (selectors.recent_entries); one more query
        (the first week of check-ins) only while the last 7 days average 4 or more and the note is
        not put away.
        """
        if self.latest is None or safety.see_clinician_put_away(self.latest.see_clinician_until, today):
            return None
        if not safety.see_clinician_possible(entries, today):
            return None
        return safety.see_clinician([*selectors.first_checkins(user=self.user), *entries], today)

    @property
    def since_last_screen(self):
        """The real time since the latest screen in words ("6 months"), for the re-screen reminder."""
        return "" if self.latest is None else safety.since_words(self.latest.taken_on, self.today)


class SafetyMiddleware:
    """Journal pages need a finished safety screen; they get `request.safety` to show its outcome."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.app_name != "journal" or not request.user.is_authenticated:
            # Anonymous users fall through to login_required and its redirect to the login page.
            return None
        # A write is let through or refused on the screen as the database has it now (the plan gate,
        # journal/decorators.py); a page may show the one kept for the user's screen version.
        request.safety = SafetyState(
            request.user, request.user.local_today(), fresh=request.method not in ("GET", "HEAD")
        )
        if request.safety.status.needs_screen and match.url_name not in OPEN_BEFORE_SCREEN:
            return redirect("journal:safety")
        return None
