"""Load the demo blog through the models, adding only what is missing.

Rows are found by their natural keys (author slug, label name, post slug), so loading twice
changes nothing, and a row an editor has already changed is never overwritten.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from blog.models import Author, BlogSettings, Byline, Label, Page, Post

from . import images
from .content import AUTHORS, BLOG_LANGUAGE, BLOG_TAGLINE, BLOG_TITLE, LABELS
from .pages import PAGES
from .posts_ar import POSTS as ARABIC_POSTS
from .posts_en import POSTS as ENGLISH_POSTS
from .posts_fr import POSTS as FRENCH_POSTS

POSTS = ARABIC_POSTS + FRENCH_POSTS + ENGLISH_POSTS


@dataclass
class LoadReport:
    """What one load added."""

    authors: int = 0
    labels: int = 0
    posts: int = 0
    pages: int = 0
    blog_settings: bool = False

    @property
    def added_anything(self):
        return bool(self.authors or self.labels or self.posts or self.pages or self.blog_settings)


def post_slug(demo_post):
    """The slug a demo post gets, the same one the admin would give its title."""
    return slugify(demo_post.title, allow_unicode=True)[:196].strip("-")


def publish_time(demo_post, index, now):
    """Spread posts over the day as well as over the months, on whole minutes."""
    moment = now - timedelta(days=demo_post.days_ago, hours=(index * 7) % 11)
    return moment.replace(second=0, microsecond=0)


def post_status(demo_post):
    if demo_post.draft:
        return Post.Status.DRAFT
    if demo_post.days_ago < 0:
        return Post.Status.SCHEDULED
    return Post.Status.PUBLISHED


@transaction.atomic
def load_demo(*, small_images=False, now=None):
    """Create the demo settings, authors, labels and posts that do not exist yet.

    `small_images` draws thumbnail-sized pictures, which is much faster (for tests).
    """
    now = now or timezone.now()
    report = LoadReport()
    report.blog_settings = _configure_blog()
    avatar_size = images.SMALL_AVATAR_SIZE if small_images else images.AVATAR_SIZE
    featured_size = images.SMALL_FEATURED_SIZE if small_images else images.FEATURED_SIZE

    authors = {}
    for number, demo_author in enumerate(AUTHORS, start=1):
        authors[demo_author.slug], created = _author(demo_author, number, avatar_size)
        report.authors += created

    labels = {}
    for name in LABELS:
        labels[name], created = Label.objects.get_or_create(name=name)
        report.labels += created

    for index, demo_post in enumerate(POSTS):
        slug = post_slug(demo_post)
        if Post.objects.filter(slug=slug).exists():
            continue
        post = Post(
            title=demo_post.title,
            slug=slug,
            language=demo_post.language,
            body=demo_post.body.strip(),
            excerpt=demo_post.excerpt,
            status=post_status(demo_post),
            publish_at=publish_time(demo_post, index, now),
            featured_image_alt=demo_post.image_alt,
        )
        if demo_post.image:
            style, palette = demo_post.image
            picture = images.featured_image(style, palette, seed=index, size=featured_size)
            post.featured_image = ContentFile(picture, name=f"demo-{index + 1:02d}.jpg")
        post.full_clean()
        post.save()
        for order, author_slug in enumerate(demo_post.authors):
            Byline.objects.create(post=post, author=authors[author_slug], order=order)
        post.labels.add(*(labels[name] for name in demo_post.labels))
        # Dated as written when published, not all today: feeds and the sitemap show it.
        written = min(post.publish_at, now)
        Post.objects.filter(pk=post.pk).update(created_at=written, updated_at=written)
        report.posts += 1

    for demo_page in PAGES:
        # Slugs are shared by posts and pages, so look among both.
        if Post.objects.filter(slug=demo_page.slug).exists():
            continue
        page = Page(
            title=demo_page.title,
            slug=demo_page.slug,
            language=demo_page.language,
            body=demo_page.body.strip(),
            status=Post.Status.PUBLISHED,
            publish_at=now,
            menu_order=demo_page.menu_order,
            comment_policy=Post.CommentPolicy.CLOSED,
        )
        page.full_clean()
        page.save()
        report.pages += 1
    return report


def _configure_blog():
    """Name the blog and set its tagline and language, unless an editor already has."""
    blog, _created = BlogSettings.objects.get_or_create(pk=1)
    untouched_title = BlogSettings._meta.get_field("title").default
    if blog.tagline or blog.title != untouched_title:
        return False
    blog.title, blog.tagline, blog.language = BLOG_TITLE, BLOG_TAGLINE, BLOG_LANGUAGE
    blog.full_clean()
    blog.save()
    return True


def _author(demo_author, number, avatar_size):
    """(author, created): the existing profile with this slug, or a new one with an avatar."""
    author = Author.objects.filter(slug=demo_author.slug).first()
    if author is not None:
        return author, False
    picture = images.avatar_image(demo_author.palette, seed=number, size=avatar_size)
    author = Author(
        display_name=demo_author.display_name,
        slug=demo_author.slug,
        bio=demo_author.bio,
        avatar=ContentFile(picture, name=f"demo-avatar-{number}.png"),
    )
    author.full_clean()
    author.save()
    return author, True
