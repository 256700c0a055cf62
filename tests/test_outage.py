"""A database outage is a clean 503 with Retry-After, never a 500 page, and never touches the
database to say so."""

import pytest
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.test import Client


@pytest.mark.django_db
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_database_outage_answers_503_with_retry_after(monkeypatch, a_post, error):
    from blog.models import Post

    def unreachable(*args, **kwargs):
        raise error("connection refused")

    monkeypatch.setattr(Post.objects, "published", unreachable)
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(a_post.get_absolute_url())
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Temporarily unavailable" in response.content.decode()


@pytest.mark.django_db
def test_other_errors_stay_500(monkeypatch, a_post):
    from blog.models import Post

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(Post.objects, "published", broken)
    response = Client(raise_request_exception=False).get(a_post.get_absolute_url())
    assert response.status_code == 500
    assert "Retry-After" not in response
