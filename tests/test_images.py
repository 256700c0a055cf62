"""Featured images and avatars uploaded through the admin: renditions for good images, a form
error (never a 500, never lost data) for anything else."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from PIL import Image

from blog.models import Author, Post
from tests.admin_forms import author_form_data, post_form_data
from tests.conftest import an_image_upload, image_bytes

POST_ADD_URL = reverse("admin:blog_post_add")
AUTHOR_ADD_URL = reverse("admin:blog_author_add")


def png_claiming(width, height):
    """A small, well-formed PNG whose header claims `width` × `height` pixels."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


def upload(name, content, content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def opened(field_file):
    field_file.open("rb")
    try:
        with Image.open(field_file) as image:
            image.load()
            return image.format, image.size
    finally:
        field_file.close()


BAD_FILES = {
    "text renamed .png": lambda: upload("notes.png", b"Just some words, not a picture.\n" * 20),
    "truncated png": lambda: upload("cut.png", image_bytes(size=(400, 300))[:300]),
    "png with a broken body": lambda: upload(
        "broken.png", image_bytes(size=(400, 300))[:60] + b"\x00" * 400
    ),
    "bomb over the site limit": lambda: upload("bomb.png", png_claiming(7_000, 7_000)),
    "bomb over pillow's warning": lambda: upload("bomb.png", png_claiming(10_000, 10_000)),
    "bomb over pillow's limit": lambda: upload("bomb.png", png_claiming(100_000, 100_000)),
    "empty file": lambda: upload("empty.png", b""),
    "svg": lambda: upload("vector.png", b'<svg xmlns="http://www.w3.org/2000/svg"/>'),
    "bmp, a real image in a refused format": lambda: upload(
        "old.bmp", image_bytes(size=(40, 30), image_format="BMP"), "image/bmp"
    ),
    "html renamed .jpg": lambda: upload("page.jpg", b"<script>alert(1)</script>", "image/jpeg"),
}

# Django's own image field opens the upload first and Pillow warns about the largest claims.
BOMB_WARNING_EXPECTED = pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")


@pytest.fixture
def editor_client(client, an_editor):
    client.force_login(an_editor)
    return client


@pytest.mark.django_db
class TestFeaturedImage:
    @pytest.mark.parametrize(
        ("name", "image_format"), [("harbour.png", "PNG"), ("harbour.jpg", "JPEG")]
    )
    def test_a_valid_image_makes_the_renditions(self, editor_client, an_author, name, image_format):
        picture = upload(name, image_bytes(size=(2400, 1000), image_format=image_format))
        response = editor_client.post(
            POST_ADD_URL,
            post_form_data(
                featured_image=picture, featured_image_alt="The harbour", authors=[an_author]
            ),
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        post = Post.objects.get()
        assert opened(post.featured_image) == (image_format, (2400, 1000))
        assert opened(post.featured_large) == ("WEBP", (1200, 500))
        assert opened(post.featured_thumb) == ("WEBP", (320, 200))

    def test_a_small_image_is_never_enlarged(self, make_post):
        post = make_post(featured_image=an_image_upload("small.png", size=(300, 120)))
        assert opened(post.featured_large) == ("WEBP", (300, 120))
        assert opened(post.featured_thumb) == ("WEBP", (320, 200))

    def test_the_pages_show_the_renditions(self, client, make_post):
        post = make_post(featured_image=an_image_upload(), featured_image_alt="A quay at dusk")
        image = client.get(post.get_absolute_url()).content.decode()
        assert f'<img src="{post.featured_medium.url}" srcset="{post.featured_srcset}"' in image
        assert 'alt="A quay at dusk"' in image
        assert f'src="{post.featured_thumb.url}"' in client.get("/").content.decode()

    @BOMB_WARNING_EXPECTED
    @pytest.mark.parametrize("bad", BAD_FILES.values(), ids=BAD_FILES.keys())
    def test_a_bad_file_is_a_form_error(self, editor_client, an_author, bad):
        response = editor_client.post(
            POST_ADD_URL, post_form_data(featured_image=bad(), authors=[an_author])
        )
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert list(errors) == ["featured_image"]
        assert not Post.objects.exists()

    @BOMB_WARNING_EXPECTED
    @pytest.mark.parametrize("bad", BAD_FILES.values(), ids=BAD_FILES.keys())
    def test_a_bad_file_on_a_saved_post_loses_nothing(self, editor_client, make_post, bad):
        post = make_post("Kept as it was", featured_image=an_image_upload("first.png"))
        saved_image, saved_thumb = post.featured_image.name, post.featured_thumb.name
        response = editor_client.post(
            reverse("admin:blog_post_change", args=[post.pk]),
            post_form_data(post=post, title="Changed", featured_image=bad()),
        )
        assert response.status_code == 200
        post.refresh_from_db()
        assert post.title == "Kept as it was"
        assert (post.featured_image.name, post.featured_thumb.name) == (saved_image, saved_thumb)
        assert opened(post.featured_thumb) == ("WEBP", (320, 200))

    def test_replacing_the_image_replaces_the_renditions(
        self, make_post, django_capture_on_commit_callbacks
    ):
        post = make_post(featured_image=an_image_upload("first.png"))
        old_thumb = post.featured_thumb.name
        storage = post.featured_thumb.storage
        post.featured_image = an_image_upload("second.png", size=(640, 640))
        with django_capture_on_commit_callbacks(execute=True):
            post.save()
        assert storage.exists(post.featured_thumb.name)
        assert not storage.exists(old_thumb)
        assert opened(post.featured_large) == ("WEBP", (640, 640))

    def test_a_replacement_rolled_back_leaves_the_old_renditions_in_place(self, make_post):
        post = make_post(featured_image=an_image_upload("first.png"))
        saved = (post.featured_large.name, post.featured_thumb.name)
        storage = post.featured_thumb.storage
        with pytest.raises(RuntimeError), transaction.atomic():
            post.featured_image = an_image_upload("second.png", size=(640, 640))
            post.save()
            raise RuntimeError("the rest of the request failed")
        post = Post.objects.get(pk=post.pk)
        assert (post.featured_large.name, post.featured_thumb.name) == saved
        assert all(storage.exists(name) for name in saved)
        assert opened(post.featured_thumb) == ("WEBP", (320, 200))

    def test_clearing_the_image_removes_the_renditions(
        self, make_post, django_capture_on_commit_callbacks
    ):
        post = make_post(featured_image=an_image_upload("first.png"))
        old_large = post.featured_large.name
        post.featured_image = ""
        with django_capture_on_commit_callbacks(execute=True):
            post.save()
        post.refresh_from_db()
        assert not post.featured_large and not post.featured_thumb
        assert not post.featured_large.storage.exists(old_large)

    def test_saving_without_a_new_image_keeps_the_renditions(self, make_post):
        post = make_post(featured_image=an_image_upload())
        thumb = post.featured_thumb.name
        post = Post.objects.get(pk=post.pk)
        post.title = "Renamed"
        post.save()
        post.refresh_from_db()
        assert post.featured_thumb.name == thumb


@pytest.mark.django_db
class TestAvatar:
    def test_a_valid_avatar_makes_its_rendition(self, editor_client):
        picture = upload("nadia.jpg", image_bytes(size=(500, 300), image_format="JPEG"))
        response = editor_client.post(AUTHOR_ADD_URL, author_form_data(avatar=picture))
        assert response.status_code == 302, response.context["adminform"].form.errors
        author = Author.objects.get()
        assert author.slug == "nadia-ferhat"
        assert opened(author.avatar_small) == ("WEBP", (96, 96))

    def test_the_author_page_shows_the_avatar(self, client, make_author, make_post):
        author = make_author("Nadia Ferhat", avatar=an_image_upload("nadia.png"))
        make_post(authors=[author])
        assert (
            f'src="{author.avatar_small.url}"'
            in client.get(author.get_absolute_url()).content.decode()
        )

    @BOMB_WARNING_EXPECTED
    @pytest.mark.parametrize("bad", BAD_FILES.values(), ids=BAD_FILES.keys())
    def test_a_bad_avatar_is_a_form_error(self, editor_client, bad):
        response = editor_client.post(AUTHOR_ADD_URL, author_form_data(avatar=bad()))
        assert response.status_code == 200
        assert list(response.context["adminform"].form.errors) == ["avatar"]
        assert not Author.objects.exists()


def test_the_bomb_is_small_but_claims_a_huge_size():
    """The decompression-bomb fixture is what it says: the check sees the header, not the bytes."""
    content = png_claiming(100_000, 100_000)
    assert len(content) < 200
    with Image.open(io.BytesIO(png_claiming(7_000, 7_000))) as image:
        assert image.size == (7_000, 7_000)


@pytest.mark.django_db
class TestFilesGoWithTheirImage:
    def test_a_replaced_featured_image_is_deleted_after_the_commit(
        self, make_post, django_capture_on_commit_callbacks
    ):
        post = make_post(featured_image=an_image_upload("first.png"))
        storage, first = post.featured_image.storage, post.featured_image.name
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            post.featured_image = an_image_upload("second.png")
            post.save()
        assert storage.exists(first)
        for callback in callbacks:
            callback()
        assert not storage.exists(first)
        assert storage.exists(post.featured_image.name)

    def test_a_deleted_post_takes_its_image_files(
        self, make_post, django_capture_on_commit_callbacks
    ):
        post = make_post(featured_image=an_image_upload())
        names = post.image_files()
        assert len(names) == 1 + len(Post.renditions)
        with django_capture_on_commit_callbacks(execute=True):
            post.delete()
        assert not any(post.featured_image.storage.exists(name) for name in names)

    def test_a_deleted_author_takes_the_avatar(
        self, make_author, django_capture_on_commit_callbacks
    ):
        author = make_author(avatar=an_image_upload("face.png"))
        names = author.image_files()
        with django_capture_on_commit_callbacks(execute=True):
            author.delete()
        assert names and not any(author.avatar.storage.exists(name) for name in names)
