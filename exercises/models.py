from functools import cached_property

from django import forms
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from exercises import dose
from exercises import positions as tagging

# The seconds one rep may take when the guided session counts it (`Exercise.tempo_seconds`).
TEMPO_RANGE = (2, 10)


def _span(low, high, unit=""):
    """'6', '8–10', with an optional unit: '20–30 s'."""
    text = str(low) if high in (None, low) else f"{low}–{high}"
    return f"{text} {unit}".strip() if unit else text


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


class TagListField(models.JSONField):
    """A list of tags from `tag_choices` (a TextChoices), stored as a JSON list so that it works the
    same on SQLite and PostgreSQL; edited as checkboxes (the admin). `Exercise.clean` checks the tags
    (exercises/positions.py: `problems`); the database refuses an empty list. `tag_choices` is left
    out of migrations (JSONField's deconstruct): the choices are checked in Python, so a new tag
    needs no migration."""

    def __init__(self, *args, tag_choices=None, **kwargs):
        self.tag_choices = tag_choices
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        if self.tag_choices is None:
            return super().formfield(**kwargs)
        return models.Field.formfield(
            self,
            **{
                "form_class": forms.MultipleChoiceField,
                "choices": self.tag_choices.choices,
                "widget": forms.CheckboxSelectMultiple,
                **kwargs,
            },
        )


class ProgressionQuerySet(models.QuerySet):
    def starters(self):
        return self.filter(starter=True)


class Progression(models.Model):
    """A movement family whose levels run from gentlest to hardest."""

    class Category(models.TextChoices):
        BREATHING = "breathing", _("Breathing")
        MOBILITY = "mobility", _("Mobility")
        STRENGTH = "strength", _("Strength")
        RELEASE = "release", _("Release")
        HABIT = "habit", _("Daily habit")

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    category = models.CharField(max_length=16, choices=Category)
    summary = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)
    starter = models.BooleanField(default=False, help_text="In a new user's plan, at level 1.")
    # Part of the library's content version (exercises/catalog.py).
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgressionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('exercises:list')}#{self.slug}"


class Exercise(models.Model):
    """One level of a progression, with its default dose.

    The dose is sets (min–max) of exactly one kind: reps (min–max, optionally holding each rep),
    a hold in seconds (min–max), or minutes (min–max); per side or not; and how often: `schedule`
    with its target (`times_per_day`, `days_per_week`), which journal/schedule.py reads to decide
    what is due on a day. `frequency` is the same in words, for display only.
    """

    class Schedule(models.TextChoices):
        DAILY = "daily", "Daily"
        TIMES_A_DAY = "times_a_day", "Several times a day"
        DAYS_A_WEEK = "days_a_week", "Some days a week"
        EVERY_OTHER_DAY = "every_other_day", "Every other day"

    progression = models.ForeignKey(Progression, on_delete=models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=100, unique=True)
    steps = models.TextField(help_text="One step per line.")
    cues = models.TextField(help_text="One cue per line; the first is shown on Today.")
    # Tips say how to do it better; cautions say when to stop or not to do it (docs/content.md).
    tips = models.TextField(blank=True, help_text="One per line: how to do it better. Shown as a plain tip.")
    cautions = models.TextField(
        blank=True, help_text="One per line: when to stop, or when not to do it. Shown as a warning."
    )
    equipment = models.CharField(
        max_length=120, blank=True, help_text="What you need, in words (display only; the tags decide)."
    )
    # What the safety answers and any equipment gate read (exercises/positions.py, docs/content.md).
    positions = TagListField(
        default=list,
        tag_choices=tagging.Position,
        help_text="Every position the level is done in. Face down (also over a ball) is never planned "
        "for someone pregnant.",
    )
    equipment_tags = TagListField(
        default=list,
        tag_choices=tagging.Equipment,
        help_text="What the level needs: “nothing” alone, or each thing it needs.",
    )
    extension = models.BooleanField(
        default=False,
        help_text="Bends the low back backwards. After a narrowing of the spinal canal such a level is "
        "planned only at level 1 of its family.",
    )

    sets_min = models.PositiveSmallIntegerField(default=1)
    sets_max = models.PositiveSmallIntegerField(default=1)
    reps_min = models.PositiveSmallIntegerField(null=True, blank=True)
    reps_max = models.PositiveSmallIntegerField(null=True, blank=True)
    rep_hold_seconds_min = models.PositiveSmallIntegerField(null=True, blank=True)
    rep_hold_seconds_max = models.PositiveSmallIntegerField(null=True, blank=True)
    hold_seconds_min = models.PositiveSmallIntegerField(null=True, blank=True)
    hold_seconds_max = models.PositiveSmallIntegerField(null=True, blank=True)
    minutes_min = models.PositiveSmallIntegerField(null=True, blank=True)
    minutes_max = models.PositiveSmallIntegerField(null=True, blank=True)
    # Seconds one rep takes when the guided session counts it by the clock (its hold at the top comes
    # on top): a slow breath 7, a cat/cow cycle 6, a march 4 a side. Rep-counted levels only, 2-10.
    tempo_seconds = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Seconds one rep takes when the session counts it (2-10; reps only). "
        "A hold at the top of each rep comes on top.",
    )
    # What one rep is called when the dose is a single set: "10 breaths", "5 reps".
    rep_unit = models.CharField(max_length=20, default="reps")
    per_side = models.BooleanField(default=False)
    frequency = models.CharField(max_length=80, blank=True, help_text="How often, in words (display only).")
    schedule = models.CharField(max_length=16, choices=Schedule, default=Schedule.DAILY)
    # The day's target of a times-a-day level (sitting breaks: 5), the week's of a days-a-week one.
    times_per_day = models.PositiveSmallIntegerField(null=True, blank=True)
    days_per_week = models.PositiveSmallIntegerField(null=True, blank=True)
    # What one time is called in "3 of 5 breaks", "2 of 4 walks this week".
    count_unit = models.CharField(max_length=20, default="sessions")
    # Part of the library's content version (exercises/catalog.py).
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["progression__order", "level"]
        constraints = [
            models.UniqueConstraint(fields=["progression", "level"], name="exercise_unique_level"),
            models.CheckConstraint(condition=Q(level__gte=1), name="exercise_level_positive"),
            models.CheckConstraint(
                condition=Q(sets_min__gte=1, sets_max__gte=F("sets_min")), name="exercise_sets_range"
            ),
            models.CheckConstraint(
                condition=Q(reps_min__isnull=True) | Q(reps_min__gte=1, reps_max__gte=F("reps_min")),
                name="exercise_reps_range",
            ),
            models.CheckConstraint(
                condition=Q(hold_seconds_min__isnull=True)
                | Q(hold_seconds_min__gte=1, hold_seconds_max__gte=F("hold_seconds_min")),
                name="exercise_hold_range",
            ),
            models.CheckConstraint(
                condition=Q(minutes_min__isnull=True)
                | Q(minutes_min__gte=1, minutes_max__gte=F("minutes_min")),
                name="exercise_minutes_range",
            ),
            models.CheckConstraint(
                condition=Q(rep_hold_seconds_min__isnull=True, rep_hold_seconds_max__isnull=True)
                | Q(
                    rep_hold_seconds_min__gte=1,
                    rep_hold_seconds_max__gte=F("rep_hold_seconds_min"),
                    reps_min__isnull=False,
                ),
                name="exercise_rep_hold_range",
            ),
            # Exactly one kind of dose: reps, a hold in seconds, or minutes.
            models.CheckConstraint(
                condition=(
                    Q(reps_min__isnull=False, reps_max__isnull=False, hold_seconds_min__isnull=True)
                    & Q(hold_seconds_max__isnull=True, minutes_min__isnull=True, minutes_max__isnull=True)
                )
                | (
                    Q(hold_seconds_min__isnull=False, hold_seconds_max__isnull=False, reps_min__isnull=True)
                    & Q(reps_max__isnull=True, minutes_min__isnull=True, minutes_max__isnull=True)
                )
                | (
                    Q(minutes_min__isnull=False, minutes_max__isnull=False, reps_min__isnull=True)
                    & Q(reps_max__isnull=True, hold_seconds_min__isnull=True, hold_seconds_max__isnull=True)
                ),
                name="exercise_one_dose_kind",
            ),
            # A tempo only on a level counted in reps, and never faster than 2 s or slower than 10 s a rep.
            models.CheckConstraint(
                condition=Q(tempo_seconds__isnull=True)
                | Q(
                    tempo_seconds__gte=TEMPO_RANGE[0],
                    tempo_seconds__lte=TEMPO_RANGE[1],
                    reps_min__isnull=False,
                ),
                name="exercise_tempo_range",
            ),
            # A target exactly where the schedule has one: times a day, or days a week (1-7).
            models.CheckConstraint(
                condition=(
                    Q(schedule="times_a_day", times_per_day__gte=1, days_per_week__isnull=True)
                    | Q(
                        schedule="days_a_week",
                        days_per_week__gte=1,
                        days_per_week__lte=7,
                        times_per_day__isnull=True,
                    )
                    | Q(
                        schedule__in=["daily", "every_other_day"],
                        times_per_day__isnull=True,
                        days_per_week__isnull=True,
                    )
                ),
                name="exercise_schedule_target",
            ),
            # Every level has a position and an equipment tag ("none" when it needs nothing): an
            # untagged level would slip past the safety rules that read them.
            models.CheckConstraint(condition=~Q(positions=[]), name="exercise_has_position"),
            models.CheckConstraint(condition=~Q(equipment_tags=[]), name="exercise_has_equipment_tag"),
        ]

    def __str__(self):
        return f"{self.progression.name} {self.level}: {self.name}"

    def get_absolute_url(self):
        return reverse("exercises:detail", kwargs={"slug": self.slug})

    @cached_property
    def url(self):
        """get_absolute_url, worked out once per instance: the library snapshot's serve every page."""
        return self.get_absolute_url()

    @property
    def steps_list(self):
        return _lines(self.steps)

    @property
    def cues_list(self):
        return _lines(self.cues)

    @property
    def tips_list(self):
        return _lines(self.tips)

    @property
    def cautions_list(self):
        return _lines(self.cautions)

    @property
    def first_cue(self):
        cues = self.cues_list
        return cues[0] if cues else ""

    @property
    def hold_seconds(self):
        """Seconds to hold each set, for a hold timer (None when the dose is not a hold)."""
        if self.hold_seconds_max:
            return self.hold_seconds_max
        return self.rep_hold_seconds_max

    @property
    def position_words(self):
        """The level's positions in words: ['face down over a ball']."""
        return tagging.labels(self.positions, tagging.Position)

    @property
    def needs_equipment(self):
        """Does the level need anything (a tag other than `none`)?"""
        return bool(tagging.missing_equipment(self, set()))

    @property
    def equipment_words(self):
        """What the level needs in words: ['an exercise ball', 'a box or bench'] (empty: nothing)."""
        return tagging.labels(tagging.missing_equipment(self, set()), tagging.Equipment)

    def dose_display(self):
        """The dose for people: '2 × 6 each side', 'hold 20–30 s', '10 min, 4+ days a week', in the
        active language (exercises/dose.py: `words`)."""
        return dose.words(
            sets=_span(self.sets_min, self.sets_max),
            single=self.sets_max == 1 or self.minutes_min is not None,  # minutes: the time, not its sets
            reps=None if self.reps_min is None else _span(self.reps_min, self.reps_max),
            rep_hold=self.rep_hold_seconds_min
            and _span(self.rep_hold_seconds_min, self.rep_hold_seconds_max),
            hold=None
            if self.hold_seconds_min is None
            else _span(self.hold_seconds_min, self.hold_seconds_max),
            minutes=None if self.minutes_min is None else _span(self.minutes_min, self.minutes_max),
            per_side=self.per_side,
            unit=self.rep_unit,
            number=self.reps_max or 0,
            often=self.frequency,
        )

    def clean(self):
        from django.core.exceptions import ValidationError

        kinds = [
            self.reps_min is not None or self.reps_max is not None,
            self.hold_seconds_min is not None or self.hold_seconds_max is not None,
            self.minutes_min is not None or self.minutes_max is not None,
        ]
        if sum(kinds) != 1:
            raise ValidationError("Give exactly one kind of dose: reps, a hold in seconds, or minutes.")
        pairs = [
            ("sets", self.sets_min, self.sets_max),
            ("reps", self.reps_min, self.reps_max),
            ("hold", self.hold_seconds_min, self.hold_seconds_max),
            ("minutes", self.minutes_min, self.minutes_max),
            ("hold per rep", self.rep_hold_seconds_min, self.rep_hold_seconds_max),
        ]
        for label, low, high in pairs:
            if (low is None) != (high is None):
                raise ValidationError(f"Give both ends of the {label} range.")
            if low is not None and low > high:
                raise ValidationError(f"The smallest {label} must not be above the largest.")
        if self.reps_min is not None and self.tempo_seconds is None:
            raise ValidationError("A level counted in reps needs a tempo: the seconds one rep takes.")
        if self.reps_min is None and self.tempo_seconds is not None:
            raise ValidationError("Leave the tempo empty for a level that is not counted in reps.")
        if self.tempo_seconds is not None and not TEMPO_RANGE[0] <= self.tempo_seconds <= TEMPO_RANGE[1]:
            raise ValidationError("The tempo must be from 2 to 10 seconds a rep.")
        wants = {
            self.Schedule.TIMES_A_DAY: ("times_per_day", "a number of times a day"),
            self.Schedule.DAYS_A_WEEK: ("days_per_week", "a number of days a week (1-7)"),
        }
        for schedule, (field, words) in wants.items():
            value = getattr(self, field)
            if self.schedule == schedule and not value:
                raise ValidationError(f"This schedule needs {words}.")
            if self.schedule != schedule and value is not None:
                raise ValidationError(f"Leave {field.replace('_', ' ')} empty for this schedule.")
        if self.days_per_week is not None and not 1 <= self.days_per_week <= 7:
            raise ValidationError("Days a week must be from 1 to 7.")
        found = tagging.problems(self.positions, self.equipment_tags)
        if found:
            raise ValidationError(found)
