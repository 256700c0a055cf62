from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.models import Tag

from . import services
from .forms import AuthorAdminForm, BodyImageForm, PageAdminForm, PostAdminForm
from .models import Author, BlogSettings, BodyImage, Byline, Label, Page, Post, may_publish
from .permissions import may_add_body_image

# Labels replace taggit's own tags, which nothing here uses.
admin.site.unregister(Tag)

admin.site.site_header = _("Midad administration")
admin.site.site_title = _("Midad")
admin.site.index_title = _("Blog administration")


@admin.register(BlogSettings)
class BlogSettingsAdmin(admin.ModelAdmin):
    """One settings page: the list view goes straight to it."""

    fieldsets = [
        (None, {"fields": ["title", "tagline", "language", "posts_per_page"]}),
        (
            _("Popular posts"),
            {
                "fields": [
                    "popular_count",
                    "popular_window_days",
                    "popular_label",
                    "popular_show_snippet",
                    "popular_show_thumbnail",
                    "popular_exclude_current",
                ]
            },
        ),
    ]

    def changelist_view(self, request, extra_context=None):
        return redirect("admin:blog_blogsettings_change", BlogSettings.load().pk)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BylineRestrictionMixin:
    """Users without `blog.edit_any_post` (the Authors group) see only what is theirs."""

    def is_restricted(self, request):
        return not request.user.has_perm("blog.edit_any_post")


@admin.register(Author)
class AuthorAdmin(BylineRestrictionMixin, admin.ModelAdmin):
    form = AuthorAdminForm
    list_display = ["display_name", "slug", "user", "post_count"]
    search_fields = ["display_name", "bio", "user__username"]
    prepopulated_fields = {"slug": ["display_name"]}
    autocomplete_fields = ["user"]

    def get_queryset(self, request):
        authors = super().get_queryset(request).annotate(post_count=Count("bylines"))
        if self.is_restricted(request):
            authors = authors.filter(user=request.user)
        return authors

    def get_readonly_fields(self, request, obj=None):
        return ["user"] if self.is_restricted(request) else []

    @admin.display(description=_("posts"), ordering="post_count")
    def post_count(self, author):
        return author.post_count


@admin.register(Label)
class LabelAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "post_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(post_count=Count("labelled_posts"))

    @admin.display(description=_("posts"), ordering="post_count")
    def post_count(self, label):
        return label.post_count


class PublishingAdminMixin:
    """What the post and page admins share: status badge, view or preview link, publishing and
    unpublishing through blog.services. Subclasses word the actions and their messages."""

    def get_view_on_site_url(self, obj=None):
        if obj is None or obj.pk is None:
            return None
        return (
            obj.get_absolute_url() if obj.is_published else reverse("blog:preview", args=[obj.pk])
        )

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, post):
        status = post.public_status
        return format_html('<span class="status status--{}">{}</span>', status, status.label)

    @admin.display(description=_("preview"))
    def preview(self, post):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            self.get_view_on_site_url(post),
            _("View") if post.is_published else _("Preview"),
        )

    def publish(self, request, queryset):
        count = services.publish_now(queryset)
        self.message_user(request, self.published_message(count), messages.SUCCESS)

    def unpublish(self, request, queryset):
        count = services.unpublish(queryset)
        self.message_user(request, self.unpublished_message(count), messages.SUCCESS)


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]
    fields = ["author", "order"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # The server's check, not only the picker's: an id typed into the form that names a
        # colleague is refused as an invalid choice unless the user is an editor.
        author = formset.form.base_fields["author"]
        author.queryset = Author.objects.signable_by(request.user, obj)
        return formset


class StatusFilter(admin.SimpleListFilter):
    """Status with the number of posts in each, so editors see at a glance how many wait for
    review; counted in one query over the posts the user may edit."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        counts = dict(
            Post.objects.posts()
            .editable_by(request.user)
            .order_by()
            .values_list("status")
            .annotate(count=Count("id"))
        )
        return [
            (status, f"{label} ({counts.get(status, 0)})") for status, label in Post.Status.choices
        ]

    def queryset(self, request, queryset):
        if self.value() in Post.Status.values:
            return queryset.filter(status=self.value())
        return queryset


@admin.register(Post)
class PostAdmin(PublishingAdminMixin, BylineRestrictionMixin, admin.ModelAdmin):
    form = PostAdminForm
    list_display = [
        "title",
        "status_badge",
        "publish_at",
        "byline_names",
        "label_names",
        "preview",
        "views_7d",
        "views_30d",
        "views_all",
    ]
    list_filter = [
        StatusFilter,
        "language",
        "labels",
        "authors",
        ("publish_at", admin.DateFieldListFilter),
    ]
    search_fields = ["title", "body_text", "excerpt"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    inlines = [BylineInline]
    actions = ["publish_selected", "unpublish_selected"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "language", "body", "excerpt"]}),
        (
            _("Publishing"),
            {
                "fields": [
                    "status",
                    "publish_at",
                    "labels",
                    "comment_policy",
                    "comment_moderation",
                ]
            },
        ),
        (_("Featured image"), {"fields": ["featured_image", "featured_image_alt"]}),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin-post-direction.js"]

    def get_queryset(self, request):
        return Post.objects.posts().editable_by(request.user).with_bylines().with_view_counts()

    def get_changeform_initial_data(self, request):
        return {"language": BlogSettings.load().language, "publish_at": timezone.now()}

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.may_publish = may_publish(request.user)
        return form

    def get_readonly_fields(self, request, obj=None):
        # The date is the publisher's decision: contributors only submit.
        return [] if may_publish(request.user) else ["publish_at"]

    def has_publish_permission(self, request):
        return may_publish(request.user)

    def save_model(self, request, obj, form, change):
        submitted = (
            obj.status == Post.Status.PENDING and form.initial.get("status") != Post.Status.PENDING
        )
        super().save_model(request, obj, form, change)
        if submitted:
            services.request_review(obj, request.user)

    def changelist_view(self, request, extra_context=None):
        pending = None
        if request.user.has_perm("blog.edit_any_post"):
            pending = Post.objects.posts().pending_review().count()
        return super().changelist_view(
            request, {"pending_review": pending, **(extra_context or {})}
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if self.is_restricted(request):
            # An author always stays on the byline of the posts they write.
            author = Author.objects.for_user(request.user)
            Byline.objects.get_or_create(post=form.instance, author=author, defaults={"order": 0})

    @admin.display(description=_("authors"))
    def byline_names(self, post):
        return ", ".join(author.display_name for author in post.byline_authors)

    @admin.display(description=_("labels"))
    def label_names(self, post):
        return format_html_join(", ", "{}", ((label.name,) for label in post.labels.all()))

    @admin.display(description=_("views (7 days)"), ordering="views_7d")
    def views_7d(self, post):
        return post.views_7d

    @admin.display(description=_("views (30 days)"), ordering="views_30d")
    def views_30d(self, post):
        return post.views_30d

    @admin.display(description=_("views (all time)"), ordering="views_all")
    def views_all(self, post):
        return post.views_all

    @admin.action(description=_("Publish selected posts now"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self.publish(request, queryset)

    @admin.action(
        description=_("Unpublish selected posts (back to draft)"), permissions=["publish"]
    )
    def unpublish_selected(self, request, queryset):
        self.unpublish(request, queryset)

    def published_message(self, count):
        return ngettext("%(count)d post published.", "%(count)d posts published.", count) % {
            "count": count
        }

    def unpublished_message(self, count):
        return ngettext("%(count)d post unpublished.", "%(count)d posts unpublished.", count) % {
            "count": count
        }

    def get_urls(self):
        admin_view = self.admin_site.admin_view
        return [
            path("stats/", admin_view(self.stats_view), name="blog_post_stats"),
            path("images/", admin_view(self.upload_image_view), name="blog_post_upload_image"),
            *super().get_urls(),
        ]

    def upload_image_view(self, request):
        """The post editor's picture upload: JSON for the editor, an error message when refused."""
        if request.method != "POST":
            return JsonResponse({"error": _("Send the picture with POST.")}, status=405)
        post_id = request.POST.get("post", "")
        post = None
        if post_id:
            if post_id.isdigit() and len(post_id) < 19:
                post = Post.objects.filter(pk=post_id).first()
            if post is None:
                return JsonResponse({"error": _("This post does not exist.")}, status=404)
        if not may_add_body_image(request.user, post):
            return JsonResponse({"error": _("You may not add pictures to this post.")}, status=403)
        form = BodyImageForm(request.POST, request.FILES)
        if not form.is_valid():
            return JsonResponse({"error": form.first_error()}, status=400)
        image = BodyImage.store(form.cleaned_data["image"], uploaded_by=request.user)
        return JsonResponse(
            {"src": image.src, "width": image.width, "height": image.height}, status=201
        )

    def stats_view(self, request):
        """The most read posts over 7 days, 30 days, the widget's window and all time."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        windows = [(7, _("Last 7 days")), (30, _("Last 30 days"))]
        widget_days = BlogSettings.load().popular_window_days
        if widget_days and widget_days not in (7, 30):
            title = ngettext(
                "Last %(days)d day (the widget's period)",
                "Last %(days)d days (the widget's period)",
                widget_days,
            )
            windows.append((widget_days, title % {"days": widget_days}))
        windows.append((None, _("All time")))
        posts = Post.objects.posts().editable_by(request.user)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Post statistics"),
            "opts": self.opts,
            "windows": [
                {
                    "title": title,
                    "posts": posts.popular(days).only("kind", "title", "status", "publish_at")[:10],
                    "total": posts.with_views(days).aggregate(total=Sum("view_count"))["total"],
                }
                for days, title in windows
            ],
        }
        return TemplateResponse(request, "admin/blog/post/stats.html", context)


@admin.register(Page)
class PageAdmin(PublishingAdminMixin, admin.ModelAdmin):
    """Static pages (About, Contact), for editors; the menu order is set from the list."""

    form = PageAdminForm
    list_display = ["title", "status_badge", "language", "show_in_menu", "menu_order", "preview"]
    list_editable = ["show_in_menu", "menu_order"]
    list_filter = ["status", "language", "show_in_menu"]
    search_fields = ["title", "body_text"]
    prepopulated_fields = {"slug": ["title"]}
    actions = ["publish_selected", "unpublish_selected"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "language", "body", "excerpt"]}),
        (
            _("Publishing"),
            {"fields": ["status", "show_in_menu", "menu_order"]},
        ),
        (_("Comments"), {"fields": ["comment_policy", "comment_moderation"]}),
        (_("Featured image"), {"fields": ["featured_image", "featured_image_alt"]}),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin-post-direction.js"]

    def get_changeform_initial_data(self, request):
        return {
            "language": BlogSettings.load().language,
            "comment_policy": Post.CommentPolicy.CLOSED,
        }

    @admin.action(description=_("Publish selected pages now"), permissions=["change"])
    def publish_selected(self, request, queryset):
        self.publish(request, queryset)

    @admin.action(description=_("Unpublish selected pages (back to draft)"), permissions=["change"])
    def unpublish_selected(self, request, queryset):
        self.unpublish(request, queryset)

    def published_message(self, count):
        return ngettext("%(count)d page published.", "%(count)d pages published.", count) % {
            "count": count
        }

    def unpublished_message(self, count):
        return ngettext("%(count)d page unpublished.", "%(count)d pages unpublished.", count) % {
            "count": count
        }
