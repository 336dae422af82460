from django.utils import timezone, translation
from django.utils.cache import patch_cache_control

from backcare import languages


class UserTimezoneMiddleware:
    """Show times in the logged-in user's own time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            timezone.activate(user.tzinfo)
        else:
            timezone.deactivate()
        return self.get_response(request)


class UserLanguageMiddleware:
    """A signed-in user reads BackCare in the language they chose (`User.language`: Settings, the
    start, or the browser's language at sign-up). With none chosen, LocaleMiddleware's choice from
    the browser's Accept-Language stands. Needs no query: the user row is already read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and languages.is_known(user.language):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class PrivateByDefaultMiddleware:
    """Every response the app renders is `Cache-Control: private, no-store` unless its view chose a
    policy itself: pages carry someone's health data (a logged-in page, a page reached by a token),
    and a shared cache or the browser's back-forward store must not keep them. Static files are
    served by whitenoise before this runs and keep their long cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
