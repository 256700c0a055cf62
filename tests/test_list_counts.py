"""Counts of lists ("Page 2 of 5", "3 posts found") are kept in the cache (blog.pagination), and
stay right: every write that changes a list is seen at once, and so is a scheduled post whose
time comes, which changes lists without any write."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog import services
from blog.models import BlogSettings, Label, Post


@pytest.fixture
def listed(make_post, an_author):
    """Five published posts, two of them labelled "Cities", written two hours ago (the lists'
    counts are kept from the first reading on), two per page."""
    blog = BlogSettings.load()
    blog.posts_per_page = 2
    blog.save()
    cities = Label.objects.create(name="Cities")
    two_hours_ago = timezone.now() - datetime.timedelta(hours=2)
    posts = [
        make_post(f"Post {n}", labels=[cities] if n < 2 else [], publish_at=two_hours_ago)
        for n in range(5)
    ]
    return posts, cities, an_author


def shown_count(client, url):
    """The count the page shows, and whether it was counted in SQL for this request."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    counted = any("COUNT(*)" in query["sql"] for query in queries.captured_queries)
    return response.context["paginator"].count, counted


def urls(cities, author):
    return {
        "home": "/",
        "label": cities.get_absolute_url(),
        "author": author.get_absolute_url(),
        "year": f"/{timezone.localtime().year}/",
        "search": "/search/?q=post",
    }


@pytest.mark.django_db
def test_a_list_is_counted_once_then_read_from_the_cache(client, listed):
    _posts, cities, author = listed
    expected = {"home": 5, "label": 2, "author": 5, "year": 5, "search": 5}
    for name, url in urls(cities, author).items():
        assert shown_count(client, url) == (expected[name], True), name
        assert shown_count(client, url) == (expected[name], False), name


@pytest.mark.django_db
def test_publishing_unpublishing_and_deleting_change_the_counts(
    client, listed, make_post, django_capture_on_commit_callbacks
):
    posts, cities, author = listed
    pages = urls(cities, author)
    for url in pages.values():
        shown_count(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_post("Post draft", status=Post.Status.DRAFT, labels=[cities])
    assert shown_count(client, pages["home"])[0] == 5
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_now(Post.objects.filter(pk=draft.pk))
    assert {name: shown_count(client, url)[0] for name, url in pages.items()} == {
        "home": 6,
        "label": 3,
        "author": 6,
        "year": 6,
        "search": 6,
    }
    with django_capture_on_commit_callbacks(execute=True):
        services.unpublish(Post.objects.filter(pk__in=[draft.pk, posts[0].pk]))
    assert shown_count(client, pages["home"])[0] == 4
    assert shown_count(client, pages["label"])[0] == 1
    with django_capture_on_commit_callbacks(execute=True):
        posts[4].delete()
    assert shown_count(client, pages["home"])[0] == 3
    assert shown_count(client, pages["search"])[0] == 3


@pytest.mark.django_db
def test_labelling_changes_the_label_count(client, listed, django_capture_on_commit_callbacks):
    posts, cities, author = listed
    url = cities.get_absolute_url()
    assert shown_count(client, url)[0] == 2
    with django_capture_on_commit_callbacks(execute=True):
        posts[3].labels.add(cities)
    assert shown_count(client, url)[0] == 3
    with django_capture_on_commit_callbacks(execute=True):
        posts[0].labels.remove(cities)
    assert shown_count(client, url)[0] == 2


@pytest.mark.django_db
def test_a_scheduled_post_is_counted_when_its_time_comes(client, listed, make_post, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    make_post("Post to come", publish_at=timezone.now() + datetime.timedelta(hours=1))
    assert shown_count(client, "/") == (5, True)
    assert shown_count(client, "/") == (5, False)
    time_machine.shift(datetime.timedelta(hours=1, seconds=1))
    assert shown_count(client, "/") == (6, True)
    # Counted again for a minute after a post appears (blog.pagination), then kept.
    time_machine.shift(datetime.timedelta(minutes=2))
    assert shown_count(client, "/") == (6, True)
    assert shown_count(client, "/") == (6, False)
