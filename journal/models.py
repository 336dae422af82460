from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from exercises import dose
from exercises.models import Exercise, Progression

PAIN_RANGE = Q(pain__gte=0, pain__lte=10)


class PlanItem(models.Model):
    """One progression in a user's plan, at the level (exercise) they are working on."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_items")
    progression = models.ForeignKey(Progression, on_delete=models.PROTECT, related_name="+")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    active = models.BooleanField(default=True)
    # The user's local date the current level began: evidence for a level change starts here.
    since = models.DateField()
    # The dose step inside the level's ranges (exercises/dose.py): 0 is the low end of every range.
    # A level change, up or back, starts the new level at 0.
    dose_step = models.PositiveSmallIntegerField(default=0)
    # The user's local date the current dose step began, when it began after the level did (None:
    # with the level, on `since`). Evidence for the next dose step, and at the top step for the
    # next level, starts here (`evidence_since`).
    dose_since = models.DateField(null=True, blank=True)
    # Paused after severe pain during it (journal/suggestions.py: severe_pain): the day of the session
    # that began the pause and the rule's values; empty while it is not paused. Kept by the services
    # that write its ticks; a resume or a level change ends it.
    paused_on = models.DateField(null=True, blank=True)
    pause_values = models.JSONField(default=dict, blank=True)
    # After "I have talked to a clinician": sessions up to this day no longer count for a pause.
    resumed_through = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["progression__order"]
        constraints = [
            models.UniqueConstraint(fields=["user", "progression"], name="planitem_one_per_progression"),
        ]

    def __str__(self):
        return f"{self.user}: {self.exercise}"

    @property
    def evidence_since(self):
        return self.dose_since or self.since

    @property
    def dose(self):
        """The dose this item is at today (reads `exercise`)."""
        return dose.at_step(self.exercise, self.dose_step)

    def dose_display(self):
        return dose.display(self.dose, self.exercise)


class PlanPeriod(models.Model):
    """The days a plan item was in the plan at one level: from `start` up to, not including, `end`.

    A level change ends the item's open period and starts one at the new level on the same day; a
    removal ends it; adding the family again starts a new one. `end` is empty while it runs. A past
    day shows the levels of the periods that held it (journal/plan_periods.py); a period that began
    and ended on the same day held no day and is not kept.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_periods")
    plan_item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="periods")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["start"]
        indexes = [
            # A past day's plan: the user's periods.
            models.Index(fields=["user", "start"], name="planperiod_user_start"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["plan_item"], condition=Q(end__isnull=True), name="planperiod_one_open_per_item"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gt=F("start")), name="planperiod_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.exercise} {self.start}–{self.end or ''}"


class Entry(models.Model):
    """A user's day: the pain check-in, the kind of day, how many exercises were due and how many of
    them were done."""

    class DayType(models.TextChoices):
        NORMAL = "normal", _("Normal day")
        REST = "rest", _("Rest day")
        ROUGH = "rough", _("Rough day")

    # No index of its own: the (user, date) unique constraint's index leads with the user.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="entries", db_index=False
    )
    date = models.DateField()
    # 0-10 NRS, average over the last 24 hours. Empty means "not checked in": a gap, never 0.
    pain = models.PositiveSmallIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True, max_length=2000)
    day_type = models.CharField(max_length=8, choices=DayType, default=DayType.NORMAL)
    # Stored per day so later plan changes do not rewrite past adherence.
    planned = models.PositiveSmallIntegerField(default=0)
    # How many of the exercises due that day are done: the day's "x of y" with `planned`
    # (journal/schedule.py: done_of_due). Kept by the database from the day's ticks' `counted`
    # (journal/0019_entry_done_of_due's triggers); History, the report and the calendar read it.
    done = models.PositiveSmallIntegerField(default=0)
    # Numbness or tingling below the knee today: None = not asked / not answered.
    leg_symptoms = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date"]
        verbose_name_plural = "entries"
        constraints = [
            # Also the index of every "this user's days, by date" read: selectors.recent_entries and
            # recent_ticks (Today's six weeks), logged_days (History, the report), streak_days, export.
            models.UniqueConstraint(fields=["user", "date"], name="entry_one_per_user_day"),
            models.CheckConstraint(condition=Q(pain__isnull=True) | PAIN_RANGE, name="entry_pain_0_10"),
        ]

    def __str__(self):
        return f"{self.user} {self.date}"


class Tick(models.Model):
    """An exercise done on a day: one row per exercise and day, whatever its schedule.

    `times` is how often it was done that day: each tap of a times-a-day level (sitting breaks)
    adds one, and its undo takes one away; every other level stays at 1. The level rules read a
    tick as one session, whatever its count (journal/suggestions.py).
    """

    class Effort(models.TextChoices):
        EASY = "easy", _("Easy")
        RIGHT = "right", _("About right")
        HARD = "hard", _("Hard")

    # No index of its own: the (entry, exercise) unique constraint's index leads with the entry.
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="ticks", db_index=False)
    # No index: no page reads ticks by exercise. Deleting a library exercise (PROTECT) scans the
    # ticks; the library is reference data, nearly never deleted (migration 0012's note).
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+", db_index=False)
    created_at = models.DateTimeField(auto_now_add=True)
    pain_during = models.PositiveSmallIntegerField(null=True, blank=True)
    effort = models.CharField(max_length=8, choices=Effort, blank=True)
    full_dose = models.BooleanField(default=True)
    # Did symptoms spread down the leg during it? None = not answered.
    spread = models.BooleanField(null=True, blank=True)
    times = models.PositiveSmallIntegerField(default=1)
    # One of its day's done-of-due (journal/schedule.py: done_of_due): due that day and complete, as
    # the service that wrote it found; each change moves `Entry.done` in the database. A tick
    # written past the services counts, as every tick did before.
    counted = models.BooleanField(default=True)

    class Meta:
        ordering = ["entry__date", "created_at"]
        constraints = [
            # Its index finds a day's ticks: the join of selectors.recent_ticks and the per-day
            # tick counts of selectors.logged_days and streak_days.
            models.UniqueConstraint(fields=["entry", "exercise"], name="tick_once_per_day"),
            models.CheckConstraint(
                condition=Q(pain_during__isnull=True) | Q(pain_during__gte=0, pain_during__lte=10),
                name="tick_pain_during_0_10",
            ),
            models.CheckConstraint(condition=Q(times__gte=1), name="tick_times_positive"),
        ]

    def __str__(self):
        return f"{self.entry}: {self.exercise}"


class LevelChange(models.Model):
    """A change of a plan item's level, or of its dose step inside the level: the one history of
    changes. A dose step (direction and rule DOSE) has the same exercise on both sides and its
    steps and dose in `values` (from_step, to_step, dose). A pause after severe pain and its resume
    (directions PAUSE and RESUME) are kept here too, with the same exercise on both sides, so the
    report tells them with the changes."""

    class Direction(models.TextChoices):
        UP = "up", _("Level up")
        DOWN = "down", _("Step back")
        MANUAL = "manual", _("Set by you")
        DOSE = "dose", _("Dose step")
        # Not a level change: the exercise paused after severe pain, and taken up again.
        PAUSE = "pause", _("Paused")
        RESUME = "resume", _("Resumed")

    class Rule(models.TextChoices):
        """The rule behind a suggestion or a change (journal/suggestions.py; docs/clinical-rules.md)."""

        READY = "ready", _("Ready for the next level")
        DOSE = "dose", _("Ready for the next dose step")
        PAIN_DURING = "pain_during", _("Pain during above 5")
        NEXT_MORNING = "next_morning", _("Next morning 2 or more above usual")
        RISING = "rising", _("Pain rose two check-ins running")
        SPREAD = "spread", _("Symptoms spread down the leg")
        FLARE = "flare", _("A flare")
        MANUAL = "manual", _("Chosen by hand")
        SEVERE_PAIN = "severe_pain", _("Pain during 8 or more, or 7 or more twice running")
        RESUME = "resume", _("Talked to a clinician")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="level_changes")
    plan_item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="level_changes")
    from_exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    to_exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    direction = models.CharField(max_length=8, choices=Direction)
    # The rule that fired and its numbers and dates; `reason` is the sentence rendered from them then.
    rule = models.CharField(max_length=16, choices=Rule, blank=True)
    values = models.JSONField(default=dict, blank=True)
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # History's report: a user's level changes, newest first.
            models.Index(fields=["user", "-created_at"], name="levelchange_user_recent"),
        ]

    def __str__(self):
        return f"{self.user}: {self.from_exercise} → {self.to_exercise}"


class Dismissal(models.Model):
    """The user said "not now" to a suggestion: snooze it until `until` (exclusive).

    A step back's "not now" also pauses that exercise's level-ups; a gentle-day suggestion and the
    "time to see a clinician" note (put away for 14 days, journal/safety.py) and the re-screen
    reminder (put away for 7 days) belong to the user, not to a plan item.
    """

    class Kind(models.TextChoices):
        UP = "up", _("Level up")
        DOSE = "dose", _("Dose step")
        DOWN = "down", _("Step back")
        GENTLE = "gentle", _("Gentle set today")
        SEE_CLINICIAN = "review", _("Time to see a clinician")
        RESCREEN = "rescreen", _("Safety check reminder")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dismissals")
    plan_item = models.ForeignKey(
        PlanItem, on_delete=models.CASCADE, related_name="dismissals", null=True, blank=True
    )
    kind = models.CharField(max_length=8, choices=Kind)
    until = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-until"]
        constraints = [
            models.UniqueConstraint(fields=["plan_item", "kind"], name="dismissal_one_per_item_kind"),
            models.UniqueConstraint(
                fields=["user", "kind"],
                condition=Q(plan_item__isnull=True),
                name="dismissal_one_per_day_kind",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=("gentle", "review", "rescreen"), plan_item__isnull=True)
                | (~Q(kind__in=("gentle", "review", "rescreen")) & Q(plan_item__isnull=False)),
                name="dismissal_gentle_has_no_item",
            ),
        ]

    def __str__(self):
        return f"{self.plan_item} {self.kind} until {self.until}"


class SafetyScreen(models.Model):
    """One completed red-flag screen, with every answer as given that day."""

    class Outcome(models.TextChoices):
        CLEAR = "clear", _("Clear")
        SEE_SOON = "see_soon", _("See a doctor soon")
        TALK_FIRST = "talk_first", _("Talk to a clinician first")
        URGENT = "urgent", _("See a doctor today")
        EMERGENCY = "emergency", _("Emergency")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_screens"
    )
    taken_on = models.DateField()
    # {question_key: bool}; the questions live in journal/safety.py.
    answers = models.JSONField(default=dict)
    outcome = models.CharField(max_length=12, choices=Outcome)
    # The clinician's OK. Earlier than taken_on when it was carried over from the previous screen,
    # whose talk-first / see-soon answers this one repeats (journal/safety.py, carried_clearance).
    cleared_on = models.DateField(null=True, blank=True)
    cleared_note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # Every journal page: the user's latest screen.
            models.Index(fields=["user", "-created_at"], name="safetyscreen_user_latest"),
        ]

    def __str__(self):
        return f"{self.user} {self.taken_on}: {self.outcome}"


class SafetyAlert(models.Model):
    """The user acknowledged a safety banner raised by a run of days starting on `first_day`."""

    class Kind(models.TextChoices):
        LEG_SYMPTOMS = "leg_symptoms", _("Leg symptoms three days running")
        PAIN_RISE = "pain_rise", _("Pain well above your usual")
        SPREADING = "spreading", _("Symptoms spread down the leg during an exercise")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_alerts")
    kind = models.CharField(max_length=16, choices=Kind)
    first_day = models.DateField()
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "first_day"], name="safetyalert_once"),
        ]

    def __str__(self):
        return f"{self.user} {self.kind} from {self.first_day}"


class PsfsActivity(models.Model):
    """An activity the user's back makes hard, named for the Patient-Specific Functional Scale.

    Kept across rounds (each round rates the same activities again); retiring one sets
    `retired_on` and keeps its past ratings. At most 5 are active at once (journal/psfs.py:
    MAX_ACTIVITIES, kept by the form and by services.psfs_record).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="psfs_activities"
    )
    name = models.CharField(max_length=80)
    added_on = models.DateField()
    retired_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["added_on", "pk"]
        indexes = [models.Index(fields=["user", "retired_on"], name="psfsactivity_user_active")]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="psfsactivity_name_not_empty"),
            models.CheckConstraint(
                condition=Q(retired_on__isnull=True) | Q(retired_on__gte=F("added_on")),
                name="psfsactivity_retired_after_added",
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.name}"


class PsfsRound(models.Model):
    """One round of the PSFS on a day: its ratings, or a skip (which postpones the next ask)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="psfs_rounds")
    taken_on = models.DateField()
    skipped = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-taken_on"]
        constraints = [
            # Also the index of "the user's latest round" (read with the latest safety screen).
            models.UniqueConstraint(fields=["user", "taken_on"], name="psfsround_one_per_day"),
        ]

    def __str__(self):
        return f"{self.user} {self.taken_on}{' (skipped)' if self.skipped else ''}"


class PsfsRating(models.Model):
    """One activity rated in one round: 0 = unable to do it, 10 = as before the problem."""

    round = models.ForeignKey(PsfsRound, on_delete=models.CASCADE, related_name="ratings")
    activity = models.ForeignKey(PsfsActivity, on_delete=models.CASCADE, related_name="ratings")
    rating = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["round__taken_on", "activity_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "activity"], name="psfsrating_once_per_round"),
            models.CheckConstraint(condition=Q(rating__gte=0, rating__lte=10), name="psfsrating_0_10"),
        ]

    def __str__(self):
        return f"{self.round}: {self.activity.name} {self.rating}"


class ShareLink(models.Model):
    """A read-only link to the user's report for a clinician (journal/sharing.py).

    Only a SHA-256 fingerprint of the token is kept: the link is shown once, when it is made, and a
    copy of the database (a backup, an export) opens nothing. The token has 256 random bits, so an
    unsalted hash is enough, and the lookup by fingerprint is an indexed equality that says nothing
    about how close a guess came. Notes and safety answers show only when the user ticked them.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The name the report shows for its owner: one the user types, never their username.
    display_name = models.CharField(max_length=80)
    show_notes = models.BooleanField(default=False)
    show_safety = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # The share page: a user's links, newest first.
            models.Index(fields=["user", "-created_at"], name="sharelink_user_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")), name="sharelink_expires_after"
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.display_name} until {self.expires_at:%Y-%m-%d}"

    def is_open(self, now):
        return self.revoked_at is None and now < self.expires_at


class ShareView(models.Model):
    """One opening of a share link: the user sees when their link was read."""

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="views")
    viewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-viewed_at"]
        indexes = [models.Index(fields=["link", "-viewed_at"], name="shareview_link_recent")]

    def __str__(self):
        return f"{self.link_id} at {self.viewed_at:%Y-%m-%d %H:%M}"


class ClientOperation(models.Model):
    """A write sent by the Today page with its own id (a UUID made on the phone), recorded once in
    the write's transaction: a replay of the same id (a queued offline write sent again, an answer
    lost on the way back) finds it here and changes nothing (journal/client_ops.py, docs/offline.md).

    Kept `client_ops.KEEP_DAYS` days, then pruned as the user's next one is recorded.
    """

    class Kind(models.TextChoices):
        TICK = "tick", _("Done")
        UNTICK = "untick", _("Undo")
        ADD = "add", _("Add one")
        UNDO_ONE = "undo-one", "Undo one"
        FEEL = "feel", _("How did it feel")
        CHECKIN = "checkin", _("Check-in")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    op_id = models.UUIDField(unique=True)
    kind = models.CharField(max_length=8, choices=Kind)
    day = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [
            # The prune of a user's old operations, and the export.
            models.Index(fields=["user", "created_at"], name="clientop_user_created"),
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind} {self.day} {self.op_id}"


class StartAnswers(models.Model):
    """The answers of the start (`/start/`, after the safety screen, before the first Today): one row
    per user, made at sign-up and finished at the start's last screen, where the starter plan is
    built from them (journal/starter.py, docs/starter-plan.md). Every answer may be skipped: empty
    ("" for the episode and the leg, None for the others) is a skipped answer, and the rule takes its most cautious branch. The activities become
    the first PSFS round; the reminder is the reminders app's own row.

    An account without this row (made before the start existed) keeps the plan it has.
    """

    class Episode(models.TextChoices):
        UNDER_6_WEEKS = "under_6_weeks", _("Under 6 weeks")
        WEEKS_6_TO_12 = "6_to_12_weeks", _("6 to 12 weeks")
        OVER_3_MONTHS = "over_3_months", _("Over 3 months")

    class Leg(models.TextChoices):
        BACK_ONLY = "back_only", _("My back only")
        BUTTOCK_OR_THIGH = "buttock_or_thigh", _("Into a buttock or thigh")
        BELOW_KNEE = "below_knee", _("Below the knee")

    class Minutes(models.IntegerChoices):
        FIVE = 5, _("About 5 minutes")
        TEN = 10, _("About 10 minutes")
        TWENTY = 20, _("About 20 minutes")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="start_answers"
    )
    episode = models.CharField(max_length=16, choices=Episode, blank=True)
    # "Below the knee" turns on the leg-symptom watch (docs/starter-plan.md).
    leg = models.CharField(max_length=16, choices=Leg, blank=True)
    # The names given as the activities to get back to (the first PSFS round holds them and their
    # ratings); None: skipped.
    activities = models.JSONField(null=True, blank=True)
    # Equipment tags at hand from exercises.positions.Equipment (journal/starter.py: ASKED); [] for
    # "none of these"; None: skipped.
    equipment = models.JSONField(null=True, blank=True)
    minutes = models.PositiveSmallIntegerField(choices=Minutes, null=True, blank=True)
    # "Most of my day is sitting", asked with the minutes.
    sitting = models.BooleanField(null=True, blank=True)
    # How far the person has come (the index of the furthest screen reached): where the start
    # takes up again after a break.
    reached = models.PositiveSmallIntegerField(default=0)
    started_on = models.DateField()
    finished_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "start answers"

    def __str__(self):
        return f"start of {self.user_id}{'' if self.finished_on else ' (open)'}"
