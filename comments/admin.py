from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Comment


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """Comments as stored: read-only here, since every change goes through the services."""

    list_display = ["excerpt_column", "author_column", "post", "status", "removed_by", "created_at"]
    list_filter = ["status", "removed_by", "created_at"]
    list_select_related = ["post", "user__author_profile"]
    search_fields = ["body", "guest_name", "guest_email", "user__username", "post__title"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]
    actions = ["restore"]
    fields = [
        "post",
        "parent",
        "in_reply_to",
        "depth",
        "user",
        "guest_name",
        "guest_email",
        "guest_website",
        "body",
        "status",
        "removed_by",
        "removed_by_user",
        "removed_at",
        "created_at",
        "edited_at",
    ]
    readonly_fields = fields

    @admin.display(description=_("comment"))
    def excerpt_column(self, comment):
        return comment.excerpt(12)

    @admin.display(description=_("author"))
    def author_column(self, comment):
        return comment.author_name

    @admin.action(description=_("Restore the selected removed comments"))
    def restore(self, request, queryset):
        removed = queryset.filter(status=Comment.Status.REMOVED)
        count = 0
        for comment in removed:
            services.restore_comment(comment)
            count += 1
        self.message_user(
            request,
            ngettext("Restored %(count)d comment.", "Restored %(count)d comments.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def has_add_permission(self, request):
        return False
