"""E-mails: new comments to the post's authors, replies to commenters who asked, the one-click
stop link, the moderators' digest — sent after the transaction commits, and never at the cost
of the comment when the mail server fails."""

import logging
import re
from smtplib import SMTPException

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from blog.models import BlogSettings
from comments import services
from comments.models import Comment
from tests.markup import parse

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, messages):
        raise SMTPException("Connection refused")


@pytest.fixture(autouse=True)
def english_blog(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    blog = BlogSettings.load()
    blog.language = "en"
    blog.save()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the block and then what it left for after the commit, as a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def karims_post(make_post, an_author_user):
    return make_post("Karim's post", authors=[an_author_user.author_profile])


def comment_on(client, post, **fields):
    data = {"name": "Salima", "email": "salima@example.org", "body": "Nice.", **fields}
    return client.post(reverse("comments:create", args=[post.pk]), data)


def path_of(url):
    return url.removeprefix(settings.SITE_URL)


class TestNewCommentToAuthors:
    def test_the_bylined_authors_are_told(self, client, karims_post, commit):
        with commit():
            comment_on(client, karims_post, body="A question for you")
        comment = Comment.objects.get()
        [message] = mail.outbox
        assert message.to == ["karim@example.org"]
        assert message.subject == "New comment on “Karim's post”"
        assert "Salima commented on your post “Karim's post”" in message.body
        assert "A question for you" in message.body
        assert f"{settings.SITE_URL}/comments/{comment.pk}/" in message.body

    def test_nothing_is_sent_before_the_commit(
        self, client, karims_post, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            comment_on(client, karims_post)
        assert callbacks and not mail.outbox

    def test_not_about_their_own_comments(self, client, karims_post, an_author_user, commit):
        client.force_login(an_author_user)
        with commit():
            client.post(reverse("comments:create", args=[karims_post.pk]), {"body": "Thanks!"})
        assert Comment.objects.exists() and not mail.outbox

    def test_authors_without_an_account_or_an_address_are_skipped(
        self, client, make_post, make_author, django_user_model, commit
    ):
        silent = django_user_model.objects.create_user("silent", "")
        post = make_post(authors=[make_author("No Account"), make_author("Silent", user=silent)])
        with commit():
            comment_on(client, post)
        assert not mail.outbox

    def test_a_held_comment_is_announced_once_approved_and_only_once(
        self, client, karims_post, commit
    ):
        with commit():
            comment = services.post_comment(
                karims_post, "Waiting", guest_name="Omar", hold_reason="first"
            )
        assert not mail.outbox
        with commit():
            services.approve_comment(comment)
        assert len(mail.outbox) == 1
        with commit():
            services.mark_spam(comment)
            services.approve_comment(comment)
        assert len(mail.outbox) == 1


class TestReplies:
    @pytest.fixture
    def asked(self, client, karims_post, commit):
        """Salima's comment, with "notify me" ticked."""
        with commit():
            comment_on(client, karims_post, body="Tell me", notify="on")
        mail.outbox.clear()
        return Comment.objects.get(body="Tell me")

    def reply(self, post, target, body="An answer", **author):
        author = author or {"guest_name": "Omar", "guest_token": "omar"}
        return services.post_comment(post, body, reply_to=target, **author)

    def test_the_commenter_is_told_with_a_stop_link(self, karims_post, asked, commit):
        assert asked.notify_replies
        with commit():
            self.reply(karims_post, asked)
        to_salima = [message for message in mail.outbox if message.to == ["salima@example.org"]]
        [message] = to_salima
        assert message.subject == "Omar replied to your comment on “Karim's post”"
        assert "An answer" in message.body and "Tell me" in message.body
        stop = re.search(r"http://\S+/comments/stop-replies/\S+/", message.body).group(0)
        assert message.extra_headers["List-Unsubscribe"] == f"<{stop}>"
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    def test_the_stop_link_stops_them_for_the_thread(self, client, karims_post, asked, commit):
        with commit():
            self.reply(karims_post, asked)
        stop = re.search(r"http://\S+/comments/stop-replies/\S+/", mail.outbox[-1].body).group(0)

        # Opening the link (as a mail scanner does) changes nothing; the button does.
        page = client.get(path_of(stop))
        assert page.status_code == 200
        assert parse(page).find("form", method="post").attrs["action"] == path_of(stop)
        assert Comment.objects.get(pk=asked.pk).notify_replies

        page = client.post(path_of(stop))

        assert page.status_code == 200
        assert "no longer receive e-mails about replies" in page.content.decode()
        mail.outbox.clear()
        with commit():
            self.reply(karims_post, asked, body="Another answer", guest_token="yacine")
        assert all(message.to != ["salima@example.org"] for message in mail.outbox)

    def test_the_one_click_stop_is_a_post_without_csrf_token(self, karims_post, asked, commit):
        with commit():
            self.reply(karims_post, asked)
        stop = re.search(r"http://\S+/comments/stop-replies/\S+/", mail.outbox[-1].body).group(0)
        response = Client(enforce_csrf_checks=True).post(path_of(stop))
        assert response.status_code == 200
        assert not Comment.objects.get(pk=asked.pk).notify_replies

    @pytest.mark.parametrize("token", ["nothing", "MQ:forged:signature"])
    def test_a_forged_stop_link_is_refused(self, client, token):
        response = client.get(reverse("comments:stop-replies", kwargs={"token": token}))
        assert response.status_code == 400

    def test_not_when_they_answer_themselves(self, client, karims_post, asked, commit):
        with commit():
            comment_on(client, karims_post, body="Me again", reply_to=asked.pk)
        assert all(message.to != ["salima@example.org"] for message in mail.outbox)

    def test_not_when_they_did_not_ask(self, client, karims_post, make_comment, commit):
        quiet = make_comment("Quiet", post=karims_post, guest_email="quiet@example.org")
        with commit():
            self.reply(karims_post, quiet)
        assert all(message.to != ["quiet@example.org"] for message in mail.outbox)

    def test_not_while_the_reply_is_held(self, karims_post, asked, commit):
        with commit():
            held = services.post_comment(
                karims_post, "Held answer", reply_to=asked, guest_name="Omar", hold_reason="links"
            )
        assert not mail.outbox
        with commit():
            services.approve_comment(held)
        assert any(message.to == ["salima@example.org"] for message in mail.outbox)

    def test_an_account_is_told_at_its_address(self, client, karims_post, a_reader, commit):
        client.force_login(a_reader)
        with commit():
            client.post(
                reverse("comments:create", args=[karims_post.pk]),
                {"body": "From Amina", "notify": "on"},
            )
        target = Comment.objects.get(body="From Amina")
        mail.outbox.clear()
        with commit():
            self.reply(karims_post, target)
        assert any(message.to == ["amina@example.org"] for message in mail.outbox)

    def test_a_guest_asking_without_an_address_is_a_form_error(self, client, karims_post):
        response = comment_on(client, karims_post, email="", notify="on")
        assert response.status_code == 400
        assert "Give your email address to be told about replies." in response.content.decode()


def test_a_failing_mail_server_never_breaks_posting(client, karims_post, settings, caplog, commit):
    settings.EMAIL_BACKEND = "tests.test_moderation_notifications.FailingBackend"
    with caplog.at_level(logging.ERROR, logger="comments.notifications"), commit():
        response = comment_on(client, karims_post, body="Still posted")
    assert response.status_code == 302
    assert Comment.objects.get().body == "Still posted"
    [record] = [r for r in caplog.records if r.name == "comments.notifications"]
    assert record.exc_info and "new_comment" in record.getMessage()


class TestDigest:
    @pytest.fixture
    def people(self, django_user_model, an_author_user, make_post, make_author):
        moderator = django_user_model.objects.create_user("nadia", "nadia@example.org")
        moderator.groups.add(Group.objects.get(name="Moderators"))
        no_address = django_user_model.objects.create_user("mute", "")
        no_address.groups.add(Group.objects.get(name="Moderators"))
        root = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
        karims = make_post("Karim's post", authors=[an_author_user.author_profile])
        others = make_post("Another post", authors=[make_author("Lina")])
        return moderator, root, karims, others

    def test_each_moderator_gets_what_they_may_moderate(self, people, make_comment):
        moderator, root, karims, others = people
        make_comment("Held on Karim's", post=karims, hold_reason="links")
        make_comment("Held elsewhere", post=others, hold_reason="first")
        make_comment("Not held", post=others)

        call_command("send_moderation_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115

        by_address = {message.to[0]: message for message in mail.outbox}
        assert set(by_address) == {"nadia@example.org", "root@example.org", "karim@example.org"}
        everything = by_address["nadia@example.org"]
        assert everything.subject == "2 comments are waiting for moderation"
        assert "Held on Karim's" in everything.body and "Held elsewhere" in everything.body
        assert "Not held" not in everything.body
        assert "/admin/comments/comment/?status__exact=pending" not in everything.body
        assert (
            "/admin/comments/comment/?status__exact=pending" in by_address["root@example.org"].body
        )
        karim = by_address["karim@example.org"]
        assert karim.subject == "1 comment is waiting for moderation"
        assert "Held on Karim's" in karim.body and "Held elsewhere" not in karim.body

    def test_nothing_held_nothing_sent(self, people, make_comment):
        make_comment("Fine", post=people[2])
        call_command("send_moderation_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert not mail.outbox
