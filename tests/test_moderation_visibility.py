"""Who sees held, spam and removed comments on the post page, and what the others see in
their place; the page's query count stays the same for moderators."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse

from comments import services
from comments.models import Comment
from tests.helpers import set_comments
from tests.markup import parse

from .test_comments_queries import grow_tree, queries_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

GUEST_TOKEN = "salima-browser"
WAITING = "This comment is waiting for a moderator."


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("nadia", "nadia@example.org")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def page_of(client, post, **query):
    response = client.get(post.get_absolute_url(), query)
    assert response.status_code == 200
    return response.content.decode()


def shown_ids(page):
    return [int(pk) for pk in re.findall(r'<li class="comment[^"]*" id="c(\d+)"', page)]


def heading(page):
    return re.search(r'id="comments-title">([^<]+)</h2>', page).group(1)


@pytest.fixture
def held_comment(make_comment):
    """Salima's comment (her browser holds GUEST_TOKEN), held for its links."""
    return make_comment("Held words", guest_token=GUEST_TOKEN, hold_reason="links")


class TestAHeldComment:
    def test_its_author_sees_it_marked(self, client, as_guest, held_comment, make_comment):
        make_comment("Shown words", guest_token="other", guest_name="Omar")
        page = page_of(as_guest(client, GUEST_TOKEN), held_comment.post)
        assert "Held words" in page
        assert "Your comment is awaiting moderation." in page
        item = parse(page).find("li", id=f"c{held_comment.pk}")
        assert item.attrs["class"] == "comment comment--held"
        # It is not counted, and it cannot be answered or edited while it waits.
        assert heading(page) == "1 comment"
        assert reverse("comments:reply", args=[held_comment.pk]) not in page
        assert reverse("comments:edit", args=[held_comment.pk]) not in page
        assert reverse("comments:delete", args=[held_comment.pk]) in page

    def test_a_signed_in_author_sees_it_too(self, client, a_reader, make_comment):
        held = make_comment("My held words", user=a_reader, hold_reason="first")
        client.force_login(a_reader)
        page = page_of(client, held.post)
        assert "My held words" in page and "Your comment is awaiting moderation." in page

    def test_moderators_see_it_with_the_reason(self, client, moderator, held_comment):
        client.force_login(moderator)
        page = page_of(client, held_comment.post)
        assert "Held words" in page
        assert "Awaiting moderation — Too many links" in page
        assert "Your comment" not in page
        assert heading(page) == "0 comments"

    @pytest.mark.parametrize("reader", ["guest", "other guest", "signed-in reader"])
    def test_nobody_else_sees_it(self, client, as_guest, a_reader, held_comment, reader):
        if reader == "other guest":
            as_guest(client, "someone-else")
        elif reader == "signed-in reader":
            client.force_login(a_reader)
        page = page_of(client, held_comment.post)
        assert "Held words" not in page
        assert f'id="c{held_comment.pk}"' not in page
        assert heading(page) == "0 comments"
        assert "No comments yet." in page

    def test_with_shown_replies_others_see_a_neutral_tombstone(
        self, client, make_comment, held_comment
    ):
        services.approve_comment(held_comment)
        reply = make_comment("A shown reply", reply_to=held_comment, guest_token="r")
        # Reported after someone answered: it waits again, the answer stays.
        Comment.objects.filter(pk=held_comment.pk).update(status="pending", held_reason="reported")
        page = page_of(client, held_comment.post)
        assert "Held words" not in page
        assert WAITING in page
        assert "removed by" not in page
        assert shown_ids(page) == [held_comment.pk, reply.pk]

    def test_its_author_is_sent_to_it_after_posting(self, client, a_post):
        set_comments(moderation="hold_all")
        response = client.post(
            reverse("comments:create", args=[a_post.pk]), {"name": "Salima", "body": "Wait"}
        )
        comment = Comment.objects.get()
        assert response["Location"] == f"{a_post.get_absolute_url()}#c{comment.pk}"
        page = page_of(client, a_post)
        assert "Your comment is awaiting moderation." in page

    def test_its_permalink_leads_its_author_and_moderators_to_it(
        self, client, as_guest, moderator, held_comment
    ):
        url = reverse("comments:permalink", args=[held_comment.pk])
        anchor = f"#c{held_comment.pk}"
        assert client.get(url)["Location"].endswith("#comments")
        assert as_guest(client, GUEST_TOKEN).get(url)["Location"].endswith(anchor)
        client.force_login(moderator)
        assert client.get(url)["Location"].endswith(anchor)


class TestSpamAndRemoved:
    def test_spam_with_replies_is_a_tombstone_for_readers(self, client, make_comment):
        spam = make_comment("Buy pills")
        make_comment("Who wrote this?", reply_to=spam, guest_token="r")
        services.mark_spam(spam)
        page = page_of(client, spam.post)
        assert "Buy pills" not in page
        assert "This comment has been removed by a moderator." in page

    def test_spam_without_replies_disappears_for_readers(self, client, make_comment):
        spam = services.mark_spam(make_comment("Buy pills"))
        page = page_of(client, spam.post)
        assert f'id="c{spam.pk}"' not in page

    def test_moderators_see_removed_and_spam_comments_to_undo_them(
        self, client, moderator, make_comment
    ):
        removed = make_comment("Removed words", guest_name="Omar")
        services.remove_comment(removed, by_moderator=True)
        spam = services.mark_spam(make_comment("Spam words", guest_name="Bot"))
        client.force_login(moderator)
        page = page_of(client, removed.post)
        assert shown_ids(page) == [removed.pk, spam.pk]
        assert "Removed words" not in page and "Spam words" not in page
        assert "This comment has been removed by a moderator." in page
        assert "This comment has been marked as spam." in page
        assert 'aria-label="Restore comment by Omar"' in page
        assert f'formaction="{reverse("comments:restore", args=[removed.pk])}"' in page
        assert 'aria-label="Approve comment by Bot"' in page

    def test_restoring_brings_the_comment_back_for_everyone(self, client, moderator, make_comment):
        comment = make_comment("Back again")
        services.remove_comment(comment, by_moderator=True)
        client.force_login(moderator)
        response = client.post(reverse("comments:restore", args=[comment.pk]))
        assert response["Location"].endswith(f"#c{comment.pk}")
        client.logout()
        assert "Back again" in page_of(client, comment.post)


class TestCloseAndReopen:
    def test_closing_keeps_the_comments_and_stops_new_ones(
        self, client, moderator, make_comment, a_post
    ):
        make_comment("Said before")
        client.force_login(moderator)
        response = client.post(reverse("comments:close", args=[a_post.pk]))
        assert response["Location"] == f"{a_post.get_absolute_url()}#comments"
        page = page_of(client, a_post)
        assert "Said before" in page and "Reopen comments" in page
        assert 'name="body"' not in page
        client.logout()
        response = client.post(
            reverse("comments:create", args=[a_post.pk]), {"name": "A", "body": "More"}
        )
        assert response.status_code == 403

    def test_reopening_follows_the_blog_or_opens_when_the_blog_is_closed(
        self, client, moderator, make_post
    ):
        post = make_post(comment_policy="closed")
        client.force_login(moderator)
        client.post(reverse("comments:reopen", args=[post.pk]))
        post.refresh_from_db()
        assert post.comment_policy == "inherit"

        set_comments(policy="closed")
        client.post(reverse("comments:close", args=[post.pk]))
        client.post(reverse("comments:reopen", args=[post.pk]))
        post.refresh_from_db()
        assert post.comment_policy == "anyone"
        assert 'name="body"' in page_of(client, post)


@pytest.mark.parametrize("viewer", ["guest", "owner", "moderator"])
def test_held_spam_and_removed_comments_add_no_queries(
    client, as_guest, a_post, moderator, django_user_model, django_assert_num_queries, viewer
):
    """The page asks the same number of questions for 5 and for 2,000 comments, whatever
    their states and whoever reads them."""
    readers = [django_user_model.objects.create_user(f"r{n}") for n in range(6)]
    set_comments(threads_per_page=500)
    if viewer == "moderator":
        client.force_login(moderator)
    elif viewer == "owner":
        as_guest(client, "0" * 8)
    url = a_post.get_absolute_url()

    grow_tree(a_post, 5, readers)
    small = queries_for(client, url)
    grow_tree(a_post, 1995, readers, seed=5)
    comments = list(Comment.objects.order_by("pk"))
    for n, comment in enumerate(comments):
        state = n % 10
        if state == 1:
            comment.status, comment.held_reason = "pending", "links"
        elif state == 2:
            comment.status = "spam"
        elif state == 3:
            comment.status, comment.removed_by = "removed", "moderator"
    Comment.objects.bulk_update(comments, ["status", "held_reason", "removed_by"])
    cache.clear()
    client.get(url)

    with django_assert_num_queries(len(small)):
        page = client.get(url).content.decode()

    assert 'id="comments-title">1400 comments</h2>' in page
    cards = page.count('class="comment__body"')
    if viewer == "moderator":
        assert cards == 1600  # approved and held ones; spam and removed are tombstones
        assert page.count("Awaiting moderation") == 200
    else:
        assert cards == 1400
