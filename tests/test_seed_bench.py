"""`manage.py seed_bench`: a generated blog written in bulk, whose rows are what the site's own
write paths would have stored (threads, paths, bylines, labels), and what it says it made."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from blog.demo.bulk import secondary_indexes
from blog.demo.generator import LOADED_MODELS
from blog.models import Byline, LabelledPost, Post, SearchEntry
from blog.search import FTS_TABLE, index_posts
from comments.models import Comment


def seed_bench(*options):
    out = io.StringIO()
    call_command("seed_bench", *options, stdout=out)
    return out.getvalue()


@pytest.fixture
def a_generated_blog(db):
    return seed_bench("--posts", "120", "--comments", "900", "--seed", "3")


def test_it_writes_the_posts_and_comments_asked_for_and_says_so(a_generated_blog):
    assert Post.objects.count() == 120
    assert Comment.objects.count() == 900
    assert re.search(r"posts: 120 \(", a_generated_blog)
    assert re.search(r"comments: 900 \(", a_generated_blog)
    languages = set(Post.objects.values_list("language", flat=True))
    assert languages == {"ar", "fr", "en"}
    assert Post.objects.published().count() > 100


def test_every_post_has_a_byline_and_a_label(a_generated_blog):
    assert not Post.objects.exclude(pk__in=Byline.objects.values("post")).exists()
    assert not Post.objects.exclude(pk__in=LabelledPost.objects.values("content_object")).exists()


def test_posts_are_stored_as_the_editor_would_store_them(a_generated_blog):
    post = Post.objects.published().filter(excerpt="").first()
    stored = (post.body, post.body_text, post.slug)
    post.save()
    post.refresh_from_db()
    assert (post.body, post.body_text) == stored[:2]
    assert post.get_absolute_url()


def test_comments_form_threads_as_posting_replies_would(a_generated_blog):
    comments = {c.pk: c for c in Comment.objects.all()}
    replies = 0
    for comment in comments.values():
        assert comment.post.status == Post.Status.PUBLISHED
        if comment.parent_id is None:
            assert (comment.thread_id, comment.depth) == (comment.pk, 0)
            assert comment.path == Comment.path_step(comment.pk)
            continue
        replies += 1
        parent = comments[comment.parent_id]
        assert comment.post_id == parent.post_id
        assert comment.thread_id == parent.thread_id
        assert comment.depth == parent.depth + 1 <= 5
        assert comment.path == parent.path + Comment.path_step(comment.pk)
        assert comments[comment.in_reply_to_id].status == Comment.Status.APPROVED
    assert replies > 300
    statuses = set(Comment.objects.values_list("status", flat=True))
    assert Comment.Status.APPROVED in statuses and len(statuses) > 1


def search_index():
    """What the engine's search structure holds, post by post."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT post_id, listed_at, title_terms::text, excerpt_terms::text, "
                "document::text FROM blog_searchentry ORDER BY post_id"
            )
        else:
            cursor.execute(f"SELECT rowid, title, excerpt, body FROM {FTS_TABLE} ORDER BY rowid")
        return cursor.fetchall()


def test_the_search_index_holds_what_saving_each_post_would_write(a_generated_blog):
    written = search_index()
    assert len(written) == SearchEntry.objects.count() == Post.objects.count() == 120
    index_posts(Post.objects.all())
    assert search_index() == written
    listed = {post.pk: post.listed_at for post in Post.objects.all()}
    assert dict(SearchEntry.objects.values_list("post", "listed_at")) == listed
    post = Post.objects.published().exclude(excerpt="").first()
    word = post.title.split()[-1]
    assert post in Post.objects.search(word)


def test_labels_and_bylines_carry_their_posts_listed_at(a_generated_blog):
    listed = {post.pk: post.listed_at for post in Post.objects.all()}
    assert None in listed.values() and len(set(listed.values())) > 100
    for post, listed_at in Byline.objects.values_list("post", "listed_at"):
        assert listed_at == listed[post]
    for post, listed_at in LabelledPost.objects.values_list("content_object", "listed_at"):
        assert listed_at == listed[post]


def test_the_indexes_dropped_for_the_load_are_built_again(db):
    tables = [model._meta.db_table for model in LOADED_MODELS]
    before = secondary_indexes(tables)
    assert "comment_display_idx" in before and "label_listing_idx" in before
    seed_bench("--posts", "20", "--comments", "50")
    assert secondary_indexes(tables) == before


def test_the_site_serves_the_generated_posts(a_generated_blog, client):
    post = Post.objects.published().order_by("-pk").first()
    assert client.get(post.get_absolute_url()).status_code == 200
    assert client.get("/").status_code == 200


def test_a_second_run_adds_more_without_clashing(a_generated_blog):
    seed_bench("--posts", "10", "--comments", "20", "--seed", "4")
    assert Post.objects.count() == 130
    assert Comment.objects.count() == 920
    # New posts are written with new ids: the database hands out the next one after them.
    post = Post.objects.create(title="After the generated ones", status=Post.Status.PUBLISHED)
    assert post.pk > max(Post.objects.exclude(pk=post.pk).values_list("pk", flat=True))


def test_comments_without_posts_are_refused(db):
    with pytest.raises(CommandError):
        seed_bench("--posts", "0", "--comments", "5")
