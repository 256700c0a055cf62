from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Author, Label, Page, Post


class PostSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Post.objects.published().only("kind", "slug", "publish_at", "updated_at")

    def lastmod(self, post):
        return post.updated_at


class PageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Page.objects.published().only("kind", "slug", "publish_at", "updated_at")

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

    def items(self):
        return Label.objects.filter(
            labelled_posts__content_object__in=Post.objects.published()
        ).distinct()


class AuthorSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return Author.objects.filter(bylines__post__in=Post.objects.published()).distinct()


SITEMAPS = {
    "home": HomeSitemap,
    "posts": PostSitemap,
    "pages": PageSitemap,
    "labels": LabelSitemap,
    "authors": AuthorSitemap,
}
