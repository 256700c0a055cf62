"""Comment feeds: the blog's and one per post, approved comments of published posts only."""

import feedparser
import pytest
from django.urls import reverse

from blog.models import Post
from comments import services
from comments.models import Comment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def read_feed(client, name, **kwargs):
    response = client.get(reverse(f"comments:{name}", kwargs=kwargs))
    assert response.status_code == 200
    return feedparser.parse(response.content)


@pytest.fixture
def comments_here_and_there(make_post, make_comment):
    here, there = make_post("Here"), make_post("There")
    draft = make_post("Draft", status=Post.Status.DRAFT)
    shown = make_comment("Shown here", post=here, guest_name="Salima")
    make_comment("Shown there", post=there, guest_name="Omar")
    services.remove_comment(make_comment("Removed", post=here))
    pending = make_comment("Held", post=here)
    Comment.objects.filter(pk=pending.pk).update(status=Comment.Status.PENDING)
    make_comment("On a draft", post=draft)
    return here, shown


@pytest.mark.parametrize("name", ["feed-rss", "feed-atom"])
def test_the_blog_feed_lists_approved_comments_of_published_posts(
    client, comments_here_and_there, name
):
    feed = read_feed(client, name)
    assert sorted(entry.summary for entry in feed.entries) == [
        "<p>Shown here</p>",
        "<p>Shown there</p>",
    ]


@pytest.mark.parametrize("name", ["post-feed-rss", "post-feed-atom"])
def test_a_post_feed_lists_only_that_posts_comments(client, comments_here_and_there, name):
    here, shown = comments_here_and_there
    feed = read_feed(client, name, post_id=here.pk)
    [entry] = feed.entries
    assert entry.summary == "<p>Shown here</p>"
    assert entry.author == "Salima"
    # No invisible isolate characters: feed readers would show them or keep them in copies.
    assert entry.title == "Salima on “Here”"
    assert entry.link == f"http://testserver{reverse('comments:permalink', args=[shown.pk])}"
    assert feed.feed.title == "Comments on “Here”"


def test_a_draft_has_no_comment_feed(client, make_post):
    draft = make_post(status=Post.Status.DRAFT)
    url = reverse("comments:post-feed-rss", kwargs={"post_id": draft.pk})
    assert client.get(url).status_code == 404


def test_the_post_page_links_to_its_comment_feeds(client, a_post):
    page = client.get(a_post.get_absolute_url()).content.decode()
    assert reverse("comments:post-feed-atom", kwargs={"post_id": a_post.pk}) in page
    assert reverse("comments:post-feed-rss", kwargs={"post_id": a_post.pk}) in page
