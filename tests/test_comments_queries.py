"""The post page asks the database the same number of questions for 5 and for 2,000 comments."""

import random

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from tests.helpers import set_comments

pytestmark = pytest.mark.django_db


def grow_tree(post, count, users, seed=3):
    """Add `count` comments to `post` in a few bulk inserts: one in eight starts a thread, the
    rest answer a comment of the level above, down to depth 5; guests and readers mixed."""
    rng = random.Random(seed)
    per_level = [max(1, count // 8)]
    remaining = count - per_level[0]
    for share in (0.35, 0.25, 0.2, 0.12):
        per_level.append(int(remaining * share))
    per_level.append(count - sum(per_level))

    parents = [None]
    for size in per_level:
        if not size:
            continue
        level = []
        for n in range(size):
            parent = rng.choice(parents)
            user = rng.choice(users) if rng.random() < 0.4 else None
            level.append(
                Comment(
                    post=post,
                    parent=parent,
                    in_reply_to=parent,
                    thread_id=parent.thread_id if parent else None,
                    depth=parent.depth + 1 if parent else 0,
                    user=user,
                    guest_name="" if user else f"Guest {n}",
                    guest_token_hash="" if user else f"{n:064x}",
                    body=f"Comment {n} with a few words",
                    body_html=f"<p>Comment {n} with a few words</p>",
                )
            )
        Comment.objects.bulk_create(level)
        for comment in level:
            prefix = comment.parent.path if comment.parent else ""
            comment.path = prefix + Comment.path_step(comment.pk)
            comment.thread_id = comment.thread_id or comment.pk
        Comment.objects.bulk_update(level, ["path", "thread"])
        parents = level


def queries_for(client, url):
    """The queries of one page view, after a first view has filled the caches."""
    cache.clear()
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return list(captured.captured_queries)


def comment_queries(captured):
    return [query["sql"] for query in captured if "comments_comment" in query["sql"]]


@pytest.fixture
def readers(django_user_model):
    return [
        django_user_model.objects.create_user(f"reader{n}", first_name=f"Reader {n}")
        for n in range(12)
    ]


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("nadia")
    user.user_permissions.add(Permission.objects.get(codename="moderate_comments"))
    return user


@pytest.mark.parametrize("viewer", ["guest", "reader", "moderator"])
def test_the_same_number_of_queries_for_5_and_2000_comments(
    client, a_post, readers, moderator, django_assert_num_queries, viewer, as_guest
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if viewer == "guest":
        # A guest who has commented from this browser gets a page rendered for them; one
        # without any cookie gets the cached page (tests/test_page_cache.py).
        as_guest(client, "guest-browser")
    else:
        client.force_login(readers[0] if viewer == "reader" else moderator)
    set_comments(threads_per_page=500)
    url = a_post.get_absolute_url()

    grow_tree(a_post, 5, readers)
    small = queries_for(client, url)
    grow_tree(a_post, 1995, readers, seed=4)
    cache.clear()
    client.get(url)

    with django_assert_num_queries(len(small)):
        page = client.get(url).content.decode()

    assert 'id="comments-title">2000 comments</h2>' in page
    assert page.count('class="comment__body"') == 2000
    # The section itself: one count, one page of threads.
    assert len(comment_queries(small)) == 2
