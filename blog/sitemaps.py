"""sitemap.xml: an index of sections (home, posts, pages, labels, authors), in pages so that
no response lists more than a thousand addresses and a page of a 100,000-post blog costs what
the first page does."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.functional import cached_property

from .models import Author, Byline, Label, LabelledPost, Page, Post
from .pagination import PostPaginator

SITEMAP_PAGE_SIZE = 1000


class SitemapPostPaginator(PostPaginator):
    posts = Post.objects.only("kind", "slug", "publish_at", "updated_at")


class PostSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = SITEMAP_PAGE_SIZE

    def items(self):
        return Post.objects.published().listing()

    @property
    def paginator(self):
        # The count is the home page's: the same list (see blog.pagination).
        return SitemapPostPaginator(self.items(), self.limit, count_key="posts")

    def lastmod(self, post):
        return post.updated_at

    def get_latest_lastmod(self):
        # The index would read every post for it; search engines read each page's own dates.
        return None


class PageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    @cached_property
    def pages(self):
        # Pages are few: read once per response in menu order (page_menu_idx), and counted as a
        # list, since counting them in SQL would walk the posts' date index.
        return list(Page.objects.published().only("kind", "slug", "publish_at", "updated_at"))

    def items(self):
        return self.pages

    def lastmod(self, page):
        return page.updated_at


class HomeSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["blog:home"]

    def location(self, name):
        return reverse(name)


class LabelSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4
    limit = SITEMAP_PAGE_SIZE

    def items(self):
        listed = LabelledPost.objects.listed().filter(tag=OuterRef("pk"))
        return Label.objects.filter(Exists(listed)).order_by("pk")


class AuthorSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4
    limit = SITEMAP_PAGE_SIZE

    def items(self):
        listed = Byline.objects.listed().filter(author=OuterRef("pk"))
        return Author.objects.filter(Exists(listed)).order_by("pk")


SITEMAPS = {
    "home": HomeSitemap,
    "posts": PostSitemap,
    "pages": PageSitemap,
    "labels": LabelSitemap,
    "authors": AuthorSitemap,
}
