"""`manage.py seed_bench`: a generated blog written in bulk, whose rows are what the site's own
write paths would have stored (threads, paths, bylines, labels), and what it says it made."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from blog.models import Byline, LabelledPost, Post
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
