"""RSS and Atom feeds for the site, each label and each author parse and hold the right posts."""

import datetime
from xml.etree import ElementTree

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from blog.feeds import FEED_SIZE
from blog.models import Label, Post

FORMATS = {"rss": "application/rss+xml", "atom": "application/atom+xml"}


def read_feed(client, url, kind):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith(FORMATS[kind])
    ElementTree.fromstring(response.content)  # well-formed XML, or this raises
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version.startswith(kind)
    return feed


@pytest.fixture
def posts(make_post, make_author):
    """Five posts a day apart, newest first, across two labels and two authors, plus hidden ones."""
    salima, omar = make_author("Salima Benali"), make_author("Omar Belkacem")
    history, food = (
        Label.objects.create(name="History", slug="history"),
        Label.objects.create(name="مطبخ", slug="مطبخ"),
    )
    now = timezone.now()

    def post(title, days_ago, authors, labels):
        return make_post(
            title,
            publish_at=now - datetime.timedelta(days=days_ago),
            authors=authors,
            labels=labels,
        )

    made = {
        "ramparts": post("The ramparts of Tlemcen", 1, [salima], [history]),
        "couscous": post("كسكس الجمعة", 2, [omar], [food]),
        "both": post("Two voices on the old port", 3, [omar, salima], [history, food]),
        "unlabelled": post("A quiet Sunday", 4, [salima], []),
        "oldest": post("The first entry", 5, [omar], [history]),
    }
    make_post("Draft on history", status=Post.Status.DRAFT, authors=[salima], labels=[history])
    make_post("Tomorrow's history", publish_at=now + datetime.timedelta(days=1), authors=[omar])
    return {"salima": salima, "omar": omar, "history": history, "food": food, **made}


def feed_urls(kind, posts):
    return {
        "site": reverse(f"blog:feed-{kind}"),
        "label": reverse(f"blog:label-feed-{kind}", args=[posts["history"].slug]),
        "arabic label": reverse(f"blog:label-feed-{kind}", args=[posts["food"].slug]),
        "author": reverse(f"blog:author-feed-{kind}", args=[posts["salima"].slug]),
    }


EXPECTED = {
    "site": ["ramparts", "couscous", "both", "unlabelled", "oldest"],
    "label": ["ramparts", "both", "oldest"],
    "arabic label": ["couscous", "both"],
    "author": ["ramparts", "both", "unlabelled"],
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("which", EXPECTED)
def test_each_feed_holds_exactly_its_published_posts_newest_first(client, posts, kind, which):
    feed = read_feed(client, feed_urls(kind, posts)[which], kind)
    expected = [posts[key] for key in EXPECTED[which]]
    assert [entry.title for entry in feed.entries] == [post.title for post in expected]
    assert [entry.link for entry in feed.entries] == [
        "http://testserver" + post.get_absolute_url() for post in expected
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FORMATS)
def test_entries_carry_authors_labels_dates_and_the_body(client, posts, kind):
    feed = read_feed(client, reverse(f"blog:feed-{kind}"), kind)
    both = next(entry for entry in feed.entries if entry.title == posts["both"].title)
    assert both.author == "Omar Belkacem, Salima Benali"
    assert sorted(tag.term for tag in both.tags) == ["History", "مطبخ"]
    published = datetime.datetime(*both.published_parsed[:6], tzinfo=datetime.timezone.utc)
    assert published == posts["both"].publish_at.replace(microsecond=0)
    assert posts["both"].body in both.summary
    assert feed.feed.title == "مداد"
    assert feed.feed.language == "ar"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FORMATS)
def test_a_feed_holds_at_most_a_page_of_posts(client, make_post, kind):
    start = timezone.now() - datetime.timedelta(days=1)
    for number in range(FEED_SIZE + 5):
        make_post(f"Post {number}", publish_at=start - datetime.timedelta(hours=number))
    feed = read_feed(client, reverse(f"blog:feed-{kind}"), kind)
    assert len(feed.entries) == FEED_SIZE
    assert feed.entries[0].title == "Post 0"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FORMATS)
def test_an_empty_blog_has_a_valid_empty_feed(client, kind):
    assert read_feed(client, reverse(f"blog:feed-{kind}"), kind).entries == []


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FORMATS)
def test_control_characters_in_titles_and_names_do_not_break_the_feed(
    client, make_post, make_author, kind
):
    """Text pasted from a word processor can hold characters XML 1.0 forbids."""
    author = make_author("Nadia\x0bFerhat")
    label = Label.objects.create(name="Notes\x08", slug="notes")
    make_post("Tea\x0b & <cake>\x1f", excerpt="Form\x0cfeed", authors=[author], labels=[label])
    for url in (
        reverse(f"blog:feed-{kind}"),
        reverse(f"blog:label-feed-{kind}", args=[label.slug]),
        reverse(f"blog:author-feed-{kind}", args=[author.slug]),
    ):
        [entry] = read_feed(client, url, kind).entries
        assert entry.title == "Tea & <cake>"
        assert entry.author == "NadiaFerhat"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("name", ["label", "author"])
def test_an_unknown_label_or_author_feed_is_404(client, kind, name):
    assert client.get(reverse(f"blog:{name}-feed-{kind}", args=["nobody"])).status_code == 404


@pytest.mark.django_db
def test_pages_advertise_their_feeds(client, posts):
    home = client.get("/").content.decode()
    assert f'href="{reverse("blog:feed-atom")}"' in home
    assert f'href="{reverse("blog:feed-rss")}"' in home
    label_page = client.get(posts["history"].get_absolute_url()).content.decode()
    assert f'href="{reverse("blog:label-feed-atom", args=["history"])}"' in label_page
    author_page = client.get(posts["salima"].get_absolute_url()).content.decode()
    assert f'href="{reverse("blog:author-feed-rss", args=[posts["salima"].slug])}"' in author_page


def test_atom_entries_carry_their_own_language(client, make_post):
    make_post("Un matin à Oran", language="fr")
    make_post("صباح في وهران", language="ar")
    feed = read_feed(client, reverse("blog:feed-atom"), "atom")
    assert [entry.title_detail.language for entry in feed.entries] == ["ar", "fr"]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_titles_carry_no_invisible_isolates(client, posts, kind):
    for url in feed_urls(kind, posts).values():
        feed = read_feed(client, url, kind)
        titles = [feed.feed.title] + [entry.title for entry in feed.entries]
        assert not [title for title in titles if "\u2068" in title or "\u2069" in title], url
