"""The comments admin: a list to search and filter, and restoring removed comments."""

import pytest
from django.conf import settings
from django.urls import reverse

from comments import services
from comments.models import Comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_en(admin_client):
    admin_client.cookies["django_language"] = "en"
    return admin_client


def test_the_list_shows_searches_and_filters(admin_client_en, make_comment):
    make_comment("About the olive harvest", guest_name="Omar")
    services.remove_comment(make_comment("Something regrettable"))
    url = reverse("admin:comments_comment_changelist")

    everything = admin_client_en.get(url).content.decode()
    found = admin_client_en.get(url, {"q": "olive"}).content.decode()
    removed = admin_client_en.get(url, {"status__exact": "removed"}).content.decode()

    assert "About the olive harvest" in everything and "Omar" in everything
    assert "About the olive harvest" in found and "Something regrettable" not in found
    assert "Something regrettable" in removed and "olive" not in removed


def test_a_comment_page_opens(admin_client_en, make_comment):
    comment = make_comment("Readable in the admin")
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    response = admin_client_en.get(url)
    assert response.status_code == 200
    assert "Readable in the admin" in response.content.decode()


def test_the_restore_action_brings_removed_comments_back(admin_client_en, make_comment):
    kept = make_comment("Never removed")
    gone = services.remove_comment(make_comment("Removed by mistake"))

    response = admin_client_en.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "restore", "_selected_action": [kept.pk, gone.pk]},
        follow=True,
    )

    gone.refresh_from_db()
    assert gone.status == Comment.Status.APPROVED and gone.removed_at is None
    assert "Restored 1 comment." in response.content.decode()


def test_comments_are_not_added_by_hand(admin_client_en):
    assert admin_client_en.get(reverse("admin:comments_comment_add")).status_code == 403


def test_the_moderation_queue_isolates_readers_text(client, django_user_model, make_comment):
    make_comment("Latin words, ending in punctuation!")
    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.org", "x"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    page = client.get("/admin/comments/comment/").content.decode()
    assert '<bdi dir="auto">Latin words, ending in punctuation!</bdi>' in page
    assert '<td class="field-author_column"><bdi dir="auto">Salima</bdi></td>' in page
    assert 'class="field-post_column"><bdi dir="auto">' in page
