from django.contrib import admin

from learn.models import Lesson


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ["order", "title", "source", "published", "updated_at"]
    list_display_links = ["title"]
    list_editable = ["order", "published"]
    list_filter = ["published"]
    search_fields = ["title", "slug", "body", "source"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["updated_at"]
