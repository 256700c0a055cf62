"""Old links keep working: every kind of old Blogger and WordPress address answers with a 301
to a page that answers 200, the comment a link pointed at kept as the anchor."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from blog.models import Label, Page, Post
from comments.models import Comment

FIXTURES = Path(__file__).parent / "fixtures" / "transfer"
pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(db):
    for command, name in [
        ("import_blogger", "blogger_classic.xml"),
        ("import_blogger", "blogger_takeout.atom"),
        ("import_wordpress", "wordpress.xml"),
        ("import_wordpress", "wordpress_wxr11.xml"),
    ]:
        call_command(command, str(FIXTURES / name), "--no-progress", stdout=io.StringIO())


def post(**lookup):
    return Post.objects.get(**lookup)


def lands(client, address, expected):
    response = client.get(address)
    assert response.status_code == 301, address
    assert response["Location"] == expected
    page = client.get(response["Location"])
    assert page.status_code == 200, response["Location"]
    return page


LECTURE = {"title": "في مديح القراءة البطيئة"}
GARDEN = {"slug": "حديقة-الكلمات"}
CARNET = {"slug": "carnet-de-lecture-la-patience-des-pages"}


@pytest.mark.parametrize(
    ("address", "lookup"),
    [
        ("/2012/03/blog-post_14.html", LECTURE),
        ("/2012/03/blog-post_14.html?m=1", LECTURE),
        ("/2012/11/carnet-de-lecture-la-patience-des-pages.html", CARNET),
        ("/2019/06/reading-in-two-languages.html", {"slug": "reading-in-two-languages"}),
        ("/2013/05/حديقة-الكلمات/comment-page-2/", GARDEN),
        ("/?p=10", GARDEN),
        ("/2010/12/07/planting-words/", {"slug": "planting-words"}),
    ],
)  # fmt: skip
def test_old_post_addresses(client, imported, address, lookup):
    lands(client, address, post(**lookup).get_absolute_url())


def test_wordpress_permalinks_like_ours_are_served_as_they_are(client, imported):
    """WordPress's /YYYY/MM/slug/ is our own pattern: the slug was kept, the address works."""
    garden = post(**GARDEN)
    old = "/2013/05/%d8%ad%d8%af%d9%8a%d9%82%d8%a9-%d8%a7%d9%84%d9%83%d9%84%d9%85%d8%a7%d8%aa/"
    response = client.get(old)
    assert response.status_code == 200
    assert response.context["post"] == garden


@pytest.mark.parametrize(
    ("address", "slug"),
    [
        ("/p/blog-page.html", "عن-الدفتر"),
        ("/p/about.html", "about"),
        ("/a-propos/", "a-propos"),
        ("/?page_id=20", "a-propos"),
        ("/?p=20", "a-propos"),
    ],
)
def test_old_page_addresses(client, imported, address, slug):
    page = Page.objects.get(slug=slug)
    assert page.get_absolute_url() == reverse("blog:page", kwargs={"slug": slug})
    lands(client, address, page.get_absolute_url())


def test_showcomment_keeps_the_comment_anchor(client, imported):
    comment = Comment.objects.get(guest_name="كريم")
    expected = f"{comment.post.get_absolute_url()}#c{comment.pk}"
    lands(client, "/2012/03/blog-post_14.html?showComment=1331717400000", expected)


def test_replytocom_keeps_the_comment_anchor(client, imported):
    comment = Comment.objects.get(guest_name="Fatima")
    address = post(**GARDEN).get_absolute_url() + "x"  # not this site's address: an old one
    lands(client, "/?p=10&replytocom=103", f"{comment.post.get_absolute_url()}#c{comment.pk}")
    assert client.get(address).status_code == 404


@pytest.mark.parametrize(
    ("address", "name", "kwargs"),
    [
        ("/feeds/posts/default", "blog:feed-atom", {}),
        ("/feeds/posts/default?alt=rss", "blog:feed-rss", {}),
        ("/feeds/comments/default", "comments:feed-atom", {}),
        ("/feed/", "blog:feed-rss", {}),
        ("/feed/atom/", "blog:feed-atom", {}),
        ("/comments/feed/", "comments:feed-rss", {}),
    ],
)
def test_old_feed_addresses(client, imported, address, name, kwargs):
    lands(client, address, reverse(name, kwargs=kwargs))


def test_per_post_comment_feeds(client, imported):
    lecture = post(**LECTURE)
    expected = reverse("comments:post-feed-rss", kwargs={"post_id": lecture.pk})
    lands(client, "/feeds/1001/comments/default", expected)
    garden = post(**GARDEN)
    expected = reverse("comments:post-feed-rss", kwargs={"post_id": garden.pk})
    lands(client, "/2013/05/حديقة-الكلمات/feed/", expected)


def test_old_label_addresses(client, imported):
    lands(client, "/search/label/قراءة", Label.objects.get(name="قراءة").get_absolute_url())
    lands(client, "/category/poesie/", Label.objects.get(name="Poésie").get_absolute_url())
    lands(client, "/tag/winter/", Label.objects.get(name="winter").get_absolute_url())


def test_drafts_and_unknown_addresses_stay_404(client, imported):
    assert client.get("/2019/07/half-thought.html").status_code == 404
    assert client.get("/2001/01/never-was.html").status_code == 404
    assert client.get("/?p=12").status_code == 200  # the home page: a draft is not revealed
    assert client.get("/?p=12").context["page_obj"] is not None
