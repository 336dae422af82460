from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from backcare.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        ("Preferences", {"fields": ["time_zone", "country"]}),
    ]
    list_display = ["username", "email", "time_zone", "country", "date_joined", "is_staff"]
