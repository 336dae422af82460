import secrets
import zoneinfo
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backcare import urgent_care
from backcare.languages import LANGUAGE_MAX_LENGTH, language_choices
from backcare.timezones import validate_timezone


def default_timezone():
    return settings.TIME_ZONE


# The counters only the database and backcare/diary_version.py move (see User.save).
VERSIONS = ("diary_version", "psfs_version", "screen_version")


def new_cache_epoch():
    """A random 63-bit number (a positive signed bigint on every database) for a new user row."""
    return secrets.randbits(63)


class User(AbstractUser):
    email = models.EmailField(_("e-mail address"))
    # On the user row itself, so a logged-in page needs no extra profile query.
    time_zone = models.CharField(max_length=64, default=default_timezone, validators=[validate_timezone])
    # Which emergency and urgent-care words the user sees (backcare/urgent_care.py); blank: the fallback.
    # Callable choices: a new table entry needs no migration.
    country = models.CharField(
        _("where you live"),
        max_length=urgent_care.COUNTRY_MAX_LENGTH,
        blank=True,
        default="",
        choices=urgent_care.country_choices,
        help_text=_("It decides which emergency and urgent-care numbers BackCare shows you."),
    )
    # The language BackCare speaks to this person (backcare/languages.py); blank: the browser's.
    # Set at sign-up from the page's language, changed in Settings; mail, push, the calendar file
    # and the report use it outside a request.
    language = models.CharField(
        _("language"),
        max_length=LANGUAGE_MAX_LENGTH,
        blank=True,
        default="",
        choices=language_choices,
    )
    # Moves with every write of the user's own data (backcare/diary_version.py); cached pages are
    # keyed on it. Written only by that module's UPDATE, never by save() (below).
    diary_version = models.PositiveBigIntegerField(default=0, editable=False)
    # Moves with every write of the user's PSFS activities, rounds and ratings, and with nothing
    # else: the PSFS summary is keyed on it (journal/views/history_page.py), so a tick or a check-in
    # does not make History and the report read every rating again. Written only by the database
    # triggers of migration journal/0015_psfs_version_triggers, never by save() (below).
    psfs_version = models.PositiveBigIntegerField(default=0, editable=False)
    # Moves with every write of the rows the latest safety screen is read from (the screens, the PSFS
    # rounds, the "time to see a clinician" note put away: journal/selectors.py `latest_screen`) and
    # with nothing else: every journal page reads that screen kept under it (journal/middleware.py),
    # so a tick or a check-in does not make the next page read it again. Written only by the database
    # triggers of migration journal/0017_screen_version_triggers, never by save() (below).
    screen_version = models.PositiveBigIntegerField(default=0, editable=False)
    # Random, drawn once per row and never changed: part of every per-user cache key
    # (backcare/version_cache.py: owner) and of the calendar event's UID. A database restored from a
    # backup gives a new account an id and a diary version an earlier account had, never its epoch,
    # so it never meets the earlier account's cached values.
    cache_epoch = models.BigIntegerField(default=new_cache_epoch, editable=False)

    class Meta:
        ordering = ["username"]

    def __str__(self):
        return self.username

    def save(self, *args, **kwargs):
        # A full save of a user read earlier must not write an older diary, PSFS or screen version
        # back over a newer one (backcare/diary_version.py): an existing row saves every field but those.
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name not in VERSIONS
            ]
        super().save(*args, **kwargs)

    @property
    def tzinfo(self):
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(settings.TIME_ZONE)

    def local_today(self) -> date:
        """The user's calendar date now: "today" is theirs, never the server's."""
        return timezone.now().astimezone(self.tzinfo).date()


class UserSession(AbstractBaseSession):
    """A database session that also keeps whose it is, so deleting an account finds its sessions by
    an index instead of decoding every session in the table, and a request reads the session with
    its user in one query (backcare/sessions.py, backcare/auth.py).

    `user`: the same `user_id` column as before, as a relation without a database constraint (a
    session of an account deleted meanwhile keeps its id and finds no user, as before) and nothing
    done on the user's deletion (account_delete removes the sessions itself)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )

    class Meta(AbstractBaseSession.Meta):
        db_table = "backcare_session"

    @classmethod
    def get_session_store_class(cls):
        from backcare.sessions import SessionStore

        return SessionStore
