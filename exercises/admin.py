from django.contrib import admin

from exercises.models import Exercise, Progression


class ExerciseInline(admin.StackedInline):
    model = Exercise
    extra = 0
    ordering = ["level"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Progression)
class ProgressionAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "order", "starter"]
    list_filter = ["category", "starter"]
    search_fields = ["name", "summary", "levels__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ExerciseInline]


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = ["name", "progression", "level", "per_side", "schedule", "frequency", "extension"]
    # Positions and equipment tags are checkboxes on the change page (models.TagListField).
    list_filter = ["progression__category", "progression", "per_side", "schedule", "extension"]
    search_fields = ["name", "slug", "steps", "cues", "tips", "cautions"]
    list_select_related = ["progression"]
    prepopulated_fields = {"slug": ["name"]}
