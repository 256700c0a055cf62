"""Readers report comments (once each); enough reports hide a comment until a moderator
looks. Banned commenters get a polite refusal that keeps their text, until the ban ends."""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments import services
from comments.models import Ban, Comment, ModerationLog, Report
from comments.viewer import OWNER_COOKIE
from tests.helpers import set_comments
from tests.markup import parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ADDRESS = "198.51.100.20"


def report_url(comment):
    return reverse("comments:report", args=[comment.pk])


def report(client, comment, reason="abuse", address=ADDRESS, **data):
    return client.post(report_url(comment), {"reason": reason, **data}, REMOTE_ADDR=address)


def reader_client(user):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client


@pytest.fixture
def readers(django_user_model):
    """Four readers who signed up last week: their reports count."""
    last_week = timezone.now() - datetime.timedelta(days=7)
    return [
        django_user_model.objects.create_user(
            f"reader{n}", f"reader{n}@example.org", date_joined=last_week
        )
        for n in range(4)
    ]


@pytest.fixture
def a_comment(make_comment):
    return make_comment("Something rude", guest_name="Omar", guest_token="omar", ip="192.0.2.1")


class TestReporting:
    def test_the_report_page_quotes_the_comment_and_offers_reasons(self, client, a_comment):
        page = client.get(report_url(a_comment)).content.decode()
        assert "Report the comment by \u2068Omar\u2069" in page
        assert "Something rude" in page
        assert page.count('type="radio" name="reason"') == len(Report.Reason)
        assert "<legend>What is wrong with this comment?</legend>" in page

    def test_a_reader_reports_once(self, readers, a_comment):
        client = reader_client(readers[0])

        first = report(client, a_comment, note="Insults Karim")
        again = report(client, a_comment, reason="spam", address="203.0.113.5")

        assert first.status_code == 200
        assert "A moderator will read the comment you reported." in first.content.decode()
        assert again.status_code == 409
        assert "already reported" in again.content.decode()
        saved = Report.objects.get()
        assert (saved.user, saved.reason, saved.note) == (readers[0], "abuse", "Insults Karim")
        a_comment.refresh_from_db()
        assert a_comment.report_count == 1 and a_comment.status == Comment.Status.APPROVED

    def test_a_guest_is_one_reader_per_browser_and_per_address(self, client, a_comment):
        first = report(client, a_comment)
        assert first.status_code == 200
        assert OWNER_COOKIE in first.cookies

        same_browser_elsewhere = report(client, a_comment, address="203.0.113.5")
        other_browser_same_address = report(Client(), a_comment)
        other_browser_elsewhere = report(Client(), a_comment, address="203.0.113.6")

        assert same_browser_elsewhere.status_code == 409
        assert other_browser_same_address.status_code == 409
        assert other_browser_elsewhere.status_code == 200
        assert Comment.objects.get(pk=a_comment.pk).report_count == 2

    def test_enough_reports_hide_the_comment_for_review(self, client, readers, a_comment):
        set_comments(reports_to_hide=2)
        report(reader_client(readers[0]), a_comment)
        assert Comment.objects.get(pk=a_comment.pk).status == Comment.Status.APPROVED

        report(reader_client(readers[1]), a_comment)

        a_comment.refresh_from_db()
        assert (a_comment.status, a_comment.held_reason) == ("pending", "reported")
        entry = ModerationLog.objects.get()
        assert (entry.action, entry.actor, entry.comment) == ("reported", None, a_comment)
        assert (
            "Something rude" not in client.get(a_comment.post.get_absolute_url()).content.decode()
        )
        # Once approved by a moderator, the count starts again.
        services.approve_comment(a_comment)
        report(reader_client(readers[2]), a_comment)
        a_comment.refresh_from_db()
        assert (a_comment.status, a_comment.report_count) == ("approved", 1)

    def test_a_reported_comment_is_marked_for_moderators(self, client, readers, a_comment):
        set_comments(reports_to_hide=1)
        report(reader_client(readers[0]), a_comment)
        moderator = readers[3]
        moderator.groups.add(Group.objects.get(name="Moderators"))
        page = reader_client(moderator).get(a_comment.post.get_absolute_url()).content.decode()
        assert "Awaiting moderation — Reported by readers" in page

    def test_nobody_reports_their_own_comment(self, client, as_guest, a_comment):
        response = report(as_guest(client, "omar"), a_comment)
        assert response.status_code == 403
        assert not Report.objects.exists()

    def test_only_shown_comments_can_be_reported(self, client, make_comment):
        held = make_comment("Waiting", hold_reason="first")
        removed = services.remove_comment(make_comment("Gone"))
        assert report(client, held).status_code == 404
        assert report(client, removed).status_code == 404
        assert client.get(report_url(held)).status_code == 404
        assert report(client, Comment(pk=98765)).status_code == 404

    @pytest.mark.parametrize(
        "data", [{"reason": ""}, {"reason": "boring"}, {"reason": "spam", "note": "x" * 501}]
    )
    def test_bad_reports_are_form_errors(self, client, a_comment, data):
        response = client.post(report_url(a_comment), data, REMOTE_ADDR=ADDRESS)
        assert response.status_code == 400
        assert 'class="field__errors"' in response.content.decode()
        assert not Report.objects.exists()

    def test_reporting_needs_a_csrf_token(self, a_comment):
        client = Client(enforce_csrf_checks=True)
        assert report(client, a_comment).status_code == 403
        page = client.get(report_url(a_comment))
        token = str(page.context["csrf_token"])
        assert report(client, a_comment, csrfmiddlewaretoken=token).status_code == 200

    def test_the_report_link_carries_an_accessible_name(self, client, a_comment):
        link = parse(client.get(a_comment.post.get_absolute_url())).find(
            "a", href=report_url(a_comment)
        )
        assert link.attrs["data-report"] == str(a_comment.pk)
        assert link.attrs["aria-label"] == "Report comment by Omar"
        assert link.text == "Report"


class TestBans:
    def post_as_guest(self, client, post, email="omar@example.org", address=ADDRESS):
        data = {"name": "Omar", "email": email, "body": "My typed words"}
        return client.post(reverse("comments:create", args=[post.pk]), data, REMOTE_ADDR=address)

    def assert_refused_politely(self, response):
        page = response.content.decode()
        assert response.status_code == 403
        assert "Sorry, you may not comment on this blog at the moment." in page
        assert ">\nMy typed words</textarea>" in page
        assert not Comment.objects.filter(body="My typed words").exists()

    def test_a_banned_account(self, client, a_post, a_reader):
        services.ban(Ban.Kind.ACCOUNT, user=a_reader, days=7)
        client.force_login(a_reader)
        response = client.post(
            reverse("comments:create", args=[a_post.pk]), {"body": "My typed words"}
        )
        self.assert_refused_politely(response)

    def test_a_banned_email_in_any_case(self, client, a_post):
        services.ban(Ban.Kind.EMAIL, email="Omar@Example.org")
        self.assert_refused_politely(self.post_as_guest(client, a_post, email="OMAR@example.ORG"))
        assert self.post_as_guest(client, a_post, email="amal@example.org").status_code == 302

    def test_a_banned_address_whoever_writes_from_it(self, client, a_post, a_reader):
        services.ban(Ban.Kind.ADDRESS, ip_hash=services.hash_ip(ADDRESS))
        self.assert_refused_politely(self.post_as_guest(client, a_post))
        client.force_login(a_reader)
        response = client.post(
            reverse("comments:create", args=[a_post.pk]),
            {"body": "My typed words"},
            REMOTE_ADDR=ADDRESS,
        )
        self.assert_refused_politely(response)
        assert self.post_as_guest(client, a_post, address="203.0.113.1").status_code == 302

    def test_a_reply_by_a_banned_commenter_comes_back_on_the_reply_page(
        self, client, a_post, make_comment
    ):
        parent = make_comment("Question?")
        services.ban(Ban.Kind.EMAIL, email="omar@example.org")
        data = {"name": "Omar", "email": "omar@example.org", "body": "My typed words"}
        response = client.post(
            reverse("comments:create", args=[a_post.pk]), {**data, "reply_to": parent.pk}
        )
        self.assert_refused_politely(response)
        assert "Reply to" in response.content.decode()

    @pytest.mark.parametrize(("elapsed", "status"), [(-1, 403), (1, 302)])
    def test_a_ban_for_a_period_ends(self, client, a_post, time_machine, elapsed, status):
        start = timezone.now()
        time_machine.move_to(start, tick=False)
        services.ban(Ban.Kind.EMAIL, email="omar@example.org", days=1)
        moment = start + datetime.timedelta(days=1, seconds=elapsed)
        time_machine.move_to(moment, tick=False)
        assert self.post_as_guest(client, a_post).status_code == status

    def test_a_ban_for_good_does_not_end(self, client, a_post, time_machine):
        services.ban(Ban.Kind.EMAIL, email="omar@example.org")
        time_machine.move_to(timezone.now() + datetime.timedelta(days=3650), tick=False)
        assert self.post_as_guest(client, a_post).status_code == 403

    def test_a_lifted_ban_lets_them_back(self, client, a_post, an_editor):
        ban = services.ban(Ban.Kind.EMAIL, email="omar@example.org")
        services.lift_ban(ban, by=an_editor)
        assert self.post_as_guest(client, a_post).status_code == 302
        assert ModerationLog.objects.filter(action="lift_ban", actor=an_editor).exists()

    def test_their_comments_stay_as_they_are_and_held_ones_stay_held(
        self, client, make_comment, an_editor
    ):
        shown = make_comment("Shown before", guest_email="omar@example.org")
        waiting = make_comment("Held before", guest_email="omar@example.org", hold_reason="first")
        services.ban_commenter(waiting, [Ban.Kind.EMAIL], days=30, by=an_editor)
        assert Comment.objects.get(pk=shown.pk).status == Comment.Status.APPROVED
        assert Comment.objects.get(pk=waiting.pk).status == Comment.Status.PENDING

    def test_a_banned_guest_confirming_their_email_stays_held(
        self, client, a_post, django_capture_on_commit_callbacks
    ):
        set_comments(confirm_guest_email=True)
        with django_capture_on_commit_callbacks(execute=True):
            self.post_as_guest(client, a_post)
        comment = Comment.objects.get()
        services.ban_commenter(comment, [Ban.Kind.EMAIL])
        link = re.search(r"/comments/confirm/\S+/", mail.outbox[0].body).group(0)

        page = client.post(link).content.decode()

        comment.refresh_from_db()
        assert (comment.status, comment.held_reason) == ("pending", "banned")
        assert "once a moderator has read it" in page

    def test_the_ban_is_logged_with_who_and_why(self, make_comment, an_editor):
        comment = make_comment("Rude", user=None, ip="192.0.2.9")
        services.ban_commenter(comment, [Ban.Kind.ADDRESS], days=7, reason="insults", by=an_editor)
        entry = ModerationLog.objects.get(action="ban")
        assert (entry.actor, entry.comment) == (an_editor, comment)
        assert "insults" in entry.reason
        ban = Ban.objects.get()
        assert ban.is_active() and ban.comment == comment and ban.created_by == an_editor
        assert ban.expires_at - ban.created_at == datetime.timedelta(days=7)
