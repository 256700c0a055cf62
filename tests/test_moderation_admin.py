"""The moderation queue in the admin: who may use it, its filters and search, the bulk actions
(delete with Django's confirmation page), a comment's thread and history, the read-only log
and bans."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.forms.models import model_to_dict
from django.urls import reverse

from comments import services
from comments.models import Ban, Comment, CommentSettings, ModerationLog

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:comments_comment_changelist")


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("nadia", "nadia@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def moderator_client(client, moderator):
    client.cookies["django_language"] = "en"
    client.force_login(moderator)
    return client


def listed(client, **query):
    response = client.get(QUEUE, query)
    assert response.status_code == 200
    return response.content.decode()


def act(client, action, *comments, **extra):
    data = {"action": action, "_selected_action": [comment.pk for comment in comments], **extra}
    return client.post(QUEUE, data, follow=True)


@pytest.fixture
def queue(make_comment, make_post):
    """One comment in each state, on two posts."""
    elsewhere = make_post("Another post")
    return {
        "approved": make_comment("About the olive harvest", guest_name="Omar"),
        "held": make_comment("Waiting for you", hold_reason="links"),
        "spam": services.mark_spam(make_comment("Cheap watches", post=elsewhere)),
        "removed": services.remove_comment(make_comment("Regrettable words")),
    }


class TestAccess:
    def test_moderators_and_editors_open_the_queue(self, moderator_client, client, an_editor):
        assert moderator_client.get(QUEUE).status_code == 200
        client.force_login(an_editor)
        assert client.get(QUEUE).status_code == 200

    def test_authors_do_not(self, client, an_author_user):
        client.force_login(an_author_user)
        assert client.get(QUEUE).status_code == 403

    def test_a_viewer_without_the_moderation_permission_cannot_act(
        self, client, django_user_model, queue
    ):
        viewer = django_user_model.objects.create_user("viewer", is_staff=True)
        viewer.user_permissions.add(Permission.objects.get(codename="view_comment"))
        client.force_login(viewer)
        page = listed(client)
        assert 'value="approve"' not in page and 'value="delete_selected"' not in page
        act(client, "approve", queue["held"])
        assert Comment.objects.get(pk=queue["held"].pk).status == "pending"

    def test_comments_are_not_added_or_edited_by_hand(self, moderator_client, queue):
        comment = queue["approved"]
        assert moderator_client.get(reverse("admin:comments_comment_add")).status_code == 403
        url = reverse("admin:comments_comment_change", args=[comment.pk])
        response = moderator_client.post(url, {"body": "Rewritten", "status": "spam"})
        assert response.status_code == 403
        assert Comment.objects.get(pk=comment.pk).body == "About the olive harvest"


class TestFiltersAndSearch:
    def test_by_status(self, moderator_client, queue):
        page = listed(moderator_client, status__exact="pending")
        assert "Waiting for you" in page and "olive" not in page

    def test_by_post(self, moderator_client, queue):
        page = listed(moderator_client, post__id__exact=queue["spam"].post_id)
        assert "Cheap watches" in page and "olive" not in page

    def test_by_reports(self, moderator_client, queue):
        services.report_comment(queue["approved"], "spam", ip="203.0.113.1")
        reported = listed(moderator_client, reported="yes")
        unreported = listed(moderator_client, reported="no")
        assert "olive" in reported and "Waiting for you" not in reported
        assert "olive" not in unreported and "Waiting for you" in unreported

    def test_by_ban(self, moderator_client, make_comment, a_reader):
        by_account = make_comment("From a banned account", user=a_reader)
        by_email = make_comment("From a banned address", guest_email="Omar@Example.org")
        by_ip = make_comment("From a banned network", ip="192.0.2.44")
        free = make_comment("From someone free", ip="192.0.2.45")
        services.ban(Ban.Kind.ACCOUNT, user=a_reader)
        services.ban(Ban.Kind.EMAIL, email="omar@example.org")
        services.ban(Ban.Kind.ADDRESS, ip_hash=by_ip.ip_hash)
        lifted = services.ban(Ban.Kind.ADDRESS, ip_hash=free.ip_hash)
        services.lift_ban(lifted)

        banned = listed(moderator_client, banned="yes")
        not_banned = listed(moderator_client, banned="no")

        for comment in (by_account, by_email, by_ip):
            assert comment.body in banned and comment.body not in not_banned
        assert free.body in not_banned and free.body not in banned

    def test_search(self, moderator_client, queue):
        page = listed(moderator_client, q="olive")
        assert "olive" in page and "Waiting for you" not in page
        assert "Omar" in listed(moderator_client, q="Omar")


class TestBulkActions:
    def test_approve(self, moderator_client, moderator, queue):
        response = act(moderator_client, "approve", queue["held"], queue["spam"], queue["approved"])
        assert "Approved 2 comments." in response.content.decode()
        for key in ("held", "spam"):
            assert Comment.objects.get(pk=queue[key].pk).status == "approved"
        logged = ModerationLog.objects.filter(action="approve", actor=moderator)
        assert {entry.comment_id for entry in logged} == {queue["held"].pk, queue["spam"].pk}

    def test_mark_spam(self, moderator_client, moderator, queue):
        response = act(moderator_client, "mark_spam", queue["approved"], queue["held"])
        assert "Marked 2 comments as spam." in response.content.decode()
        assert Comment.objects.filter(status="spam").count() == 3
        assert ModerationLog.objects.filter(action="spam", actor=moderator).count() == 2

    def test_remove_then_undo(self, moderator_client, moderator, make_comment):
        comment = make_comment("Kept exactly")
        before = Comment.objects.values().get(pk=comment.pk)

        act(moderator_client, "remove", comment)
        removed = Comment.objects.get(pk=comment.pk)
        assert (removed.status, removed.removed_by) == ("removed", "moderator")
        assert removed.removed_by_user == moderator

        response = act(moderator_client, "restore", comment)
        assert "Restored 1 comment." in response.content.decode()
        assert Comment.objects.values().get(pk=comment.pk) == before
        actions = list(
            ModerationLog.objects.filter(comment=comment).order_by("id").values_list("action")
        )
        assert actions == [("remove",), ("restore",)]

    def test_delete_for_ever_asks_first_and_takes_the_replies(
        self, moderator_client, moderator, make_comment
    ):
        parent = make_comment("Doomed parent")
        make_comment("Doomed reply", reply_to=parent, guest_token="r")
        kept = make_comment("Kept")

        confirmation = act(moderator_client, "delete_selected", parent)

        page = confirmation.content.decode()
        assert "Are you sure" in page and "Doomed reply" in page
        assert Comment.objects.count() == 3

        act(moderator_client, "delete_selected", parent, post="yes")

        assert list(Comment.objects.all()) == [kept]
        deleted = ModerationLog.objects.filter(action="delete", actor=moderator)
        assert sorted(entry.comment_excerpt for entry in deleted) == [
            "Doomed parent",
            "Doomed reply",
        ]
        assert all(entry.comment_id is None for entry in deleted)


class TestOneComment:
    def test_its_page_shows_the_thread_reports_and_history(
        self, moderator_client, make_comment, an_editor
    ):
        parent = make_comment("The parent", guest_name="Omar")
        comment = make_comment("The middle", reply_to=parent, guest_name="Salima")
        reply = make_comment("The reply", reply_to=comment, guest_name="Yacine")
        services.report_comment(comment, "abuse", note="Too harsh", ip="203.0.113.1")
        services.remove_comment(comment, by_user=an_editor, by_moderator=True)

        url = reverse("admin:comments_comment_change", args=[comment.pk])
        page = moderator_client.get(url).content.decode()

        assert reverse("admin:comments_comment_change", args=[parent.pk]) in page
        assert reverse("admin:comments_comment_change", args=[reply.pk]) in page
        assert "In reply to" in page and "The parent" in page and "The reply" in page
        assert "Insults, harassment or hate" in page and "Too harsh" in page
        assert " · editor · Removed" in page
        assert reverse("admin:comments_comment_moderate", args=[comment.pk, "restore"]) in page
        assert 'name="_save"' not in page

    def test_its_buttons_moderate_it(self, moderator_client, moderator, make_comment):
        comment = make_comment("One at a time", hold_reason="words")
        url = reverse("admin:comments_comment_moderate", args=[comment.pk, "approve"])

        assert moderator_client.get(url).status_code == 403
        response = moderator_client.post(url)

        assert response.status_code == 302
        assert Comment.objects.get(pk=comment.pk).status == "approved"
        assert ModerationLog.objects.get().actor == moderator

    def test_unknown_actions_and_other_users_are_refused(
        self, moderator_client, client, an_author_user, make_comment
    ):
        comment = make_comment("One at a time")
        bad = reverse("admin:comments_comment_moderate", args=[comment.pk, "explode"])
        assert moderator_client.post(bad).status_code == 403
        client.force_login(an_author_user)
        spam = reverse("admin:comments_comment_moderate", args=[comment.pk, "spam"])
        assert client.post(spam).status_code == 403
        assert Comment.objects.get(pk=comment.pk).status == "approved"


class TestLogAndBans:
    def test_the_log_is_readable_and_read_only(self, moderator_client, moderator, make_comment):
        comment = services.mark_spam(make_comment("Spammy"), by=moderator, reason="links")
        entry = ModerationLog.objects.get()
        changelist = moderator_client.get(reverse("admin:comments_moderationlog_changelist"))
        page = changelist.content.decode()
        assert "Marked as spam" in page and "nadia" in page and "links" in page
        assert comment.excerpt() in page
        change = reverse("admin:comments_moderationlog_change", args=[entry.pk])
        assert moderator_client.get(change).status_code == 200
        assert moderator_client.post(change, {"reason": "rewritten"}).status_code == 403
        assert moderator_client.get(reverse("admin:comments_moderationlog_add")).status_code == 403
        delete = reverse("admin:comments_moderationlog_delete", args=[entry.pk])
        assert moderator_client.post(delete, {"post": "yes"}).status_code == 403
        assert ModerationLog.objects.get().reason == "links"

    def test_bans_are_listed_and_lifted(self, moderator_client, moderator, a_reader):
        ban = services.ban(Ban.Kind.ACCOUNT, user=a_reader, days=30, reason="insults")
        url = reverse("admin:comments_ban_changelist")
        assert "insults" in moderator_client.get(url, {"active": "yes"}).content.decode()

        response = moderator_client.post(
            url, {"action": "lift", "_selected_action": [ban.pk]}, follow=True
        )

        assert "Lifted 1 ban." in response.content.decode()
        ban.refresh_from_db()
        assert not ban.is_active()
        assert ModerationLog.objects.filter(action="lift_ban", actor=moderator).exists()
        assert "insults" not in moderator_client.get(url, {"active": "yes"}).content.decode()


class TestSettings:
    URL = reverse("admin:comments_commentsettings_change", args=[1])

    def settings_data(self, **changes):
        """The settings form as the browser sends it: unticked boxes are left out."""
        data = {**model_to_dict(CommentSettings.load()), **changes}
        return {
            name: "" if value is None else "on" if value is True else value
            for name, value in data.items()
            if value is not False
        }

    def test_the_comment_settings_page_holds_the_moderation_options(self, admin_client):
        admin_client.cookies["django_language"] = "en"
        CommentSettings.load()
        page = admin_client.get(self.URL).content.decode()
        assert "Comment moderation and spam" in page
        for name in (
            "moderation",
            "max_links",
            "hold_words",
            "reject_words",
            "min_seconds",
            "rate_limit",
            "rate_seconds",
            "confirm_guest_email",
            "reports_to_hide",
        ):
            assert f'name="{name}"' in page, name

        response = admin_client.post(
            self.URL,
            self.settings_data(
                moderation="hold_first",
                hold_words="casino\nكتاب",
                max_links="",
                confirm_guest_email="on",
            ),
        )

        assert response.status_code == 302
        rules = CommentSettings.objects.get()
        assert rules.moderation == "hold_first"
        assert rules.hold_words.splitlines() == ["casino", "كتاب"]
        assert rules.max_links is None and rules.confirm_guest_email

    def test_the_settings_list_leads_to_the_one_row_and_editors_may_change_it(
        self, client, an_editor
    ):
        client.force_login(an_editor)
        listed = client.get(reverse("admin:comments_commentsettings_changelist"))
        assert listed.status_code == 302 and listed["Location"] == self.URL
        assert client.get(self.URL).status_code == 200
        assert an_editor.has_perm("comments.change_commentsettings")

    @pytest.mark.parametrize("field", ["rate_seconds", "reports_to_hide", "rate_limit"])
    def test_impossible_numbers_are_form_errors(self, admin_client, field):
        CommentSettings.load()
        response = admin_client.post(self.URL, self.settings_data(**{field: "0"}))
        assert response.status_code == 200
        assert "errornote" in response.content.decode()
        assert getattr(CommentSettings.objects.get(), field) != 0

    def test_a_post_chooses_its_moderation_in_the_admin(self, admin_client, a_post):
        page = admin_client.get(reverse("admin:blog_post_change", args=[a_post.pk]))
        assert 'name="comment_moderation"' in page.content.decode()
