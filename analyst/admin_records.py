"""Admin pages of records the system writes: people read them there and never add or edit them."""

from django.contrib import admin


class RecordAdminMixin:
    """No adding and no editing in the admin: the rows are written by the code that acts."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RecordInline(RecordAdminMixin, admin.TabularInline):
    """A record's history under it, read only: its `fields`, oldest first."""

    extra = 0
    can_delete = False
    verbose_name_plural = "history"

    def get_readonly_fields(self, request, obj=None):
        return self.fields
