from django.contrib import admin

from journal.models import Dismissal, Entry, LevelChange, PlanItem, SafetyAlert, SafetyScreen, ShareLink, Tick


@admin.register(PlanItem)
class PlanItemAdmin(admin.ModelAdmin):
    list_display = ["user", "progression", "exercise", "active", "since"]
    list_filter = ["active", "progression"]
    search_fields = ["user__username"]
    list_select_related = ["user", "progression", "exercise"]


class TickInline(admin.TabularInline):
    model = Tick
    extra = 0


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["user", "date", "pain", "day_type", "planned"]
    list_filter = ["day_type"]
    search_fields = ["user__username"]
    date_hierarchy = "date"
    inlines = [TickInline]
    list_select_related = ["user"]


@admin.register(LevelChange)
class LevelChangeAdmin(admin.ModelAdmin):
    list_display = ["user", "plan_item", "from_exercise", "to_exercise", "direction", "created_at"]
    list_filter = ["direction"]
    search_fields = ["user__username"]


@admin.register(SafetyScreen)
class SafetyScreenAdmin(admin.ModelAdmin):
    list_display = ["user", "taken_on", "outcome", "cleared_on"]
    list_filter = ["outcome"]
    search_fields = ["user__username"]


admin.site.register(Dismissal)
admin.site.register(SafetyAlert)


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    # The token's fingerprint stays out of the admin (editable=False); the link opens nothing here.
    list_display = ["user", "display_name", "created_at", "expires_at", "revoked_at"]
    search_fields = ["user__username"]
    list_select_related = ["user"]
