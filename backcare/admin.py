from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from backcare import diary_version
from backcare.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        ("Preferences", {"fields": ["time_zone", "country"]}),
    ]
    list_display = ["username", "email", "time_zone", "country", "date_joined", "is_staff"]

    def save_model(self, request, obj, form, change):
        if change:  # the zone moves the user's "today": their kept pages are old (backcare/diary_version.py)
            diary_version.changed(obj)
        super().save_model(request, obj, form, change)
