"""With REDIS_URL set (CI's third run), sessions, rate limits, sign-in lock-outs and view
de-duplication live in Redis, where every server process sees them."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI runs it)"),
]
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


@pytest.fixture
def redis():
    """A client of the Redis server itself, to look behind Django's cache."""
    return cache._cache.get_client(write=False)


def redis_keys(redis, pattern):
    return [key.decode() for key in redis.keys(f"midad:*{pattern}*")]


def test_the_settings_point_everything_at_redis():
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cache"
    assert settings.AXES_HANDLER == "axes.handlers.cache.AxesCacheHandler"


def test_a_session_lives_in_redis(client, a_reader, redis):
    client.force_login(a_reader)
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert redis_keys(redis, session_key)


def test_comment_rate_limits_live_in_redis(client, a_post, redis):
    url = reverse("comments:create", kwargs={"post_id": a_post.pk})
    from tests.helpers import set_comments

    set_comments(min_seconds=0)
    client.post(url, {"name": "Salima", "body": "Hello."}, REMOTE_ADDR="203.0.113.5")
    assert redis_keys(redis, "rate:comments:ip:")


def test_sign_in_failures_live_in_redis_for_the_cool_off(client, a_reader, redis):
    client.post(reverse("accounts:login"), {"username": "amina", "password": "wrong"})
    # One counter for the account, one for the address, each kept for the cool-off.
    keys = redis_keys(redis, "axes")
    cool_off = settings.AXES_COOLOFF_TIME.total_seconds()
    assert len(keys) == 2
    assert all(cool_off - 60 < redis.ttl(key) <= cool_off for key in keys)


def test_view_de_duplication_lives_in_redis(client, a_post, redis):
    client.post(reverse("blog:count-view", args=[a_post.pk]), HTTP_USER_AGENT=FIREFOX)
    assert redis_keys(redis, "blog:seen:")
