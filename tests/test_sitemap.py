"""sitemap.xml is an index of sections in pages, which list the home page and published posts,
and the labels and authors that have one."""

import datetime
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest
from django.urls import resolve
from django.utils import timezone
from django.utils.encoding import iri_to_uri

from blog.models import Label, Page, Post

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BASE = "http://testserver"


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)


def sitemap(client):
    """{address: last change} of every page of every section the index lists."""
    urls = {}
    for section in xml(client, "/sitemap.xml").findall("s:sitemap", NS):
        page = urlsplit(section.findtext("s:loc", namespaces=NS))
        for url in xml(client, f"{page.path}?{page.query}").findall("s:url", NS):
            urls[url.findtext("s:loc", namespaces=NS)] = url.findtext("s:lastmod", namespaces=NS)
    return urls


@pytest.mark.django_db
def test_only_published_posts_are_listed(client, make_post, make_author):
    now = timezone.now()
    published = [
        make_post("Published", publish_at=now - datetime.timedelta(days=2)),
        make_post(
            "Scheduled and due",
            status=Post.Status.SCHEDULED,
            publish_at=now - datetime.timedelta(minutes=1),
        ),
        make_post("صباح الخير يا وهران"),
    ]
    make_post("Draft", status=Post.Status.DRAFT)
    make_post("Future", publish_at=now + datetime.timedelta(hours=1))
    make_post(
        "Scheduled later", status=Post.Status.SCHEDULED, publish_at=now + timezone.timedelta(1)
    )

    post_urls = {
        loc for loc in sitemap(client) if resolve(unquote(urlsplit(loc).path)).url_name == "post"
    }
    # Addresses in a sitemap are URL-escaped: the Arabic slug arrives percent-encoded.
    assert post_urls == {BASE + iri_to_uri(post.get_absolute_url()) for post in published}


@pytest.mark.django_db
def test_posts_carry_their_last_change(client, make_post):
    post = make_post()
    assert sitemap(client)[BASE + post.get_absolute_url()] == post.updated_at.date().isoformat()


@pytest.mark.django_db
def test_home_labels_and_authors_of_published_posts_are_listed(client, make_post, make_author):
    seen, unseen = make_author("Seen Author"), make_author("Unseen Author")
    used, waiting = Label.objects.create(name="Used"), Label.objects.create(name="Waiting")
    make_post("Live", authors=[seen], labels=[used])
    make_post("Draft", status=Post.Status.DRAFT, authors=[unseen], labels=[waiting])

    locations = set(sitemap(client))
    assert BASE + "/" in locations
    assert BASE + seen.get_absolute_url() in locations
    assert BASE + used.get_absolute_url() in locations
    assert BASE + unseen.get_absolute_url() not in locations
    assert BASE + waiting.get_absolute_url() not in locations


@pytest.mark.django_db
def test_an_empty_blog_lists_its_home_page(client):
    assert set(sitemap(client)) == {BASE + "/"}


@pytest.mark.django_db
def test_posts_are_listed_in_pages_of_the_sitemap_index(client, make_post, monkeypatch):
    from blog import sitemaps

    monkeypatch.setattr(sitemaps.PostSitemap, "limit", 2)
    posts = [make_post(f"Post {n}") for n in range(5)]
    sections = [
        section.findtext("s:loc", namespaces=NS)
        for section in xml(client, "/sitemap.xml").findall("s:sitemap", NS)
    ]
    post_pages = [loc for loc in sections if "sitemap-posts.xml" in loc]
    assert len(post_pages) == 3
    last = xml(client, "/sitemap-posts.xml?p=3").findall("s:url", NS)
    assert [url.findtext("s:loc", namespaces=NS) for url in last] == [
        BASE + posts[0].get_absolute_url()
    ]
    assert client.get("/sitemap-posts.xml?p=4").status_code == 404
    assert set(sitemap(client)) >= {BASE + post.get_absolute_url() for post in posts}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "title",
    ["خرائط المدينة القديمة", "Réparation d’un vélo", "snake_case 2026", "Ελληνικά", "٣ أيام"],
)
def test_a_posts_address_is_what_reverse_gives(make_post, title):
    """Post addresses are built from their month's address, read once (a sitemap page lists a
    thousand): the same as reverse() for every kind of slug."""
    from django.urls import reverse

    post = make_post(title, publish_at=timezone.now() - datetime.timedelta(days=40))
    local = timezone.localtime(post.publish_at)
    expected = reverse(
        "blog:post", kwargs={"year": local.year, "month": local.month, "slug": post.slug}
    )
    assert post.get_absolute_url() == expected
    assert resolve(unquote(expected)).kwargs["slug"] == post.slug


@pytest.mark.django_db
def test_each_section_says_what_djangos_own_view_says(client, rf, make_post, make_author):
    """The sections are written without the template engine (blog.sitemaps.section): the same
    addresses, dates, change frequencies and priorities, headers included, as Django's view."""
    from django.contrib.sitemaps import views

    from blog.sitemaps import SITEMAPS

    label = Label.objects.create(name="Cities")
    make_post("Réparation", labels=[label], authors=[make_author("Yasmina Kaci")])
    make_post("خرائط المدينة")
    Page.objects.create(title="About", status=Post.Status.PUBLISHED, language="en")

    def entries(content):
        return [
            [(child.tag, child.text) for child in url]
            for url in ElementTree.fromstring(content).findall("s:url", NS)
        ]

    for name in SITEMAPS:
        ours = client.get(f"/sitemap-{name}.xml")
        theirs = views.sitemap(rf.get(f"/sitemap-{name}.xml"), SITEMAPS, section=name)
        theirs.render()
        assert entries(ours.content) == entries(theirs.content), name
        assert entries(ours.content), name
        for header in ("Last-Modified", "X-Robots-Tag", "Content-Type"):
            assert ours.get(header) == theirs.get(header), (name, header)
