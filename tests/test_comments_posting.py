"""Posting and replying: who may comment, the form's errors, and hostile submissions."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from blog.models import CommentPolicy, Post
from comments.models import Comment
from comments.services import hash_token
from comments.viewer import OWNER_COOKIE, REMEMBER_COOKIE
from tests.helpers import set_comments
from tests.markup import parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def create_url(post):
    return reverse("comments:create", kwargs={"post_id": post.pk})


def guest_data(**fields):
    return {"name": "Salima", "email": "salima@example.org", "body": "Très juste.", **fields}


class TestGuestComment:
    def test_is_stored_and_the_browser_gets_its_ownership_token(self, client, a_post):
        response = client.post(create_url(a_post), guest_data(website="https://salima.example"))

        comment = Comment.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"{a_post.get_absolute_url()}#c{comment.pk}"
        assert (comment.guest_name, comment.guest_email, comment.guest_website) == (
            "Salima",
            "salima@example.org",
            "https://salima.example",
        )
        assert comment.status == Comment.Status.APPROVED
        assert (comment.parent, comment.thread, comment.depth) == (None, comment, 0)
        assert comment.body_html == "<p>Très juste.</p>"
        assert comment.ip_hash and "127.0.0.1" not in comment.ip_hash
        cookie = response.cookies[OWNER_COOKIE]
        assert cookie["httponly"] and cookie["samesite"] == "Lax"
        assert comment.guest_token_hash
        assert comment.guest_token_hash != cookie.value

    def test_the_same_browser_keeps_one_token_for_all_its_comments(self, client, a_post):
        client.post(create_url(a_post), guest_data(body="First."))
        client.post(create_url(a_post), guest_data(body="Second."))
        first, second = Comment.objects.order_by("pk")
        assert first.guest_token_hash == second.guest_token_hash

    def test_appears_on_the_post_page(self, client, a_post):
        client.post(create_url(a_post), guest_data(body="Visible words"))
        page = client.get(a_post.get_absolute_url()).content.decode()
        assert "Visible words" in page
        assert "1 comment" in page

    def test_remember_me_fills_the_form_next_time(self, client, a_post):
        client.post(create_url(a_post), guest_data(remember="on"))
        page = client.get(a_post.get_absolute_url()).content.decode()
        assert 'value="Salima"' in page and 'value="salima@example.org"' in page

    def test_remember_me_fills_the_reply_page_too(self, client, make_comment):
        parent = make_comment()
        client.post(create_url(parent.post), guest_data(body="Mine", remember="on"))
        page = client.get(reverse("comments:reply", kwargs={"pk": parent.pk})).content.decode()
        assert 'value="Salima"' in page and 'value="salima@example.org"' in page

    def test_without_remember_me_the_details_are_forgotten(self, client, a_post):
        client.post(create_url(a_post), guest_data(remember="on"))
        response = client.post(create_url(a_post), guest_data(body="Again, unticked."))
        assert response.cookies[REMEMBER_COOKIE].value == ""
        page = client.get(a_post.get_absolute_url()).content.decode()
        assert 'value="Salima"' not in page

    def test_a_tampered_remember_cookie_is_ignored(self, client, a_post):
        client.cookies[REMEMBER_COOKIE] = "eyJuYW1lIjoiRXZlIn0:forged:signature"
        assert client.get(a_post.get_absolute_url()).status_code == 200


class TestSignedInComment:
    def test_needs_no_name_and_is_linked_to_the_account(self, client, a_post, a_reader):
        client.force_login(a_reader)
        page = client.get(a_post.get_absolute_url()).content.decode()
        assert 'name="name"' not in page
        assert "Commenting as Amina Saidi." in page

        response = client.post(create_url(a_post), {"body": "From my account."})

        comment = Comment.objects.get()
        assert response.status_code == 302
        assert comment.user == a_reader and comment.guest_name == ""
        assert OWNER_COOKIE not in response.cookies


class TestFormErrors:
    def test_errors_sit_next_to_their_field_and_the_text_is_kept(self, client, a_post):
        response = client.post(create_url(a_post), guest_data(name="  ", body="Kept text"))

        page = response.content.decode()
        assert response.status_code == 400
        assert not Comment.objects.exists()
        assert 'id="id_name_error"' in page
        assert "Tell us the name to show with your comment." in page
        assert 'aria-invalid="true"' in page
        assert ">\nKept text</textarea>" in page

    def test_an_empty_body_is_refused(self, client, a_post):
        response = client.post(create_url(a_post), guest_data(body="\u202e \n\n "))
        assert response.status_code == 400
        assert "Write something before sending your comment." in response.content.decode()
        assert not Comment.objects.exists()

    def test_errors_speak_the_readers_language(self, client, a_post):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
        response = client.post(create_url(a_post), guest_data(email="not-an-address"))
        assert response.status_code == 400
        assert "Saisissez une adresse de courriel valide." in response.content.decode()

    def test_a_one_megabyte_body_is_refused_with_its_length(self, client, a_post):
        response = client.post(create_url(a_post), guest_data(body="x" * 1024 * 1024))
        assert response.status_code == 400
        assert "at most 5000 characters (it has 1048576)" in response.content.decode()
        assert not Comment.objects.exists()

    def test_null_bytes_are_refused(self, client, a_post):
        response = client.post(create_url(a_post), guest_data(body="abc\x00def"))
        assert response.status_code == 400
        assert "Null characters are not allowed." in response.content.decode()
        assert not Comment.objects.exists()

    @pytest.mark.parametrize(
        "website", ["javascript:alert(1)", "data:text/html,hi", "ftp://example.org/file"]
    )
    def test_a_website_must_be_a_web_address(self, client, a_post, website):
        response = client.post(create_url(a_post), guest_data(website=website))
        assert response.status_code == 400
        assert not Comment.objects.exists()

    def test_markup_in_the_name_is_shown_as_text(self, client, a_post):
        client.post(create_url(a_post), guest_data(name="<b>Eve</b>"))
        page = client.get(a_post.get_absolute_url()).content.decode()
        assert "&lt;b&gt;Eve&lt;/b&gt;" in page
        assert "<b>Eve" not in page
        assert Comment.objects.get().guest_name == "<b>Eve</b>"


class TestReplies:
    def test_a_reply_goes_under_the_comment(self, client, a_post, make_comment):
        parent = make_comment("Question?")
        response = client.post(create_url(a_post), guest_data(body="Answer.", reply_to=parent.pk))

        reply = Comment.objects.get(body="Answer.")
        assert response["Location"] == f"{a_post.get_absolute_url()}#c{reply.pk}"
        assert (reply.parent, reply.thread, reply.depth, reply.in_reply_to) == (
            parent,
            parent,
            1,
            parent,
        )

    def test_past_the_deepest_level_a_reply_is_stored_beside_and_says_whom_it_answers(
        self, client, a_post, make_comment
    ):
        set_comments(max_depth=2)
        root = make_comment("Root")
        level1 = make_comment("Level one", reply_to=root, guest_name="Omar")
        level2 = make_comment("Deepest allowed level, with many words", reply_to=level1)

        client.post(create_url(a_post), guest_data(body="Beside", reply_to=level2.pk))

        beside = Comment.objects.get(body="Beside")
        assert (beside.parent, beside.depth, beside.in_reply_to) == (level1, 2, level2)
        context = parse(client.get(a_post.get_absolute_url())).find("p", class_="comment__context")
        assert context.text.startswith("in reply to Salima")
        target = context.find("a", href=f"#c{level2.pk}")
        assert target.text == "Salima" and target.attrs["dir"] == "auto"
        quoted = context.find("q", dir="auto")
        assert quoted.text == "Deepest allowed level, with many words"

    def test_replying_to_a_comment_of_another_post_is_refused(
        self, client, a_post, make_post, make_comment
    ):
        elsewhere = make_comment("Elsewhere", post=make_post("Another post"))
        response = client.post(create_url(a_post), guest_data(body="Mine", reply_to=elsewhere.pk))
        page = response.content.decode()
        assert response.status_code == 400
        assert "The comment you replied to is not on this post." in page
        assert ">\nMine</textarea>" in page
        assert not Comment.objects.filter(body="Mine").exists()

    def test_replying_to_a_removed_comment_is_refused(self, client, a_post, make_comment):
        from comments import services

        gone = services.remove_comment(make_comment("Gone"))
        response = client.post(create_url(a_post), guest_data(body="Mine", reply_to=gone.pk))
        assert response.status_code == 400
        assert "has been removed" in response.content.decode()
        assert not Comment.objects.filter(body="Mine").exists()

    @pytest.mark.parametrize("reply_to", ["999999", "abc", "-3", "²", "9" * 30])
    def test_replying_to_a_comment_that_does_not_exist_is_refused(self, client, a_post, reply_to):
        response = client.post(create_url(a_post), guest_data(body="Mine", reply_to=reply_to))
        assert response.status_code == 400
        assert not Comment.objects.exists()

    def test_a_reply_with_errors_comes_back_on_the_reply_page(self, client, make_comment):
        parent = make_comment("Question?")
        response = client.post(
            create_url(parent.post), guest_data(name="", body="Typed", reply_to=parent.pk)
        )
        page = response.content.decode()
        assert response.status_code == 400
        assert "Reply to \u2068Salima\u2069" in page and "Question?" in page
        assert ">\nTyped</textarea>" in page
        assert f'name="reply_to" value="{parent.pk}"' in page

    def test_the_reply_page_works_without_javascript(self, client, make_comment):
        parent = make_comment("Question?")
        response = client.get(reverse("comments:reply", kwargs={"pk": parent.pk}))
        page = response.content.decode()
        assert response.status_code == 200
        assert f'name="reply_to" value="{parent.pk}"' in page
        assert "<h1" in page and "Question?" in page

    def test_there_is_no_reply_page_for_a_removed_comment(self, client, make_comment):
        from comments import services

        gone = services.remove_comment(make_comment("Gone"))
        assert client.get(reverse("comments:reply", kwargs={"pk": gone.pk})).status_code == 404


class TestDoubleSubmission:
    def test_the_same_comment_sent_twice_is_stored_once(self, client, a_post):
        first = client.post(create_url(a_post), guest_data())
        second = client.post(create_url(a_post), guest_data())
        assert Comment.objects.count() == 1
        assert first["Location"] == second["Location"]

    def test_two_readers_may_say_the_same_thing(self, client, a_post, a_reader):
        client.post(create_url(a_post), guest_data(body="+1"))
        client.force_login(a_reader)
        client.post(create_url(a_post), {"body": "+1"})
        assert Comment.objects.count() == 2


class TestWhoMayComment:
    def test_signed_in_only_refuses_guests_and_offers_to_sign_in(self, client, a_post):
        set_comments(policy=CommentPolicy.SIGNED_IN)

        page = client.get(a_post.get_absolute_url()).content.decode()
        response = client.post(create_url(a_post), guest_data())

        assert 'name="body"' not in page
        assert "Sign in to comment" in page
        assert reverse("accounts:login") + "?next=" in page
        assert response.status_code == 403
        assert not Comment.objects.exists()

    def test_signed_in_only_welcomes_readers(self, client, a_post, a_reader):
        set_comments(policy=CommentPolicy.SIGNED_IN)
        client.force_login(a_reader)
        assert client.post(create_url(a_post), {"body": "Hello"}).status_code == 302

    def test_signed_in_only_sends_guests_from_the_reply_page_to_sign_in(self, client, make_comment):
        parent = make_comment()
        set_comments(policy=CommentPolicy.SIGNED_IN)
        response = client.get(reverse("comments:reply", kwargs={"pk": parent.pk}))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))

    def test_a_closed_post_shows_its_comments_but_takes_no_more(
        self, client, make_post, make_comment
    ):
        post = make_post(comment_policy=Post.CommentPolicy.CLOSED)
        make_comment("Said before closing", post=post)

        page = client.get(post.get_absolute_url()).content.decode()
        response = client.post(create_url(post), guest_data())

        assert "Said before closing" in page and "Comments are closed." in page
        assert 'name="body"' not in page and "data-reply-to" not in page
        assert response.status_code == 403
        assert Comment.objects.count() == 1

    def test_a_post_may_open_what_the_blog_closes(self, client, make_post):
        set_comments(policy=CommentPolicy.CLOSED)
        post = make_post(comment_policy=Post.CommentPolicy.ANYONE)
        assert client.post(create_url(post), guest_data()).status_code == 302

    @pytest.mark.parametrize(("age_days", "status"), [(2, 302), (4, 403)])
    def test_comments_close_by_themselves_after_the_blogs_delay(
        self, client, make_post, age_days, status
    ):
        set_comments(close_after_days=3)
        post = make_post(publish_at=timezone.now() - timedelta(days=age_days))
        assert client.post(create_url(post), guest_data()).status_code == status

    def test_unpublished_posts_take_no_comments(self, client, make_post):
        draft = make_post(status=Post.Status.DRAFT)
        assert client.post(create_url(draft), guest_data()).status_code == 404

    def test_posting_is_a_post(self, client, a_post):
        assert client.get(create_url(a_post)).status_code == 405

    def test_an_impossible_post_number_is_not_found(self, client):
        assert client.post(f"/comments/post/{'9' * 30}/", guest_data()).status_code == 404
        assert client.get(f"/comments/{'9' * 30}/").status_code == 404


def test_the_owner_token_is_stored_hashed(client, a_post):
    response = client.post(create_url(a_post), guest_data())
    signed = response.cookies[OWNER_COOKIE].value
    token = signed.split(":")[0]
    assert Comment.objects.get().guest_token_hash == hash_token(token)


@pytest.mark.parametrize(
    ("language", "caption"),
    [
        ("en", '— <span dir="auto">Salima</span>, <time'),
        ("ar", '— <span dir="auto">Salima</span>، <time'),
    ],
)
def test_the_quoted_comment_names_its_author_and_date_in_the_readers_language(
    client, make_comment, time_machine, language, caption
):
    """The reply page's quote: the list separator and date format of the reader's language,
    then the time on a 24-hour clock."""
    tomorrow = timezone.localtime() + timedelta(days=1)
    moment = tomorrow.replace(hour=15, minute=7, second=0, microsecond=0)
    time_machine.move_to(moment, tick=False)
    parent = make_comment("Question?")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = client.get(reverse("comments:reply", kwargs={"pk": parent.pk})).content.decode()

    with translation.override(language):
        day = date_format(moment.date(), "DATE_FORMAT")
    assert caption in page
    assert day in page and "15:07" in page


def test_comment_pages_isolate_the_post_title_in_the_back_link(client, make_post, make_comment):
    """An Arabic title inside an English sentence keeps the quotes where the sentence puts them."""
    parent = make_comment("Question?", post=make_post("حديث المدينة"))
    page = client.get(reverse("comments:reply", kwargs={"pk": parent.pk})).content.decode()
    assert "Back to “\u2068حديث المدينة\u2069”" in page
