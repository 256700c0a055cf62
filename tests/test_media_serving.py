"""Uploads served in development: hostile names answer 404, never 500."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_file(settings):
    folder = settings.MEDIA_ROOT / "posts" / "renditions"
    folder.mkdir(parents=True)
    (folder / "picture-w320.webp").write_bytes(b"RIFF0000WEBP")
    return "/media/posts/renditions/picture-w320.webp"


def test_a_file_is_served(client, a_file):
    assert client.get(a_file).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/media/" + "a" * 300 + ".jpg",
        "/media/posts/" + "b" * 5000,
        "/media/" + "/".join(["c" * 250] * 30),
        "/media/posts/%00.jpg",
        "/media/posts/renditions/missing.webp",
        "/media/posts/",
    ],
)
def test_hostile_or_missing_names_are_404(a_file, path):
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "path", ["/media/../config/settings.py", "/media/%2e%2e/%2e%2e/etc/passwd"]
)
def test_paths_out_of_the_media_folder_are_refused(a_file, path):
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code in (400, 404)
    assert b"SECRET" not in response.content and b"root:" not in response.content


def test_only_renditions_are_served_never_the_original(client, make_post):
    from tests.conftest import an_image_upload

    post = make_post(featured_image=an_image_upload("holiday.png"))
    post.refresh_from_db()
    assert client.get(post.featured_image.url).status_code == 404
    for rendition in (post.featured_large, post.featured_thumb):
        assert client.get(rendition.url).status_code == 200


def test_an_avatar_is_served_only_as_its_rendition(client, make_author):
    from tests.conftest import an_image_upload

    author = make_author(avatar=an_image_upload("face.png"))
    author.refresh_from_db()
    assert client.get(author.avatar.url).status_code == 404
    assert client.get(author.avatar_small.url).status_code == 200


def test_a_renditions_name_says_nothing_of_the_original(make_post):
    from pathlib import PurePosixPath

    from tests.conftest import an_image_upload

    post = make_post(featured_image=an_image_upload("passport-scan.png"))
    post.refresh_from_db()
    original = PurePosixPath(post.featured_image.name)
    for rendition in (post.featured_large, post.featured_thumb):
        name = PurePosixPath(rendition.name).name
        assert "passport" not in name and original.stem not in name


def test_an_original_is_stored_under_a_random_name(make_post, make_author):
    from tests.conftest import an_image_upload

    post = make_post(featured_image=an_image_upload("passport-scan.png"))
    author = make_author(avatar=an_image_upload("passport-scan.png"))
    names = [post.featured_image.name, author.avatar.name]
    assert not any("passport" in name for name in names)
    assert names[0].startswith("posts/") and names[1].startswith("avatars/")
    assert names[0].endswith(".png") and len(names[0].rsplit("/", 1)[1]) >= 20
