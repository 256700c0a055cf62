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
