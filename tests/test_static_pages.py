"""Static pages: served at /p/<slug>/, listed in the site menu in the editors' order, kept out
of every list of posts, in the sitemap, comments off unless the page opens them."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from blog import widgets
from blog.models import BlogSettings, Page, Post
from comments.models import Comment
from tests.markup import parse

pytestmark = pytest.mark.django_db

PAGES_URL = reverse("admin:blog_page_changelist")
PAGE_ADD_URL = reverse("admin:blog_page_add")


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def make_page(db):
    def make(title="About this blog", **fields):
        fields.setdefault("status", Post.Status.PUBLISHED)
        fields.setdefault("language", "en")
        fields.setdefault("body", f"<p>{title}: who writes here, and why.</p>")
        return Page.objects.create(title=title, **fields)

    return make


@pytest.fixture
def an_about_page(make_page):
    return make_page("About the harbour notes")


@pytest.fixture
def editor_client(client, an_editor):
    client.force_login(an_editor)
    return client


def menu_links(html):
    """[(text, href)] of the site menu, after "Home"."""
    menu = parse(html).find("ul", class_="site-menu")
    return [(link.text, link.attrs["href"]) for link in menu.find_all("a")][1:]


class TestPublicPage:
    def test_is_served_at_its_address_in_its_language_and_direction(self, client, make_page):
        page = make_page("من نحن", language="ar")
        assert page.get_absolute_url() == "/p/%D9%85%D9%86-%D9%86%D8%AD%D9%86/"
        response = client.get(page.get_absolute_url())
        assert response.status_code == 200
        article = parse(response.content.decode()).find_all("article")[0]
        assert (article.attrs["lang"], article.attrs["dir"]) == ("ar", "rtl")
        assert [h.text for h in parse(response.content.decode()).find_all("h1")] == ["من نحن"]
        assert "post-meta" not in response.content.decode()

    @pytest.mark.parametrize("status", [Post.Status.DRAFT, Post.Status.SCHEDULED])
    def test_a_page_readers_may_not_see_is_404(self, client, make_page, status):
        later = timezone.now() + datetime.timedelta(days=2)
        page = make_page(status=status, publish_at=later)
        assert client.get(page.get_absolute_url()).status_code == 404

    def test_neither_address_serves_the_other_kind(self, client, an_about_page, a_post):
        local = timezone.localtime(an_about_page.publish_at)
        as_post = reverse("blog:post", args=[local.year, local.month, an_about_page.slug])
        assert client.get(as_post).status_code == 404
        assert client.get(reverse("blog:page", args=[a_post.slug])).status_code == 404

    def test_the_editor_previews_a_draft_page(self, editor_client, make_page):
        page = make_page("Contact", status=Post.Status.DRAFT)
        response = editor_client.get(reverse("blog:preview", args=[page.pk]))
        assert response.status_code == 200
        assert response.templates[0].name == "blog/page_detail.html"
        html = response.content.decode()
        assert "this page is not public" in html
        assert reverse("admin:blog_page_change", args=[page.pk]) in html
        assert response["X-Robots-Tag"] == "noindex"


class TestKeptOutOfPostLists:
    def test_absent_from_every_list_feed_and_search_of_posts(self, client, a_post, make_page):
        page = make_page("Notes on the harbour")
        author = a_post.byline_authors[0]
        now = timezone.localtime()
        urls = [
            reverse("blog:home"),
            reverse("blog:author", args=[author.slug]),
            reverse("blog:year", args=[now.year]),
            reverse("blog:month", args=[now.year, now.month]),
            reverse("blog:search") + "?q=notes",
            reverse("blog:feed-rss"),
            reverse("blog:feed-atom"),
            reverse("blog:author-feed-atom", args=[author.slug]),
        ]
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            # The menu links every page; the lists, feeds and results must not.
            content = re.sub(
                r'<nav class="site-nav".*?</nav>', "", response.content.decode(), flags=re.S
            )
            assert page.get_absolute_url() not in content, url
            assert page.title not in content, url

    def test_not_in_the_widgets_nor_next_to_posts(self, client, a_post, an_about_page):
        assert [item.pk for item in widgets_popular()] == [a_post.pk]
        (_year, months, count), *_others = widgets.archive_months()
        assert count == 1
        html = client.get(a_post.get_absolute_url()).content.decode()
        assert an_about_page.title not in re.sub(
            r'<nav class="site-nav".*?</nav>', "", html, flags=re.S
        )

    def test_listed_in_the_sitemap(self, client, an_about_page, a_post):
        # The index lists its sections; pages and posts each have their own.
        index = client.get(reverse("sitemap")).content.decode()
        assert "sitemap-pages.xml" in index and "sitemap-posts.xml" in index
        pages = client.get("/sitemap-pages.xml").content.decode()
        posts = client.get("/sitemap-posts.xml").content.decode()
        assert f"http://testserver{an_about_page.get_absolute_url()}" in pages
        assert f"http://testserver{a_post.get_absolute_url()}" in posts

    def test_slugs_are_unique_across_posts_and_pages(self, a_post, make_page):
        page = make_page(a_post.title)
        assert page.slug == f"{a_post.slug}-2"


def widgets_popular():
    from blog import popular

    return popular.popular_items(BlogSettings.load())


class TestSiteMenu:
    def test_lists_published_pages_in_the_order_editors_set(self, client, make_page):
        make_page("Contact", menu_order=3)
        make_page("About", menu_order=1)
        make_page("Colophon", menu_order=2)
        make_page("Hidden legal notice", show_in_menu=False)
        make_page("Draft page", status=Post.Status.DRAFT)
        html = client.get("/").content.decode()
        assert menu_links(html) == [
            ("About", "/p/about/"),
            ("Colophon", "/p/colophon/"),
            ("Contact", "/p/contact/"),
        ]

    def test_the_current_page_is_marked(self, client, make_page):
        html = client.get(make_page("من نحن").get_absolute_url()).content.decode()
        link = parse(html).find("ul", class_="site-menu").find_all("a")[1]
        assert link.attrs["aria-current"] == "page"

    def test_readers_see_the_pages_in_their_language_when_there_are_some(self, client, make_page):
        make_page("About", language="en")
        make_page("À propos", slug="a-propos", language="fr")
        assert menu_links(client.get("/").content.decode()) == [("About", "/p/about/")]
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
        assert menu_links(client.get("/").content.decode()) == [("À propos", "/p/a-propos/")]
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
        assert len(menu_links(client.get("/").content.decode())) == 2

    def test_a_change_shows_at_once_although_the_menu_is_cached(
        self, client, an_about_page, django_capture_on_commit_callbacks
    ):
        assert len(menu_links(client.get("/").content.decode())) == 1
        an_about_page.show_in_menu = False
        with django_capture_on_commit_callbacks(execute=True):
            an_about_page.save()
        assert menu_links(client.get("/").content.decode()) == []


class TestComments:
    def comment(self, client, page):
        data = {"name": "Salima", "email": "salima@example.org", "body": "Merci !"}
        return client.post(reverse("comments:create", kwargs={"post_id": page.pk}), data)

    def test_off_by_default(self, client, an_about_page):
        assert an_about_page.comments_off
        html = client.get(an_about_page.get_absolute_url()).content.decode()
        assert 'id="comments"' not in html
        assert self.comment(client, an_about_page).status_code == 403
        assert not Comment.objects.exists()

    def test_off_even_when_the_blog_welcomes_comments_on_posts(self, client, make_page):
        BlogSettings.load()  # anyone may comment on posts by default
        page = make_page(comment_policy=Post.CommentPolicy.INHERIT)
        assert self.comment(client, page).status_code == 403

    def test_on_for_a_page_that_opens_them(self, client, make_page):
        page = make_page(comment_policy=Post.CommentPolicy.ANYONE)
        assert 'id="comments"' in client.get(page.get_absolute_url()).content.decode()
        response = self.comment(client, page)
        comment = Comment.objects.get()
        assert response["Location"] == f"{page.get_absolute_url()}#c{comment.pk}"
        assert comment.body in client.get(page.get_absolute_url()).content.decode()


class TestAdmin:
    def page_data(self, **fields):
        return {
            "title": "Contact",
            "slug": "",
            "language": "fr",
            "body": "<p>Écrivez-nous.</p>",
            "excerpt": "",
            "status": Post.Status.PUBLISHED,
            "show_in_menu": "on",
            "menu_order": "4",
            "comment_policy": Post.CommentPolicy.CLOSED,
            "comment_moderation": Post.CommentModeration.INHERIT,
            "featured_image_alt": "",
            **fields,
        }

    def test_an_editor_writes_a_page_with_comments_off_by_default(self, editor_client, client):
        form = editor_client.get(PAGE_ADD_URL).context["adminform"].form
        assert form["comment_policy"].value() == Post.CommentPolicy.CLOSED
        assert [value for value, _label in form.fields["status"].choices] == [
            Post.Status.DRAFT,
            Post.Status.PUBLISHED,
        ]
        assert Post.CommentPolicy.INHERIT not in dict(form.fields["comment_policy"].choices)

        response = editor_client.post(PAGE_ADD_URL, self.page_data())
        assert response.status_code == 302
        page = Page.objects.get()
        assert (page.kind, page.slug, page.menu_order, page.language) == (
            "page",
            "contact",
            4,
            "fr",
        )
        assert client.get("/p/contact/").status_code == 200

    def test_a_slug_taken_by_a_post_is_refused(self, editor_client, a_post):
        response = editor_client.post(PAGE_ADD_URL, self.page_data(slug=a_post.slug))
        assert response.status_code == 200
        assert "slug" in response.context["adminform"].form.errors
        assert not Page.objects.exists()

    def test_the_menu_order_is_set_from_the_list(self, editor_client, client, make_page):
        first, second = make_page("About", menu_order=1), make_page("Contact", menu_order=2)
        data = {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "2",
            "form-0-id": str(first.pk),
            "form-0-show_in_menu": "on",
            "form-0-menu_order": "5",
            "form-1-id": str(second.pk),
            "form-1-show_in_menu": "on",
            "form-1-menu_order": "2",
            "_save": "Save",
        }
        assert editor_client.post(PAGES_URL, data).status_code == 302
        assert [text for text, _href in menu_links(client.get("/").content.decode())] == [
            "Contact",
            "About",
        ]

    def test_pages_and_posts_have_separate_lists(self, editor_client, a_post, an_about_page):
        pages = editor_client.get(PAGES_URL).context["cl"].result_list
        posts = editor_client.get(reverse("admin:blog_post_changelist")).context["cl"].result_list
        assert list(pages) == [an_about_page]
        assert [post.pk for post in posts] == [a_post.pk]

    def test_publish_action_speaks_of_pages(self, editor_client, make_page):
        page = make_page(status=Post.Status.DRAFT)
        response = editor_client.post(
            PAGES_URL,
            {"action": "publish_selected", "_selected_action": [page.pk]},
            follow=True,
        )
        assert "1 page published." in [str(m) for m in response.context["messages"]]
        page.refresh_from_db()
        assert page.is_published

    def test_authors_may_not_touch_pages(self, client, an_author_user, an_about_page):
        client.force_login(an_author_user)
        assert client.get(PAGES_URL).status_code == 403
        change = reverse("admin:blog_page_change", args=[an_about_page.pk])
        assert client.post(change, self.page_data()).status_code == 403
        assert client.get(reverse("blog:preview", args=[an_about_page.pk])).status_code == 404
