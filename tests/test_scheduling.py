"""A scheduled post appears by itself when its time passes: a query condition, no job to run."""

import datetime

import feedparser
import pytest
from django.urls import reverse

from blog import widgets
from blog.models import Post

UTC = datetime.timezone.utc
NOW = datetime.datetime(2026, 5, 31, 23, 0, tzinfo=UTC)
AT = NOW + datetime.timedelta(hours=2)  # 1 June, 01:00


@pytest.fixture
def a_scheduled_post(time_machine, make_post):
    time_machine.move_to(NOW, tick=False)
    return make_post("Letters from Oran", status=Post.Status.SCHEDULED, publish_at=AT)


def feed_titles(client, url):
    return [entry.title for entry in feedparser.parse(client.get(url).content).entries]


@pytest.mark.django_db
class TestScheduledPost:
    def test_hidden_until_its_time(self, client, a_scheduled_post, time_machine):
        time_machine.move_to(AT - datetime.timedelta(seconds=1), tick=False)
        assert client.get(a_scheduled_post.get_absolute_url()).status_code == 404
        assert a_scheduled_post.title not in client.get("/").content.decode()
        assert a_scheduled_post.public_status == Post.Status.SCHEDULED

    def test_appears_by_itself_when_its_time_passes(self, client, a_scheduled_post, time_machine):
        assert client.get(a_scheduled_post.get_absolute_url()).status_code == 404
        # Warm the sidebar caches while the post is still hidden.
        assert widgets.archive_months() == []
        time_machine.move_to(AT, tick=False)

        assert client.get(a_scheduled_post.get_absolute_url()).status_code == 200
        assert a_scheduled_post.title in client.get("/").content.decode()
        assert a_scheduled_post.title in client.get("/2026/06/").content.decode()
        assert feed_titles(client, reverse("blog:feed-atom")) == [a_scheduled_post.title]
        assert a_scheduled_post.slug in client.get("/sitemap-posts.xml").content.decode()
        assert a_scheduled_post.public_status == Post.Status.PUBLISHED

    def test_the_archive_widget_catches_up_within_its_cache_lifetime(
        self, a_scheduled_post, time_machine
    ):
        assert widgets.archive_months() == []
        time_machine.move_to(AT + datetime.timedelta(seconds=widgets.WIDGET_SECONDS), tick=False)
        [(year, [(month, count)], total)] = widgets.archive_months()
        assert (year, month.month, count, total) == (2026, 6, 1, 1)

    def test_the_row_is_not_rewritten(self, a_scheduled_post, time_machine):
        time_machine.move_to(AT + datetime.timedelta(days=1), tick=False)
        a_scheduled_post.refresh_from_db()
        assert a_scheduled_post.status == Post.Status.SCHEDULED
        assert list(Post.objects.published()) == [a_scheduled_post]


@pytest.mark.django_db
class TestSavingDates:
    def test_published_with_a_future_date_is_saved_as_scheduled(self, make_post, time_machine):
        time_machine.move_to(NOW, tick=False)
        post = make_post(status=Post.Status.PUBLISHED, publish_at=AT)
        post.refresh_from_db()
        assert post.status == Post.Status.SCHEDULED

    def test_published_with_a_past_date_stays_published(self, make_post, time_machine):
        time_machine.move_to(NOW, tick=False)
        post = make_post(status=Post.Status.PUBLISHED, publish_at=NOW)
        post.refresh_from_db()
        assert post.status == Post.Status.PUBLISHED
        assert post.is_published

    def test_a_draft_never_appears_however_long_we_wait(self, client, make_post, time_machine):
        time_machine.move_to(NOW, tick=False)
        post = make_post(status=Post.Status.DRAFT, publish_at=AT)
        time_machine.move_to(AT + datetime.timedelta(days=365), tick=False)
        assert client.get(post.get_absolute_url()).status_code == 404
        assert not post.is_published
