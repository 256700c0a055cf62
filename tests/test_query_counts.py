"""The home page and the post page cost the same number of queries with 3 posts as with 30.

Cold: the cache is empty (blog settings and sidebar widgets are read from the database).
Warm: the same page rendered again for a reader with a page of their own (a guest whose details
are remembered), with what the cache keeps. An anonymous reader's second visit to a post page
costs no query at all: the page itself comes from the cache (blog.pagecache).
"""

import pytest
from django.conf import settings
from django.core.cache import cache

from blog.models import BlogSettings, Label, Page, Post

QUERIES = {
    # Warm: the post count and the page's post ids (both from an index), the page's posts
    # (with each card's comment count in the same query), their bylines with authors, their
    # labels. Cold adds the settings row, the site menu's pages, the popular widget (two), the
    # archive widget (first and last dates, then the month counts in one query) and the labels
    # widget (counts from the label index, then the labels).
    "home": {"cold": 13, "warm": 5},
    # Warm: the post, the comment counts, one page of comments and the post's bylines (its
    # authors' comments wear a badge); the rest of the page, the same for every reader, was
    # kept when the page was first drawn (blog.pagecache.part_key). Cold adds the blog's and
    # the comments' settings rows, the labels, the previous and next posts (one query), the
    # widgets as above, the related posts (sharing labels) and, as the page and its parts are
    # kept in the cache, when the next scheduled post appears.
    "post": {"cold": 17, "warm": 4},
    # A post whose comments the reader sees none of (one held comment, someone else's): the
    # count says there is no thread, so neither the page of threads nor the bylines are read.
    "post with no comment": {"cold": 16, "warm": 2},
    # Warm: the page alone (comments off). Cold adds the settings row and the widgets.
    "page": {"cold": 9, "warm": 1},
}


BODY = "<h2>Morning</h2><p>{words}</p><h2>Noon</h2><p>Market.</p><h3>Evening</h3><p>Port.</p>"


@pytest.fixture(params=[3, 30], ids=lambda n: f"{n} posts")
def blog_posts(request, make_post, make_author, make_comment):
    """Co-authored, labelled posts with headings (a table of contents), comments (approved and
    held) and related posts: every part a page shows is there to prefetch or count."""
    BlogSettings.load()  # the settings row exists, as on any blog that has been set up
    authors = [make_author("Yasmina Kaci"), make_author("Omar Belkacem")]
    labels = [Label.objects.create(name=name) for name in ("Cities", "History", "مطبخ")]
    Page.objects.create(title="About", status=Page.Status.PUBLISHED, language="en")
    posts = [
        make_post(
            f"Post number {n}",
            authors=authors,
            labels=labels[: n % 3 + 1],
            body=BODY.format(words="word " * 500),
        )
        for n in range(request.param)
    ]
    for n, post in enumerate(posts):
        for i in range(n % 3):
            make_comment(f"Approved words {i}", post=post, guest_token=f"reader-{n}-{i}")
        make_comment("Held words", post=post, hold_reason="first")
    return posts


def urls(posts):
    return {
        "home": "/",
        "post": posts[1].get_absolute_url(),  # one approved comment
        "post with no comment": posts[0].get_absolute_url(),
        "page": Page.objects.get().get_absolute_url(),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("page", QUERIES)
def test_a_page_costs_the_same_queries_whatever_the_number_of_posts(
    client, blog_posts, django_assert_num_queries, page
):
    url = urls(blog_posts)[page]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    cache.clear()
    with django_assert_num_queries(QUERIES[page]["cold"]):
        assert client.get(url).status_code == 200
    client.cookies["midad_guest"] = "remembered"
    with django_assert_num_queries(QUERIES[page]["warm"]):
        response = client.get(url)
    assert response.status_code == 200
    if page == "home":
        # Each card shows its reading time and its approved comments, not the held one.
        html = response.content.decode()
        numbered = [p for p in response.context["posts"] if p.title.startswith("Post number")]
        assert html.count("2 minutes read") == len(numbered)
        for post in numbered:
            assert post.comment_count == int(post.title.split()[-1]) % 3
        assert "2 comments" in html and "1 comment<" in html
    if page.startswith("post"):
        html = response.content.decode()
        assert 'class="toc"' in html and 'href="#morning"' in html
        assert html.count('class="related-posts__item"') == min(3, len(blog_posts) - 1)
        assert 'class="share"' in html
        assert ('class="comment-list"' in html) == (page == "post")
        assert ('class="comments__empty"' in html) == (page == "post with no comment")


@pytest.mark.django_db
def test_an_anonymous_reader_gets_the_post_page_from_the_cache(
    client, blog_posts, django_assert_num_queries
):
    url = urls(blog_posts)["post"]
    first = client.get(url)
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content


@pytest.mark.django_db
def test_pictures_cost_no_query(client, blog_posts, django_assert_num_queries):
    """Body pictures (written out when the post is saved) and the featured image's srcset are
    read from the post's own row: a post with pictures costs what a post without them does."""
    import io

    from blog.models import BodyImage
    from tests.conftest import an_image_upload, image_bytes

    post = blog_posts[1]
    pictures = [BodyImage.store(io.BytesIO(image_bytes(size=(1200, 800)))) for _ in range(2)]
    post.body += "".join(
        f'<figure><img src="{picture.src}" alt="Picture"><figcaption>Caption</figcaption></figure>'
        for picture in pictures
    )
    post.featured_image = an_image_upload(size=(1600, 900))
    post.save()
    cache.clear()
    with django_assert_num_queries(QUERIES["post"]["cold"]):
        page = client.get(post.get_absolute_url()).content.decode()
    client.cookies["midad_guest"] = "remembered"  # rendered again, not from the page cache
    with django_assert_num_queries(QUERIES["post"]["warm"]):
        assert client.get(post.get_absolute_url()).status_code == 200
    assert page.count('sizes="(min-width: 46rem) 44rem') == 3
    assert "<figcaption>Caption</figcaption>" in page


def reader_pages(post, label, author, far_page):
    """Every page a reader reaches, by name: lists, search, the post with its comments, the
    sitemap and every feed."""
    published = post.publish_at
    return {
        "home, far page": f"/?page={far_page}",
        "label": label.get_absolute_url(),
        "author": author.get_absolute_url(),
        "year archive": f"/{published:%Y}/",
        "month archive": f"/{published:%Y/%m}/",
        "search, Arabic": "/search/?q=الخرائط",
        "search, Latin": "/search/?q=REPARATION",
        "post with comments": post.get_absolute_url(),
        "sitemap index": "/sitemap.xml",
        "sitemap of posts": "/sitemap-posts.xml",
        "rss": "/feeds/rss/",
        "atom": "/feeds/atom/",
        "label feed": f"/feeds/label/{label.slug}/atom/",
        "author feed": f"/feeds/author/{author.slug}/rss/",
        "comments feed": "/comments/feeds/atom/",
        "post comments feed": f"/comments/feeds/post/{post.pk}/rss/",
    }


def queries_of_every_reader_page(client, pages):
    """Each page's queries once its widgets are cached, rendered for this reader (a guest
    cookie keeps the post page out of the page cache)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for name, url in pages.items():
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(captured)
    return counts


@pytest.mark.django_db
def test_every_reader_page_costs_the_same_queries_with_3_posts_as_with_30(
    client, make_post, make_author, make_comment, django_capture_on_commit_callbacks
):
    """With 3 posts every list is shorter than a page; with 30 every list is full and the
    home page is read three pages deep: a query per listed post, or one growing with the
    page number, shows."""
    BlogSettings.load()
    author = make_author("Yasmina Kaci")
    label = Label.objects.create(name="Cities")
    body = "<p>Les cartes et la réparation des خرائط المدينة القديمة.</p>"

    def write(count):
        for n in range(count):
            post = make_post(f"Post {n}", authors=[author], labels=[label], body=body)
            for i in range(n % 3):
                make_comment(f"Approved words {i}", post=post, guest_token=f"reader-{n}-{i}")

    write(3)
    post = Post.objects.published().order_by("publish_at").first()
    make_comment("A thread to show", post=post, guest_token="reader-thread")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.cookies["midad_guest"] = "remembered"
    small = queries_of_every_reader_page(client, reader_pages(post, label, author, far_page=1))
    # Committed, as the blog's writes are: what was cached of the lists (their counts) goes.
    with django_capture_on_commit_callbacks(execute=True):
        write(27)
    pages = reader_pages(post, label, author, far_page=3)
    assert queries_of_every_reader_page(client, pages) == small
    # The lists and searches measured at 30 posts were full pages.
    for name in ("home, far page", "label", "search, Arabic", "search, Latin"):
        assert (
            client.get(pages[name]).content.decode().count('<article class="post-summary') == 10
        ), name
