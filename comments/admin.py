"""The comment settings; the moderation queue: comments to filter, search and act on in bulk,
each with its thread around it; the bans; the moderation log.

Comments are read-only here: every change goes through comments.services, which also writes
the log, as the page's controls do.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.db.models.functions import Lower
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Ban, Comment, CommentSettings, ModerationLog

MODERATE = "comments.moderate_comments"


@admin.register(CommentSettings)
class CommentSettingsAdmin(admin.ModelAdmin):
    """One settings page: the list view goes straight to it."""

    fieldsets = [
        (
            _("Comments"),
            {
                "fields": [
                    "policy",
                    "close_after_days",
                    "max_depth",
                    "threads_per_page",
                    "thread_order",
                    "edit_minutes",
                ]
            },
        ),
        (
            _("Comment moderation and spam"),
            {
                "fields": [
                    "moderation",
                    "max_links",
                    "hold_words",
                    "reject_words",
                    "min_seconds",
                    "rate_limit",
                    "rate_seconds",
                    "confirm_guest_email",
                    "reports_to_hide",
                ]
            },
        ),
    ]

    def changelist_view(self, request, extra_context=None):
        return redirect("admin:comments_commentsettings_change", CommentSettings.load().pk)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def comment_link(comment):
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    return format_html(
        '<a href="{}">{}</a> — {} <span class="comment-status">({})</span>',
        url,
        comment.author_name,
        comment.excerpt(16),
        comment.get_status_display(),
    )


class ReportedFilter(admin.SimpleListFilter):
    title = _("reported")
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("yes", _("Reported")), ("no", _("Not reported"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(report_count__gt=0)
        if self.value() == "no":
            return queryset.filter(report_count=0)
        return queryset


class BannedFilter(admin.SimpleListFilter):
    """Comments whose author is banned now, by account, e-mail address or network address."""

    title = _("commenter banned")
    parameter_name = "banned"

    def lookups(self, request, model_admin):
        return [("yes", _("Banned now")), ("no", _("Not banned"))]

    def queryset(self, request, queryset):
        if self.value() not in ("yes", "no"):
            return queryset
        bans = Ban.objects.active()
        banned = (
            Q(user__in=bans.filter(kind=Ban.Kind.ACCOUNT).values("user"))
            | Q(email_lower__in=bans.filter(kind=Ban.Kind.EMAIL).values("email"))
            | Q(ip_hash__in=bans.filter(kind=Ban.Kind.ADDRESS).values("ip_hash"))
        )
        queryset = queryset.annotate(email_lower=Lower("guest_email"))
        return queryset.filter(banned) if self.value() == "yes" else queryset.exclude(banned)


def dated_list(rows):
    """An HTML list of (when, who, what, note) rows for an admin page, or "—" when empty."""
    items = [
        (when.strftime("%Y-%m-%d %H:%M"), who, what, f"— {note}" if note else "")
        for when, who, what, note in rows
    ]
    if not items:
        return "—"
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{} · {} · {} {}</li>", items))


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "excerpt_column",
        "author_column",
        "post_column",
        "status",
        "held_reason",
        "report_count",
        "created_column",
    ]
    list_filter = [
        "status",
        "held_reason",
        ReportedFilter,
        BannedFilter,
        ("post", admin.RelatedOnlyFieldListFilter),
        "removed_by",
        "created_at",
    ]
    list_select_related = ["post", "user__author_profile"]
    search_fields = [
        "body",
        "guest_name",
        "guest_email",
        "user__username",
        "user__email",
        "user__first_name",
        "user__last_name",
        "post__title",
    ]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]
    actions = ["approve", "mark_spam", "remove", "restore", "delete_selected"]
    fieldsets = [
        (None, {"fields": ["post", "thread_context", "body", "status", "held_reason"]}),
        (
            _("Commenter"),
            {"fields": ["user", "guest_name", "guest_email", "guest_website", "notify_replies"]},
        ),
        (_("Reports"), {"fields": ["report_count", "report_list"]}),
        (
            _("History"),
            {
                "fields": [
                    "created_at",
                    "edited_at",
                    "published_at",
                    "removed_by",
                    "removed_by_user",
                    "removed_at",
                    "moderation_history",
                ]
            },
        ),
    ]
    readonly_fields = [name for _title, options in fieldsets for name in options["fields"]]
    change_form_template = "admin/comments/comment/change_form.html"

    class Media:
        css = {"all": ["comments/admin.css"]}

    # Permissions: moderators read and act; nobody edits a comment's fields by hand.

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm(MODERATE)

    # Columns and read-only panels

    # Readers' text is isolated (<bdi>): a Latin excerpt in the Arabic admin keeps its
    # punctuation at its own end, and an Arabic one in the French admin at its own.
    @admin.display(description=_("comment"))
    def excerpt_column(self, comment):
        return format_html('<bdi dir="auto">{}</bdi>', comment.excerpt(12))

    @admin.display(description=_("author"))
    def author_column(self, comment):
        return format_html('<bdi dir="auto">{}</bdi>', comment.author_name)

    @admin.display(
        description=Comment._meta.get_field("created_at").verbose_name, ordering="created_at"
    )
    def created_column(self, comment):
        """The short date and the time: the long date wraps the queue's columns at 1280 px."""
        local = timezone.localtime(comment.created_at)
        return f"{date_format(local, 'SHORT_DATE_FORMAT')} {local:%H:%M}"

    @admin.display(description=_("post"), ordering="post__title")
    def post_column(self, comment):
        return format_html('<bdi dir="auto">{}</bdi>', comment.post.title)

    @admin.display(description=_("thread"))
    def thread_context(self, comment):
        """The comment between the one it answers and the replies it received."""
        rows = []
        answered = comment.in_reply_to or comment.parent
        if answered is not None:
            rows.append((_("In reply to"), comment_link(answered)))
        replies = (
            Comment.objects.filter(Q(parent=comment) | Q(in_reply_to=comment))
            .exclude(pk=comment.pk)
            .select_related("user__author_profile")
            .order_by("path")
            .distinct()
        )
        rows.extend((_("Reply"), comment_link(reply)) for reply in replies)
        if not rows:
            return _("A comment on its own: no parent, no replies.")
        return format_html(
            '<ul class="comment-thread">{}</ul>',
            format_html_join("", "<li><strong>{}:</strong> {}</li>", rows),
        )

    @admin.display(description=_("who reported it"))
    def report_list(self, comment):
        return dated_list(
            (r.created_at, r.user or _("a guest"), r.get_reason_display(), r.note)
            for r in comment.reports.select_related("user")
        )

    @admin.display(description=_("moderation log"))
    def moderation_history(self, comment):
        return dated_list(
            (e.created_at, e.actor or _("the site"), e.get_action_display(), e.reason)
            for e in comment.moderation_log.select_related("actor")
        )

    # Bulk actions, each through the services

    def _act(self, request, queryset, write):
        """Apply `write(comment, user)` to each selected comment; how many changed status."""
        changed = 0
        for comment in queryset.select_related("post", "user__author_profile"):
            before = comment.status
            if write(comment, request.user).status != before:
                changed += 1
        return changed

    def _done(self, request, message):
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description=_("Approve the selected comments"), permissions=["moderate"])
    def approve(self, request, queryset):
        count = self._act(
            request, queryset, lambda comment, user: services.approve_comment(comment, by=user)
        )
        self._done(
            request,
            ngettext("Approved %(count)d comment.", "Approved %(count)d comments.", count)
            % {"count": count},
        )

    @admin.action(description=_("Mark the selected comments as spam"), permissions=["moderate"])
    def mark_spam(self, request, queryset):
        count = self._act(
            request, queryset, lambda comment, user: services.mark_spam(comment, by=user)
        )
        self._done(
            request,
            ngettext(
                "Marked %(count)d comment as spam.", "Marked %(count)d comments as spam.", count
            )
            % {"count": count},
        )

    @admin.action(description=_("Remove the selected comments"), permissions=["moderate"])
    def remove(self, request, queryset):
        count = self._act(
            request,
            queryset,
            lambda comment, user: services.remove_comment(comment, by_user=user, by_moderator=True),
        )
        self._done(
            request,
            ngettext("Removed %(count)d comment.", "Removed %(count)d comments.", count)
            % {"count": count},
        )

    @admin.action(description=_("Restore the selected removed comments"), permissions=["moderate"])
    def restore(self, request, queryset):
        count = self._act(
            request, queryset, lambda comment, user: services.restore_comment(comment, by=user)
        )
        self._done(
            request,
            ngettext("Restored %(count)d comment.", "Restored %(count)d comments.", count)
            % {"count": count},
        )

    # Django's "delete selected" asks for confirmation, listing the replies that go with each
    # comment, then calls these.

    def delete_queryset(self, request, queryset):
        services.delete_forever(queryset, by=request.user)

    def delete_model(self, request, obj):
        services.delete_forever(Comment.objects.filter(pk=obj.pk), by=request.user)

    # One comment's buttons on its admin page

    ONE_COMMENT_ACTIONS = {
        "approve": lambda comment, user: services.approve_comment(comment, by=user),
        "spam": lambda comment, user: services.mark_spam(comment, by=user),
        "remove": lambda comment, user: services.remove_comment(
            comment, by_user=user, by_moderator=True
        ),
        "restore": lambda comment, user: services.restore_comment(comment, by=user),
    }

    def get_urls(self):
        moderate = path(
            "<int:pk>/moderate/<str:action>/",
            self.admin_site.admin_view(self.moderate_view),
            name="comments_comment_moderate",
        )
        return [moderate, *super().get_urls()]

    def moderate_view(self, request, pk, action):
        """POST from the buttons of a comment's admin page: approve, spam, remove, restore."""
        if request.method != "POST" or action not in self.ONE_COMMENT_ACTIONS:
            raise PermissionDenied
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        comment = get_object_or_404(Comment.objects.select_related("post"), pk=pk)
        self.ONE_COMMENT_ACTIONS[action](comment, request.user)
        self.message_user(
            request,
            _("The comment is now: %(status)s.") % {"status": comment.get_status_display()},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:comments_comment_change", args=[pk]))

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None and self.has_moderate_permission(request):
            context["moderation_buttons"] = [
                (reverse("admin:comments_comment_moderate", args=[obj.pk, action]), label)
                for action, label, shown in (
                    ("approve", _("Approve"), obj.status in ("pending", "spam")),
                    ("spam", _("Mark spam"), obj.status in ("pending", "approved")),
                    ("remove", _("Remove"), obj.status != "removed"),
                    ("restore", _("Restore"), obj.status == "removed"),
                )
                if shown
            ]
            context["page_url"] = obj.get_absolute_url()
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)


class ActiveBanFilter(admin.SimpleListFilter):
    title = _("in force")
    parameter_name = "active"

    def lookups(self, request, model_admin):
        return [("yes", _("In force")), ("no", _("Ended or lifted"))]

    def queryset(self, request, queryset):
        active = Ban.objects.active().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=active)
        if self.value() == "no":
            return queryset.exclude(pk__in=active)
        return queryset


@admin.register(Ban)
class BanAdmin(admin.ModelAdmin):
    """Bans are made from a comment, on the page; here they are read and lifted."""

    list_display = [
        "__str__",
        "kind",
        "reason",
        "created_by",
        "created_at",
        "expires_at",
        "in_force",
    ]
    list_filter = [ActiveBanFilter, "kind", "created_at"]
    search_fields = ["email", "user__username", "user__email", "reason"]
    list_select_related = ["user", "created_by"]
    actions = ["lift"]
    fields = [
        "kind",
        "user",
        "email",
        "ip_hash",
        "reason",
        "comment",
        "created_by",
        "created_at",
        "expires_at",
        "lifted_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm(MODERATE)

    @admin.display(description=_("in force"), boolean=True)
    def in_force(self, ban):
        return ban.is_active()

    @admin.action(description=_("Lift the selected bans"), permissions=["moderate"])
    def lift(self, request, queryset):
        lifted = 0
        for ban in queryset.filter(lifted_at=None):
            services.lift_ban(ban, by=request.user)
            lifted += 1
        self.message_user(
            request,
            ngettext("Lifted %(count)d ban.", "Lifted %(count)d bans.", lifted) % {"count": lifted},
            messages.SUCCESS,
        )


@admin.register(ModerationLog)
class ModerationLogAdmin(admin.ModelAdmin):
    """Who did what, when and why: read-only."""

    list_display = ["created_at", "action", "actor_column", "comment_column", "post", "reason"]
    list_filter = ["action", ("actor", admin.RelatedOnlyFieldListFilter), "created_at"]
    search_fields = ["comment_excerpt", "comment_author", "reason", "actor__username"]
    list_select_related = ["actor", "post", "comment"]
    date_hierarchy = "created_at"
    fields = [
        "created_at",
        "action",
        "actor",
        "comment",
        "comment_author",
        "comment_excerpt",
        "post",
        "reason",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("moderator"), ordering="actor")
    def actor_column(self, entry):
        return entry.actor or _("the site")

    @admin.display(description=_("comment"))
    def comment_column(self, entry):
        if entry.comment_id is None:
            if not entry.comment_excerpt:
                return "—"
            return format_html(
                '<bdi dir="auto">{}</bdi> <em>({})</em>', entry.comment_excerpt, _("deleted")
            )
        url = reverse("admin:comments_comment_change", args=[entry.comment_id])
        return format_html(
            '<a href="{}"><bdi dir="auto">{}</bdi></a>',
            url,
            entry.comment_excerpt or entry.comment_id,
        )
