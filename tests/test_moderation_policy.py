"""The blog's moderation policy, each rule at its edge: moderation levels and per-post
overrides, links, word lists (Arabic diacritics and tatweel, Latin case and accents), the
honeypot, the minimum time to send the form, the rate limit and guest e-mail confirmation."""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from blog.models import CommentModeration, Post
from comments import defences, services
from comments.models import Comment, CommentSettings
from comments.policy import fold, listed_word, word_list
from tests.helpers import set_comments

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

HELD = Comment.Status.PENDING
# The start of a minute tomorrow, when the fixtures' posts are published: rate-limit windows
# start on the minute.
WINDOW_START = (timezone.now() + datetime.timedelta(days=1)).replace(second=0, microsecond=0)


def create_url(post):
    return reverse("comments:create", kwargs={"post_id": post.pk})


def guest_data(**fields):
    return {"name": "Salima", "email": "salima@example.org", "body": "Très juste.", **fields}


def send(client, post, **fields):
    return client.post(create_url(post), guest_data(**fields))


def stored(body):
    return Comment.objects.get(body=body)


def links(count):
    return " ".join(f"https://example.org/{n}" for n in range(count))


class TestModerationLevels:
    def test_publish_at_once_is_the_default(self, client, a_post):
        assert CommentSettings.load().moderation == CommentModeration.PUBLISH
        send(client, a_post, body="Straight through")
        assert stored("Straight through").status == Comment.Status.APPROVED

    def test_hold_all_holds_every_comment(self, client, a_post, make_comment):
        make_comment("Approved before", guest_email="salima@example.org")
        set_comments(moderation=CommentModeration.HOLD_ALL)
        send(client, a_post, body="Waits")
        comment = stored("Waits")
        assert (comment.status, comment.held_reason) == (HELD, Comment.HoldReason.HOLD_ALL)

    def test_hold_first_holds_a_newcomer_then_trusts_them(self, client, a_post):
        set_comments(moderation=CommentModeration.HOLD_FIRST)
        send(client, a_post, body="My first words")
        first = stored("My first words")
        assert (first.status, first.held_reason) == (HELD, Comment.HoldReason.FIRST_COMMENT)
        send(client, a_post, body="Still new")
        assert stored("Still new").status == HELD

        services.approve_comment(first)
        # Known by the browser that wrote the approved comment.
        send(client, a_post, body="Known now", email="SALIMA@example.org")
        assert stored("Known now").status == Comment.Status.APPROVED

    def test_hold_first_trusts_an_address_only_once_confirmed(self, client, a_post, make_comment):
        set_comments(moderation=CommentModeration.HOLD_FIRST)
        known = make_comment("Approved before", guest_email="salima@example.org")
        # Anyone can type a known commenter's address in another browser.
        send(Client(), a_post, body="Typed her address", email="SALIMA@example.org")
        typed = stored("Typed her address")
        assert (typed.status, typed.held_reason) == (HELD, Comment.HoldReason.FIRST_COMMENT)

        Comment.objects.filter(pk=known.pk).update(guest_email_confirmed=True)
        set_comments(confirm_guest_email=True)
        send(Client(), a_post, body="From her phone", email="SALIMA@example.org")
        comment = stored("From her phone")
        assert comment.held_reason == Comment.HoldReason.UNCONFIRMED
        services.confirm_guest_email(comment)
        comment.refresh_from_db()
        assert comment.status == Comment.Status.APPROVED and comment.guest_email_confirmed

    def test_hold_first_knows_accounts(self, client, a_post, a_reader, make_comment):
        set_comments(moderation=CommentModeration.HOLD_FIRST)
        client.force_login(a_reader)
        client.post(create_url(a_post), {"body": "New here"})
        assert stored("New here").status == HELD
        make_comment("Approved long ago", user=a_reader)
        client.post(create_url(a_post), {"body": "Back again"})
        assert stored("Back again").status == Comment.Status.APPROVED

    @pytest.mark.parametrize(
        ("blog_level", "post_level", "status"),
        [
            ("publish", "hold_all", HELD),
            ("hold_all", "publish", Comment.Status.APPROVED),
            ("hold_all", "inherit", HELD),
            ("publish", "hold_first", HELD),
        ],
    )
    def test_a_post_may_choose_its_own_level(
        self, client, make_post, blog_level, post_level, status
    ):
        set_comments(moderation=blog_level)
        post = make_post(comment_moderation=post_level)
        send(client, post, body="Which way?")
        assert stored("Which way?").status == status

    def test_moderators_are_never_held(self, client, a_post, django_user_model):
        set_comments(moderation=CommentModeration.HOLD_ALL, hold_words="hold")
        moderator = django_user_model.objects.create_user("nadia")
        moderator.groups.add(Group.objects.get(name="Moderators"))
        client.force_login(moderator)
        client.post(create_url(a_post), {"body": "hold " + links(5)})
        assert Comment.objects.get().status == Comment.Status.APPROVED


class TestLinks:
    @pytest.mark.parametrize(("count", "status"), [(2, Comment.Status.APPROVED), (3, HELD)])
    def test_more_links_than_the_limit_are_held(self, client, a_post, count, status):
        set_comments(max_links=2)
        send(client, a_post, body=f"Sources: {links(count)}")
        comment = Comment.objects.get()
        assert comment.status == status
        if status == HELD:
            assert comment.held_reason == Comment.HoldReason.LINKS

    def test_zero_links_allowed_holds_any_link(self, client, a_post):
        set_comments(max_links=0)
        send(client, a_post, body="No links here")
        send(client, a_post, body="One: https://example.org")
        assert stored("No links here").status == Comment.Status.APPROVED
        assert stored("One: https://example.org").status == HELD

    def test_no_limit(self, client, a_post):
        set_comments(max_links=None)
        send(client, a_post, body=links(20))
        assert Comment.objects.get().status == Comment.Status.APPROVED


class TestWordLists:
    @pytest.mark.parametrize(
        ("listed", "written"),
        [
            ("كتاب", "هذا كِتَابٌ مفيد"),  # diacritics in the comment
            ("كِتَاب", "هذا كتاب مفيد"),  # diacritics in the list
            ("كتاب", "هذا كتـــاب مفيد"),  # tatweel
            ("أحمد", "قال احمد ذلك"),  # hamza
            ("élève", "Un ELEVE sage"),  # Latin case and accents
            ("Casino", "best casino ever"),
            ("free money", "Get FREE   money now"),  # phrases, any spacing
        ],
    )
    def test_hold_words_match_however_they_are_written(self, client, a_post, listed, written):
        set_comments(hold_words=f"other\n{listed}\n")
        send(client, a_post, body=written)
        comment = Comment.objects.get()
        assert (comment.status, comment.held_reason) == (HELD, Comment.HoldReason.WORDS)

    @pytest.mark.parametrize("written", ["casinos and more", "Moncasino", "كتابة جميلة"])
    def test_only_whole_words_match(self, client, a_post, written):
        set_comments(hold_words="casino\nكتاب")
        send(client, a_post, body=written)
        assert Comment.objects.get().status == Comment.Status.APPROVED

    def test_reject_words_refuse_the_comment_and_keep_the_text(self, client, a_post):
        set_comments(reject_words="idiot، crétin")
        response = send(client, a_post, body="Quel CRETIN, vraiment")
        page = response.content.decode()
        assert response.status_code == 400
        assert not Comment.objects.exists()
        assert 'id="id_body_error"' in page
        assert "contains words this blog does not publish" in page
        assert ">\nQuel CRETIN, vraiment</textarea>" in page

    def test_lists_accept_lines_commas_and_arabic_commas(self):
        # Folded as search folds (blog.text.fold): ta marbuta as ha.
        assert word_list(" spam \n\nكَلِمَة، Mot ;  deux mots ") == [
            "spam",
            "كلمه",
            "mot",
            "deux mots",
        ]

    def test_fold(self):
        assert fold("ÉLÈVE") == fold("élève") == "eleve"
        assert fold("مُـحَـمَّـد") == fold("محمد")
        assert fold("zero\u200bwidth") == "zerowidth"
        assert listed_word("nothing here", []) is None

    def test_an_edit_that_brings_held_words_sends_the_comment_back(
        self, client, as_guest, make_comment
    ):
        comment = make_comment("Innocent words")
        set_comments(hold_words="casino")
        as_guest(client, "salima-browser")
        response = client.post(
            reverse("comments:edit", args=[comment.pk]), {"body": "Visit my casino"}
        )
        assert response.status_code == 302
        comment.refresh_from_db()
        assert (comment.status, comment.held_reason) == (HELD, Comment.HoldReason.WORDS)

    def test_an_edit_with_refused_words_changes_nothing(self, client, as_guest, make_comment):
        comment = make_comment("Innocent words")
        set_comments(reject_words="idiot")
        as_guest(client, "salima-browser")
        response = client.post(reverse("comments:edit", args=[comment.pk]), {"body": "idiot"})
        assert response.status_code == 400
        comment.refresh_from_db()
        assert comment.body == "Innocent words" and comment.status == Comment.Status.APPROVED


class TestHoneypot:
    def test_is_hidden_from_people_and_assistive_technology(self, client, a_post):
        page = client.get(a_post.get_absolute_url()).content.decode()
        trap = re.search(r'<div class="comment-form__trap" aria-hidden="true">(.*?)</div>', page)
        assert trap is not None
        assert 'name="fax"' in trap.group(1)
        assert 'tabindex="-1"' in trap.group(1) and 'autocomplete="off"' in trap.group(1)
        css = (settings.BASE_DIR / "static/css/comments.css").read_text()
        assert re.search(r"\.comment-form__trap \{[^}]*clip-path: inset\(50%\)", css)

    def test_a_filled_honeypot_stores_nothing(self, client, a_post):
        response = send(client, a_post, fax="+33 1 23 45 67 89")
        assert response.status_code == 400
        assert "sent by a program" in response.content.decode()
        assert not Comment.objects.exists()

    def test_an_empty_honeypot_passes(self, client, a_post):
        assert send(client, a_post, fax="").status_code == 302


class TestMinimumTime:
    @pytest.fixture
    def shown_at(self, client, a_post, time_machine):
        """The signed stamp of a form shown at WINDOW_START, with a 5-second minimum."""
        set_comments(min_seconds=5)
        time_machine.move_to(WINDOW_START, tick=False)
        # The cached post page leaves the stamp to the form-tokens request its script makes.
        return client.get(reverse("comments:form-tokens")).json()["shown_at"]

    @pytest.mark.parametrize(("seconds", "status"), [(4, 400), (5, 302), (6, 302)])
    def test_at_the_edge(self, client, a_post, time_machine, shown_at, seconds, status):
        time_machine.move_to(WINDOW_START + datetime.timedelta(seconds=seconds), tick=False)
        response = send(client, a_post, shown_at=shown_at)
        assert response.status_code == status
        assert Comment.objects.exists() is (status == 302)
        if status == 400:
            assert "That was quick!" in response.content.decode()

    def test_the_form_comes_back_with_a_fresh_stamp(self, client, a_post, time_machine, shown_at):
        time_machine.move_to(WINDOW_START + datetime.timedelta(seconds=1), tick=False)
        page = send(client, a_post, shown_at=shown_at, body="Kept").content.decode()
        fresh = re.search(r'name="shown_at" value="([^"]+)"', page).group(1)
        assert fresh != shown_at
        assert ">\nKept</textarea>" in page
        time_machine.move_to(WINDOW_START + datetime.timedelta(seconds=6), tick=False)
        assert send(client, a_post, shown_at=fresh, body="Kept").status_code == 302

    @pytest.mark.parametrize("stamp", [None, "", "1700000000", "MTcwMDAwMDAwMA:forged:sig"])
    def test_a_missing_or_forged_stamp_is_refused(self, client, a_post, shown_at, stamp):
        fields = {} if stamp is None else {"shown_at": stamp}
        response = send(client, a_post, **fields)
        assert response.status_code == 400
        assert "could not be checked" in response.content.decode()
        assert not Comment.objects.exists()

    def test_a_signed_value_that_is_not_a_time_is_refused(self):
        from django.core import signing

        assert defences.seconds_since_shown(signing.dumps("soon", salt=defences.STAMP_SALT)) is None


class TestRateLimit:
    @pytest.fixture(autouse=True)
    def three_a_minute(self, time_machine):
        set_comments(rate_limit=3, rate_seconds=60)
        time_machine.move_to(WINDOW_START + datetime.timedelta(seconds=10), tick=False)

    def test_at_the_edge_then_429_with_retry_after(self, client, a_post):
        for n in range(3):
            assert send(client, a_post, body=f"Comment {n}").status_code == 302

        response = send(client, a_post, body="One too many")

        page = response.content.decode()
        assert response.status_code == 429
        # A sliding window: 50 s until this minute ends, then 20 s until the three comments,
        # weighed by the share of the last minute they still cover, leave room for one more.
        assert response["Retry-After"] == "70"
        retry_at = timezone.localtime(WINDOW_START + datetime.timedelta(seconds=80))
        assert "Please wait 70 seconds" in page
        assert f"until {retry_at:%H:%M:%S}" in page
        assert ">\nOne too many</textarea>" in page
        assert Comment.objects.count() == 3

    def test_it_opens_again_when_retry_after_says(self, client, a_post, time_machine):
        for n in range(4):
            send(client, a_post, body=f"Comment {n}")
        time_machine.move_to(WINDOW_START + datetime.timedelta(seconds=79), tick=False)
        assert send(client, a_post, body="Too soon").status_code == 429
        time_machine.move_to(WINDOW_START + datetime.timedelta(seconds=80), tick=False)
        assert send(client, a_post, body="Later").status_code == 302

    def test_a_burst_across_the_minute_boundary_is_still_limited(
        self, client, a_post, time_machine
    ):
        time_machine.move_to(WINDOW_START + datetime.timedelta(seconds=59), tick=False)
        for n in range(3):
            assert send(client, a_post, body=f"Late {n}").status_code == 302
        time_machine.move_to(WINDOW_START + datetime.timedelta(seconds=61), tick=False)
        assert send(client, a_post, body="Early").status_code == 429

    def test_counts_per_address_whoever_writes(self, client, a_post, as_guest):
        for n in range(3):
            as_guest(client, f"browser-{n}")
            send(client, a_post, body=f"Comment {n}")
        as_guest(client, "browser-4")
        assert send(client, a_post, body="From the same address").status_code == 429
        other = client.post(
            create_url(a_post), guest_data(body="Elsewhere"), REMOTE_ADDR="203.0.113.9"
        )
        assert other.status_code == 302

    def test_counts_per_account_wherever_it_writes_from(self, client, a_post, a_reader):
        client.force_login(a_reader)
        for n in range(3):
            address = f"203.0.113.{n + 1}"
            response = client.post(create_url(a_post), {"body": f"C{n}"}, REMOTE_ADDR=address)
            assert response.status_code == 302
        response = client.post(create_url(a_post), {"body": "C3"}, REMOTE_ADDR="203.0.113.99")
        assert response.status_code == 429

    def test_moderators_are_not_limited(self, client, a_post, an_editor):
        client.force_login(an_editor)
        for n in range(5):
            assert client.post(create_url(a_post), {"body": f"Note {n}"}).status_code == 302

    def test_no_limit(self, client, a_post):
        set_comments(rate_limit=None)
        for n in range(6):
            assert send(client, a_post, body=f"Comment {n}").status_code == 302


class TestGuestEmailConfirmation:
    @pytest.fixture(autouse=True)
    def confirmation_on(self):
        set_comments(confirm_guest_email=True)

    def confirm_link(self):
        [message] = mail.outbox
        return re.search(r"http://\S+/comments/confirm/\S+/", message.body).group(0)

    def test_guests_must_give_an_address(self, client, a_post):
        page = client.get(a_post.get_absolute_url()).content.decode()
        assert "Email (optional)" not in page
        response = send(client, a_post, email="")
        assert response.status_code == 400
        assert "your comment is published once you confirm it" in response.content.decode()
        assert not Comment.objects.exists()

    def test_the_comment_waits_for_the_link(
        self, client, a_post, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            send(client, a_post, body="Please confirm me")
        comment = stored("Please confirm me")
        assert (comment.status, comment.held_reason) == (HELD, Comment.HoldReason.UNCONFIRMED)
        link = self.confirm_link()
        assert mail.outbox[0].to == ["salima@example.org"]
        assert link.startswith(settings.SITE_URL)

        # Opening the link (as a mail scanner does) changes nothing; the button does.
        response = client.get(link.removeprefix(settings.SITE_URL))
        assert response.status_code == 200
        assert 'method="post"' in response.content.decode()
        assert stored("Please confirm me").status == HELD

        response = client.post(link.removeprefix(settings.SITE_URL))

        assert response.status_code == 200
        assert "your comment is published" in response.content.decode()
        comment.refresh_from_db()
        assert comment.status == Comment.Status.APPROVED and comment.published_at

    def test_after_confirming_the_other_rules_still_apply(
        self, client, a_post, django_capture_on_commit_callbacks
    ):
        set_comments(moderation=CommentModeration.HOLD_ALL)
        with django_capture_on_commit_callbacks(execute=True):
            send(client, a_post, body="Confirmed but held")
        client.post(self.confirm_link().removeprefix(settings.SITE_URL))
        comment = stored("Confirmed but held")
        assert (comment.status, comment.held_reason) == (HELD, Comment.HoldReason.HOLD_ALL)

    def test_an_expired_link_is_refused(
        self, client, a_post, time_machine, django_capture_on_commit_callbacks
    ):
        time_machine.move_to(WINDOW_START, tick=False)
        with django_capture_on_commit_callbacks(execute=True):
            send(client, a_post, body="Too late")
        time_machine.move_to(WINDOW_START + datetime.timedelta(days=7, seconds=1), tick=False)
        response = client.post(self.confirm_link().removeprefix(settings.SITE_URL))
        assert response.status_code == 400
        assert stored("Too late").status == HELD

    @pytest.mark.parametrize("token", ["forged", "MQ:1xXWvT:forgedsignature", "x" * 300])
    def test_a_forged_link_is_refused(self, client, token):
        response = client.get(reverse("comments:confirm", kwargs={"token": token}))
        assert response.status_code == 400
        assert "not valid" in response.content.decode()

    def test_signed_in_readers_need_no_confirmation(self, client, a_post, a_reader):
        client.force_login(a_reader)
        client.post(create_url(a_post), {"body": "From my account"})
        assert Comment.objects.get().status == Comment.Status.APPROVED
        assert not mail.outbox


def test_the_blog_settings_defaults():
    """The defaults the closing note of the moderation work lists."""
    rules = CommentSettings.load()
    assert rules.moderation == CommentModeration.PUBLISH
    assert rules.max_links == 2
    assert rules.hold_words == rules.reject_words == ""
    assert rules.min_seconds == 0
    assert (rules.rate_limit, rules.rate_seconds) == (5, 60)
    assert rules.confirm_guest_email is False
    assert rules.reports_to_hide == 3
    assert Post().comment_moderation == Post.CommentModeration.INHERIT
