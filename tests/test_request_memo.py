"""The settings rows are read once per request (config.cache.once_per_request), and again after a
change made during the request."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from blog.models import BlogSettings
from comments.models import CommentSettings
from config.cache import RequestMemoMiddleware

pytestmark = pytest.mark.django_db


def during_a_request(view):
    return RequestMemoMiddleware(view)(RequestFactory().get("/"))


@pytest.mark.parametrize("model", [BlogSettings, CommentSettings])
def test_a_request_reads_the_settings_once(model, django_assert_num_queries):
    model.load()  # in the cache

    def view(request):
        with django_assert_num_queries(0):
            first = model.load()
            cache.delete(model.CACHE_KEY)  # another read would go to the database
            return first, model.load()

    first, second = during_a_request(view)
    assert first is second


def test_a_change_during_the_request_is_read_again():
    def view(request):
        BlogSettings.load()
        row = BlogSettings.objects.get()
        row.title = "A new title"
        row.save()
        return BlogSettings.load().title

    assert during_a_request(view) == "A new title"


def test_outside_a_request_every_load_reads_the_cache():
    first = BlogSettings.load()
    BlogSettings.objects.update(title="Changed behind the cache")
    cache.delete(BlogSettings.CACHE_KEY)
    assert BlogSettings.load().title == "Changed behind the cache" != first.title
