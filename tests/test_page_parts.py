"""The parts of a post page that are the same for every reader (the post, its neighbours, the
sidebar) are kept in the cache (blog.pagecache.part_key), and a page drawn for one reader is put
together from them and from what is the reader's own."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from blog.models import Post

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the writes' on-commit work (cache invalidation) as a committed transaction would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def reader_client(user=None, language="en", **defaults):
    client = Client(**defaults)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if user is None:
        client.cookies["midad_guest"] = "remembered"  # a page of one's own, not the cached one
    else:
        client.force_login(user)
    return client


def html_of(client, post):
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    return response.content.decode()


def test_each_reader_still_gets_their_own_comment_form(a_post, a_reader):
    guest = html_of(reader_client(), a_post)
    signed_in = html_of(reader_client(a_reader), a_post)
    assert 'name="name"' in guest and "Commenting as" not in guest
    assert "Commenting as Amina Saidi." in signed_in and 'name="name"' not in signed_in
    # What is shared is the same, byte for byte.
    assert (
        guest.split('<article class="post"')[1].split('<section class="comments"')[0]
        == (signed_in.split('<article class="post"')[1].split('<section class="comments"')[0])
    )


def test_an_edited_post_shows_at_once(a_post, a_reader, commit):
    client = reader_client(a_reader)
    assert "A day in Tlemcen" in html_of(client, a_post)
    with commit():
        a_post.title = "A night in Oran"
        a_post.save()
    html = html_of(client, a_post)
    assert '<h1 class="post__title">A night in Oran</h1>' in html
    assert '<meta property="og:title" content="A night in Oran">' in html
    assert 'content="A day in Tlemcen"' not in html and ">A day in Tlemcen<" not in html


def test_a_new_post_shows_in_the_next_links_and_the_sidebar(make_post, a_reader, commit):
    older = make_post("Older news")
    client = reader_client(a_reader)
    assert "Newer news" not in html_of(client, older)
    with commit():
        make_post("Newer news")
    html = html_of(client, older)
    assert html.count("Newer news") >= 2  # the next-post link and the popular list


def test_parts_are_kept_per_language(a_post):
    english = html_of(reader_client(language="en"), a_post)
    french = html_of(reader_client(language="fr"), a_post)
    assert "Posted by" in english and "Posted by" not in french
    assert "Publié par" in french
    assert "More from this blog" in english and "More from this blog" not in french


def test_parts_are_kept_per_host(a_post, settings):
    settings.ALLOWED_HOSTS = ["blog.example", "other.example"]
    first = html_of(reader_client(HTTP_HOST="blog.example"), a_post)
    second = html_of(reader_client(HTTP_HOST="other.example"), a_post)
    assert 'href="http://blog.example/' in first and "other.example" not in first
    assert 'href="http://other.example/' in second and "blog.example" not in second


def test_a_preview_keeps_no_part(a_post, an_editor):
    editor = Client()
    editor.force_login(an_editor)
    assert editor.get(f"/preview/{a_post.pk}/").status_code == 200
    # Changed without a save (no version stamp moves): only a part kept by the preview could
    # still show the old title.
    Post.objects.filter(pk=a_post.pk).update(title="Renamed quietly")
    assert '<h1 class="post__title">Renamed quietly</h1>' in html_of(reader_client(), a_post)


def test_a_reader_gets_the_shared_parts_from_the_cache(a_post, a_reader):
    client = reader_client(a_reader)
    first = html_of(client, a_post)
    with CaptureQueriesContext(connection) as queries:
        again = html_of(client, a_post)
    # The user (and the session, unless sessions live in Redis), the post; for the comments
    # section, the bylines and the permission check (the user's and the groups': may they
    # moderate?), the counts and the name the form shows. Neither the labels, nor the
    # neighbouring posts, nor the related posts.
    tables = [re.search(r'FROM "(\w+)"', query["sql"])[1] for query in queries]
    assert [table for table in tables if table != "django_session"] == [
        "blog_post",
        "auth_user",
        "blog_byline",
        "auth_permission",
        "auth_permission",
        "comments_comment",
        "blog_author",
    ]
    # The account links and the comment forms carry fresh CSRF tokens; the rest is the same.
    shared = [
        html.split("<main")[1].split('<section class="comments"')[0] for html in (first, again)
    ]
    assert shared[0] == shared[1]
    assert again.split("</section>")[-1] == first.split("</section>")[-1]  # the sidebar
