"""Authors see and change only the posts they are a byline of; Editors see everything."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from blog.models import Author, Byline, Post
from tests.admin_forms import author_form_data, post_form_data

CHANGELIST_URL = reverse("admin:blog_post_changelist")
ADD_URL = reverse("admin:blog_post_add")


def byline_error_codes(response):
    """The error codes of the byline rows the admin refused."""
    [bylines] = response.context["inline_admin_formsets"]
    return [
        error.code
        for form in bylines.formset.forms
        for field_errors in form.errors.as_data().values()
        for error in field_errors
    ]


def change_url(post):
    return reverse("admin:blog_post_change", args=[post.pk])


@pytest.fixture
def karim(an_author_user):
    """The Authors-group user's byline profile."""
    return an_author_user.author_profile


@pytest.fixture
def karims_post(make_post, karim):
    return make_post("Karim on the olive harvest", authors=[karim])


@pytest.fixture
def a_shared_post(make_post, karim, an_author):
    return make_post("Written by two", authors=[an_author, karim])


@pytest.fixture
def someone_elses_post(make_post, an_author):
    return make_post("Salima on the tramway", authors=[an_author])


@pytest.fixture
def author_client(client, an_author_user):
    client.force_login(an_author_user)
    return client


@pytest.fixture
def editor_client(client, an_editor):
    client.force_login(an_editor)
    return client


def listed(response):
    return {post.title for post in response.context["cl"].result_list}


@pytest.mark.django_db
class TestGroups:
    def test_editors_may_edit_any_post_and_authors_may_not(self, an_editor, an_author_user):
        assert an_editor.has_perm("blog.edit_any_post")
        assert not an_author_user.has_perm("blog.edit_any_post")

    def test_authors_may_write_but_not_delete_posts(self, an_author_user):
        assert an_author_user.has_perms(["blog.add_post", "blog.change_post", "blog.view_post"])
        assert not an_author_user.has_perm("blog.delete_post")

    def test_both_groups_exist_after_migrating(self, db):
        assert set(Group.objects.values_list("name", flat=True)) >= {"Editors", "Authors"}


@pytest.mark.django_db
class TestAuthorsSeeTheirOwnPosts:
    def test_the_changelist_lists_only_their_bylines(
        self, author_client, karims_post, a_shared_post, someone_elses_post
    ):
        response = author_client.get(CHANGELIST_URL)
        assert response.status_code == 200
        assert listed(response) == {karims_post.title, a_shared_post.title}
        assert someone_elses_post.title not in response.content.decode()

    def test_searching_the_changelist_does_not_reach_other_posts(
        self, author_client, karims_post, someone_elses_post
    ):
        response = author_client.get(CHANGELIST_URL, {"q": "tramway"})
        assert listed(response) == set()

    def test_they_may_open_and_change_their_own_post(self, author_client, karims_post):
        assert author_client.get(change_url(karims_post)).status_code == 200
        response = author_client.post(
            change_url(karims_post), post_form_data(post=karims_post, title="Olives, revised")
        )
        assert response.status_code == 302
        karims_post.refresh_from_db()
        assert karims_post.title == "Olives, revised"

    def test_someone_elses_post_does_not_exist_for_them(self, author_client, someone_elses_post):
        """The admin answers as for a deleted post: no form, no title, back to the index."""
        response = author_client.get(change_url(someone_elses_post))
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:index")
        assert (
            someone_elses_post.title
            not in author_client.get(reverse("admin:index")).content.decode()
        )
        history = author_client.get(
            reverse("admin:blog_post_history", args=[someone_elses_post.pk])
        )
        assert history.status_code == 302

    def test_posting_to_someone_elses_post_changes_nothing(self, author_client, someone_elses_post):
        data = post_form_data(post=someone_elses_post, title="Defaced", status="draft")
        author_client.post(change_url(someone_elses_post), data)
        someone_elses_post.refresh_from_db()
        assert someone_elses_post.title == "Salima on the tramway"
        assert someone_elses_post.status == Post.Status.PUBLISHED

    def test_they_may_not_delete_posts(self, author_client, karims_post):
        response = author_client.get(reverse("admin:blog_post_delete", args=[karims_post.pk]))
        assert response.status_code == 403
        assert Post.objects.filter(pk=karims_post.pk).exists()

    def test_bulk_actions_reach_only_their_posts(
        self, author_client, karims_post, someone_elses_post
    ):
        author_client.post(
            CHANGELIST_URL,
            {
                "action": "unpublish_selected",
                "_selected_action": [karims_post.pk, someone_elses_post.pk],
            },
        )
        karims_post.refresh_from_db()
        someone_elses_post.refresh_from_db()
        assert karims_post.status == Post.Status.DRAFT
        assert someone_elses_post.status == Post.Status.PUBLISHED

    def test_they_see_only_their_own_author_profile(self, author_client, karim, an_author):
        response = author_client.get(reverse("admin:blog_author_changelist"))
        assert {author.pk for author in response.context["cl"].result_list} == {karim.pk}
        other = author_client.get(reverse("admin:blog_author_change", args=[an_author.pk]))
        assert other.status_code == 302

    def test_they_cannot_move_their_profile_to_another_account(
        self, author_client, karim, an_editor
    ):
        response = author_client.post(
            reverse("admin:blog_author_change", args=[karim.pk]),
            author_form_data(display_name="Karim H.", slug=karim.slug, user=an_editor.pk),
        )
        assert response.status_code == 302
        karim.refresh_from_db()
        assert karim.display_name == "Karim H."
        assert karim.user.username == "karim"


@pytest.mark.django_db
class TestAuthorsStayOnTheirBylines:
    def test_a_post_they_create_without_naming_themselves_carries_their_byline(
        self, author_client, an_author_user, karim
    ):
        response = author_client.post(ADD_URL, post_form_data(title="Notes from Béjaïa"))
        assert response.status_code == 302
        post = Post.objects.get()
        assert post.byline_authors == [karim]
        assert author_client.get(change_url(post)).status_code == 200

    def test_an_id_naming_a_colleague_is_refused_on_a_new_post(
        self, author_client, karim, an_author
    ):
        response = author_client.post(ADD_URL, post_form_data(authors=[an_author]))
        assert response.status_code == 200
        assert byline_error_codes(response) == ["invalid_choice"]
        assert not Post.objects.exists()

    def test_an_id_naming_a_colleague_is_refused_on_their_own_post(
        self, author_client, karims_post, an_author
    ):
        data = post_form_data(post=karims_post, authors=[an_author], status=Post.Status.PUBLISHED)
        response = author_client.post(change_url(karims_post), data)
        assert response.status_code == 200
        assert byline_error_codes(response) == ["invalid_choice"]
        assert karims_post.byline_authors == [karims_post.bylines.get().author]
        assert not karims_post.bylines.filter(author=an_author).exists()

    def test_naming_themselves_is_accepted(self, author_client, karim):
        response = author_client.post(ADD_URL, post_form_data(authors=[karim]))
        assert response.status_code == 302
        assert Post.objects.get().byline_authors == [karim]

    def test_a_co_author_an_editor_added_stays_when_they_save(
        self, author_client, a_shared_post, karim, an_author
    ):
        response = author_client.post(change_url(a_shared_post), post_form_data(post=a_shared_post))
        assert response.status_code == 302
        assert set(a_shared_post.byline_authors) == {an_author, karim}

    def test_editors_may_name_any_author(self, editor_client, karim, an_author):
        response = editor_client.post(ADD_URL, post_form_data(authors=[karim, an_author]))
        assert response.status_code == 302
        assert Post.objects.get().byline_authors == [karim, an_author]

    def test_removing_their_own_byline_does_not_lock_them_out(
        self, author_client, a_shared_post, karim, an_author
    ):
        response = author_client.post(
            change_url(a_shared_post), post_form_data(post=a_shared_post, remove_authors=[karim])
        )
        assert response.status_code == 302
        assert set(a_shared_post.bylines.values_list("author", flat=True)) == {
            an_author.pk,
            karim.pk,
        }
        assert author_client.get(change_url(a_shared_post)).status_code == 200

    def test_a_profile_is_made_for_an_author_who_had_none(self, client, django_user_model):
        user = django_user_model.objects.create_user(
            "leila", password="x-12345678", is_staff=True, first_name="Leila", last_name="Mansour"
        )
        user.groups.add(Group.objects.get(name="Authors"))
        client.force_login(user)
        assert client.post(ADD_URL, post_form_data()).status_code == 302
        [byline] = Byline.objects.select_related("author")
        assert byline.author.user == user
        assert byline.author.display_name == "Leila Mansour"
        assert Author.objects.filter(user=user).count() == 1


@pytest.mark.django_db
class TestEditorsSeeEverything:
    def test_the_changelist_lists_every_post(
        self, editor_client, karims_post, someone_elses_post, make_post
    ):
        draft = make_post("A draft", status=Post.Status.DRAFT)
        response = editor_client.get(CHANGELIST_URL)
        assert listed(response) == {karims_post.title, someone_elses_post.title, draft.title}

    def test_they_may_change_anyones_post(self, editor_client, karims_post, karim):
        response = editor_client.post(
            change_url(karims_post), post_form_data(post=karims_post, title="Edited by the editor")
        )
        assert response.status_code == 302
        karims_post.refresh_from_db()
        assert karims_post.title == "Edited by the editor"
        assert karims_post.byline_authors == [karim]

    def test_bulk_actions_reach_every_post(self, editor_client, karims_post, someone_elses_post):
        editor_client.post(
            CHANGELIST_URL,
            {
                "action": "unpublish_selected",
                "_selected_action": [karims_post.pk, someone_elses_post.pk],
            },
        )
        assert set(Post.objects.values_list("status", flat=True)) == {Post.Status.DRAFT}

    def test_they_may_delete_a_post(self, editor_client, someone_elses_post):
        response = editor_client.post(
            reverse("admin:blog_post_delete", args=[someone_elses_post.pk]), {"post": "yes"}
        )
        assert response.status_code == 302
        assert not Post.objects.exists()


@pytest.mark.django_db
def test_staff_outside_both_groups_cannot_open_posts(client, django_user_model, a_post):
    client.force_login(
        django_user_model.objects.create_user("intern", password="x-12345678", is_staff=True)
    )
    assert client.get(CHANGELIST_URL).status_code == 403
    assert client.get(change_url(a_post)).status_code == 403
