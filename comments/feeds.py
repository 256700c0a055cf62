from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from blog.models import BlogSettings, Post

from .models import Comment

FEED_SIZE = 30


class LatestCommentsRss(Feed):
    """The newest approved comments on published posts; a subclass narrows them to one post."""

    def title(self, obj=None):
        return _("%(blog)s — comments") % {"blog": BlogSettings.load().title}

    def link(self, obj=None):
        return reverse("blog:home")

    def description(self, obj=None):
        return self.title(obj)

    subtitle = description

    def comments(self, obj):
        return Comment.objects.approved().of_published_posts()

    def items(self, obj=None):
        return (
            self.comments(obj)
            .select_related("post", "user__author_profile")
            .order_by("-created_at", "-id")[:FEED_SIZE]
        )

    def item_title(self, comment):
        return _("%(name)s on “%(post)s”") % {
            "name": comment.author_name,
            "post": comment.post.title,
        }

    def item_description(self, comment):
        return comment.body_html

    def item_link(self, comment):
        return comment.get_absolute_url()

    def item_pubdate(self, comment):
        return comment.created_at

    def item_updateddate(self, comment):
        return comment.edited_at or comment.created_at

    def item_author_name(self, comment):
        return comment.author_name

    @property
    def language(self):
        return BlogSettings.load().language


class LatestCommentsAtom(LatestCommentsRss):
    feed_type = Atom1Feed


class PostCommentsRss(LatestCommentsRss):
    def get_object(self, request, post_id):
        return get_object_or_404(Post.objects.visible(), pk=post_id)

    def title(self, post):
        return _("Comments on “%(post)s”") % {"post": post.title}

    def link(self, post):
        return f"{post.get_absolute_url()}#comments"

    def comments(self, post):
        return Comment.objects.approved().filter(post=post)


class PostCommentsAtom(PostCommentsRss):
    feed_type = Atom1Feed
