import re

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import Author, BlogSettings, Byline, Label, LabelledPost, Post

FEED_SIZE = 20

# Control characters XML 1.0 cannot carry: Django's feed writer fails on them, and text pasted
# from a word processor sometimes holds one in a title or a name.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_safe(value):
    """A feed value (text, or a list of texts) without characters XML 1.0 forbids."""
    if isinstance(value, str):
        return _XML_ILLEGAL.sub("", value)
    if isinstance(value, (list, tuple)):
        return [xml_safe(item) for item in value]
    return value


class LanguageAtom1Feed(Atom1Feed):
    """Atom whose entries each say their own language (`xml:lang`): a French post in an Arabic
    blog's feed is read and hyphenated as French."""

    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        if item.get("language"):
            attributes["xml:lang"] = item["language"]
        return attributes


# Feed titles carry no Unicode isolates (U+2068/U+2069): pages isolate names in markup, but
# feed readers show the marks as boxes or keep them in copied text.
class LatestPostsRss(Feed):
    """The newest published posts; subclasses narrow them to a label or an author."""

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed = {key: xml_safe(value) for key, value in feed.feed.items()}
        feed.items = [{key: xml_safe(value) for key, value in item.items()} for item in feed.items]
        return feed

    def title(self, obj=None):
        return BlogSettings.load().title

    def description(self, obj=None):
        return BlogSettings.load().tagline

    subtitle = description

    def link(self, obj=None):
        return reverse("blog:home")

    def listing(self, obj):
        """Ids of the feed's posts, newest first (see blog.pagination)."""
        return Post.objects.published().listing()

    def items(self, obj=None):
        return Post.objects.with_bylines().in_order(self.listing(obj)[:FEED_SIZE])

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.body

    def item_pubdate(self, post):
        return post.publish_at

    def item_updateddate(self, post):
        return post.updated_at

    def item_author_name(self, post):
        return ", ".join(author.display_name for author in post.byline_authors)

    def item_extra_kwargs(self, post):
        return {"language": post.language}

    def item_categories(self, post):
        return [label.name for label in post.labels.all()]

    @property
    def language(self):
        return BlogSettings.load().language


class LatestPostsAtom(LatestPostsRss):
    feed_type = LanguageAtom1Feed


class LabelPostsRss(LatestPostsRss):
    def get_object(self, request, slug):
        return get_object_or_404(Label, slug=slug)

    def title(self, label):
        return _("%(blog)s — posts labelled %(label)s") % {
            "blog": BlogSettings.load().title,
            "label": label.name,
        }

    def link(self, label):
        return label.get_absolute_url()

    def listing(self, label):
        return LabelledPost.objects.filter(tag=label).listing("content_object")


class LabelPostsAtom(LabelPostsRss):
    feed_type = LanguageAtom1Feed


class AuthorPostsRss(LatestPostsRss):
    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def title(self, author):
        return _("%(blog)s — posts by %(author)s") % {
            "blog": BlogSettings.load().title,
            "author": author.display_name,
        }

    def link(self, author):
        return author.get_absolute_url()

    def listing(self, author):
        return Byline.objects.filter(author=author).listing("post")


class AuthorPostsAtom(AuthorPostsRss):
    feed_type = LanguageAtom1Feed
