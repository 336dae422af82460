from django.contrib import admin

from backcare import diary_version
from journal.models import Dismissal, Entry, LevelChange, PlanItem, SafetyAlert, SafetyScreen, ShareLink, Tick


class UsersDataAdmin(admin.ModelAdmin):
    """A row of a user's diary edited here moves their diary version (backcare/diary_version.py),
    as the services do, so their pages never show what was kept from before the edit."""

    def save_model(self, request, obj, form, change):
        diary_version.changed(obj.user_id)
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        diary_version.changed(obj.user_id)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for user_id in set(queryset.values_list("user_id", flat=True)):
            diary_version.changed(user_id)
        super().delete_queryset(request, queryset)


@admin.register(PlanItem)
class PlanItemAdmin(UsersDataAdmin):
    list_display = ["user", "progression", "exercise", "active", "since"]
    list_filter = ["active", "progression"]
    search_fields = ["user__username"]
    list_select_related = ["user", "progression", "exercise"]


class TickInline(admin.TabularInline):
    model = Tick
    extra = 0


@admin.register(Entry)
class EntryAdmin(UsersDataAdmin):
    list_display = ["user", "date", "pain", "day_type", "planned"]
    list_filter = ["day_type"]
    search_fields = ["user__username"]
    date_hierarchy = "date"
    inlines = [TickInline]
    list_select_related = ["user"]


@admin.register(LevelChange)
class LevelChangeAdmin(UsersDataAdmin):
    list_display = ["user", "plan_item", "from_exercise", "to_exercise", "direction", "created_at"]
    list_filter = ["direction"]
    search_fields = ["user__username"]


@admin.register(SafetyScreen)
class SafetyScreenAdmin(UsersDataAdmin):
    list_display = ["user", "taken_on", "outcome", "cleared_on"]
    list_filter = ["outcome"]
    search_fields = ["user__username"]


admin.site.register(Dismissal, UsersDataAdmin)
admin.site.register(SafetyAlert, UsersDataAdmin)


@admin.register(ShareLink)
class ShareLinkAdmin(UsersDataAdmin):
    # The token's fingerprint stays out of the admin (editable=False); the link opens nothing here.
    list_display = ["user", "display_name", "created_at", "expires_at", "revoked_at"]
    search_fields = ["user__username"]
    list_select_related = ["user"]
