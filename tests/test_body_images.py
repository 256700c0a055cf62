"""Pictures in post bodies: the editor's upload endpoint, the stored renditions (never enlarged,
turned upright, without metadata), the markup a post body gets, the sanitiser's rules for it, the
alt text the post form requires, and the files removed once no post shows them."""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import ExifTags, Image

from blog.body_images import image_attributes
from blog.images import BODY_IMAGE_SIZES
from blog.models import Author, BodyImage, Post
from blog.permissions import may_add_body_image
from blog.sanitize import clean_post_body
from tests.admin_forms import post_form_data
from tests.conftest import an_image_upload, image_bytes
from tests.test_images import BAD_FILES, BOMB_WARNING_EXPECTED, upload

UPLOAD_URL = reverse("admin:blog_post_upload_image")


def photo_with_gps(size=(2000, 1500), orientation=None):
    """A JPEG as a phone writes it: camera model and GPS position in its EXIF."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Midad Test Camera"
    exif[ExifTags.Base.Model] = "MT-1"
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (36.0, 45.0, 12.5),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (3.0, 3.0, 0.0),
    }
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    buffer = io.BytesIO()
    Image.new("RGB", size, (190, 120, 60)).save(buffer, "JPEG", exif=exif, quality=80)
    return buffer.getvalue()


def has_metadata(content):
    """Whether image bytes carry EXIF (GPS, camera), XMP or a comment."""
    with Image.open(io.BytesIO(content)) as image:
        gps = image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        return bool(gps or dict(image.getexif()) or {"exif", "xmp", "comment"} & set(image.info))


def stored(path):
    with default_storage.open(path) as file:
        return file.read()


def stored_size(path):
    with Image.open(io.BytesIO(stored(path))) as image:
        return image.format, image.size


def rendition_paths(image):
    return [f"body/{image.key}/{width}.webp" for width in image.widths]


@pytest.fixture
def editor_client(client, an_editor):
    """The editor's browser, reading the admin in English."""
    client.force_login(an_editor)
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def a_body_image(an_editor):
    return BodyImage.store(io.BytesIO(image_bytes(size=(2000, 1000))), uploaded_by=an_editor)


def body_with(*images, caption=""):
    figures = [
        f'<figure><img src="{image.src}" alt="Picture {index}">'
        + (f"<figcaption>{caption}</figcaption>" if caption and index == 0 else "")
        + "</figure>"
        for index, image in enumerate(images)
    ]
    return "<p>Before the pictures.</p>" + "".join(figures) + "<p>After them.</p>"


@pytest.mark.django_db
class TestUpload:
    def test_a_photo_is_stored_at_three_widths_without_its_metadata(self, editor_client):
        response = editor_client.post(
            UPLOAD_URL, {"image": upload("harbour.jpg", photo_with_gps())}
        )
        assert response.status_code == 201, response.content
        image = BodyImage.objects.get()
        assert image.widths == [480, 960, 1600]
        assert (image.width, image.height) == (1600, 1200)
        assert response.json() == {"src": image.url(960), "width": 1600, "height": 1200}
        sizes = [stored_size(path) for path in rendition_paths(image)]
        assert sizes == [("WEBP", (480, 360)), ("WEBP", (960, 720)), ("WEBP", (1600, 1200))]
        assert not any(has_metadata(stored(path)) for path in rendition_paths(image))
        # The upload itself is not kept: the key's folder holds the renditions only.
        assert sorted(default_storage.listdir(f"body/{image.key}")[1]) == [
            "1600.webp",
            "480.webp",
            "960.webp",
        ]

    def test_the_test_photo_does_carry_gps(self):
        assert has_metadata(photo_with_gps(size=(40, 30)))

    def test_a_photo_taken_sideways_is_turned_upright(self, editor_client):
        sideways = photo_with_gps(size=(1200, 600), orientation=6)
        response = editor_client.post(UPLOAD_URL, {"image": upload("turned.jpg", sideways)})
        assert response.status_code == 201
        image = BodyImage.objects.get()
        assert (image.width, image.height) == (600, 1200)
        assert stored_size(f"body/{image.key}/480.webp") == ("WEBP", (480, 960))

    def test_a_small_picture_is_never_enlarged(self, editor_client):
        response = editor_client.post(UPLOAD_URL, {"image": an_image_upload(size=(300, 200))})
        image = BodyImage.objects.get()
        assert image.widths == [300]
        assert response.json()["src"] == image.url(300)

    def test_a_picture_between_two_widths_keeps_its_own_width(self, editor_client):
        editor_client.post(UPLOAD_URL, {"image": an_image_upload(size=(1200, 600))})
        assert BodyImage.objects.get().widths == [480, 960, 1200]

    @BOMB_WARNING_EXPECTED
    @pytest.mark.parametrize("bad", BAD_FILES.values(), ids=BAD_FILES.keys())
    def test_a_bad_file_is_refused_with_a_message(self, editor_client, bad):
        response = editor_client.post(UPLOAD_URL, {"image": bad()})
        assert response.status_code == 400
        assert response.json()["error"]
        assert not BodyImage.objects.exists()
        assert not default_storage.exists("body")

    def test_no_file_is_refused_with_a_message(self, editor_client):
        response = editor_client.post(UPLOAD_URL, {})
        assert response.status_code == 400
        assert response.json() == {"error": "Choose a picture to send."}

    def test_the_message_speaks_the_admin_language(self, editor_client):
        editor_client.cookies["django_language"] = "fr"
        response = editor_client.post(UPLOAD_URL, {"image": BAD_FILES["svg"]()})
        assert response.json() == {
            "error": "Ce fichier n’est pas une image valide, ou il est endommagé."
        }

    def test_a_get_is_refused(self, editor_client):
        assert editor_client.get(UPLOAD_URL).status_code == 405

    @pytest.mark.parametrize("post_id", ["999999", "abc", "9" * 40, "-1"])
    def test_an_unknown_post_is_not_found(self, editor_client, post_id):
        response = editor_client.post(UPLOAD_URL, {"image": an_image_upload(), "post": post_id})
        assert response.status_code == 404
        assert not BodyImage.objects.exists()

    def test_without_the_csrf_token_nothing_is_stored(self, an_editor):
        client = Client(enforce_csrf_checks=True)
        client.force_login(an_editor)
        assert client.post(UPLOAD_URL, {"image": an_image_upload()}).status_code == 403
        assert not BodyImage.objects.exists()


@pytest.mark.django_db
class TestWhoMayUpload:
    """Editors upload for any post, authors for new posts and those with their byline."""

    @pytest.fixture
    def someone_elses_post(self, make_post, make_author):
        return make_post("Not theirs", authors=[make_author("Another Writer")])

    @pytest.fixture
    def their_post(self, make_post, an_author_user):
        return make_post("Theirs", authors=[Author.objects.get(user=an_author_user)])

    @pytest.fixture
    def contributor_draft(self, make_post, a_contributor):
        return make_post(
            "Draft", authors=[Author.objects.get(user=a_contributor)], status=Post.Status.DRAFT
        )

    @pytest.fixture
    def contributor_published(self, make_post, a_contributor):
        return make_post("Out", authors=[Author.objects.get(user=a_contributor)])

    def send(self, user, post=None):
        client = Client()
        if user is not None:
            client.force_login(user)
        data = {"image": an_image_upload()}
        if post is not None:
            data["post"] = str(post.pk)
        return client.post(UPLOAD_URL, data)

    @pytest.mark.parametrize(
        ("who", "which", "status"),
        [
            ("editor", "new", 201),
            ("editor", "someone else's", 201),
            ("author", "new", 201),
            ("author", "their own", 201),
            ("author", "someone else's", 403),
            ("reader", "new", 302),
            ("guest", "new", 302),
            ("staff without groups", "new", 403),
            ("contributor", "new", 201),
            ("contributor", "their draft", 201),
            ("contributor", "their published post", 403),
            ("contributor", "someone else's", 403),
        ],
    )
    def test_matrix(
        self,
        request,
        django_user_model,
        someone_elses_post,
        their_post,
        who,
        which,
        status,
    ):
        user = {
            "editor": lambda: request.getfixturevalue("an_editor"),
            "author": lambda: request.getfixturevalue("an_author_user"),
            "reader": lambda: request.getfixturevalue("a_reader"),
            "contributor": lambda: request.getfixturevalue("a_contributor"),
            "guest": lambda: None,
            "staff without groups": lambda: django_user_model.objects.create_user(
                "staffer", is_staff=True
            ),
        }[who]()
        post = {
            "new": None,
            "their own": their_post,
            "someone else's": someone_elses_post,
            "their draft": lambda: request.getfixturevalue("contributor_draft"),
            "their published post": lambda: request.getfixturevalue("contributor_published"),
        }[which]
        if callable(post):
            post = post()
        response = self.send(user, post)
        assert response.status_code == status
        assert BodyImage.objects.exists() == (status == 201)

    def test_one_function_decides(self, an_author_user, someone_elses_post, their_post):
        assert may_add_body_image(an_author_user, None)
        assert may_add_body_image(an_author_user, their_post)
        assert not may_add_body_image(an_author_user, someone_elses_post)
        an_author_user.is_active = False
        assert not may_add_body_image(an_author_user, their_post)

    def test_an_author_who_loses_the_group_loses_the_right(self, an_author_user, their_post):
        an_author_user.groups.remove(Group.objects.get(name="Authors"))
        assert self.send(an_author_user, their_post).status_code == 403


@pytest.mark.django_db
class TestBodyMarkup:
    def test_each_picture_gets_srcset_sizes_size_and_lazy_loading(self, make_post, a_body_image):
        small = BodyImage.store(io.BytesIO(image_bytes(size=(640, 480))))
        post = make_post(body=body_with(a_body_image, small, caption="The quay at dawn"))
        first, second = image_attributes(post.body)
        assert first == {
            "src": a_body_image.url(960),
            "srcset": (
                f"{a_body_image.url(480)} 480w, {a_body_image.url(960)} 960w, "
                f"{a_body_image.url(1600)} 1600w"
            ),
            "sizes": BODY_IMAGE_SIZES,
            "width": "1600",
            "height": "800",
            "alt": "Picture 0",
            "fetchpriority": "high",
            "decoding": "async",
        }
        assert second == {
            "src": small.url(640),
            "srcset": f"{small.url(480)} 480w, {small.url(640)} 640w",
            "sizes": BODY_IMAGE_SIZES,
            "width": "640",
            "height": "480",
            "alt": "Picture 1",
            "loading": "lazy",
            "decoding": "async",
        }
        assert "<figcaption>The quay at dawn</figcaption></figure>" in post.body

    def test_after_a_featured_image_every_body_picture_waits(self, make_post, a_body_image):
        post = make_post(body=body_with(a_body_image), featured_image=an_image_upload())
        (picture,) = image_attributes(post.body)
        assert picture["loading"] == "lazy" and "fetchpriority" not in picture

    def test_saving_again_gives_the_same_body(self, make_post, a_body_image):
        post = make_post(body=body_with(a_body_image, caption="Dawn"))
        body = post.body
        post.save()
        assert post.body == body

    def test_the_editor_round_trip_keeps_the_markup(self, make_post, a_body_image):
        """The editor sends back src, alt, width and height only; the body is rebuilt the same."""
        post = make_post(body=body_with(a_body_image))
        stored_body = post.body
        post.body = (
            f'<p>Before the pictures.</p><figure class="figure"><img src="{a_body_image.src}" '
            f'alt="Picture 0" width="1600" height="800"></figure><p>After them.</p>'
        )
        post.save()
        assert post.body == stored_body

    def test_an_empty_caption_is_dropped(self, make_post, a_body_image):
        post = make_post(body=body_with(a_body_image, caption=" "))
        assert "figcaption" not in post.body

    def test_the_post_page_prints_it(self, client, make_post, a_body_image):
        post = make_post(body=body_with(a_body_image, caption="Dawn"))
        page = client.get(post.get_absolute_url()).content.decode()
        assert f'srcset="{a_body_image.srcset}"' in page
        assert "<figcaption>Dawn</figcaption>" in page

    def test_the_feed_readers_get_plain_src(self, client, make_post, a_body_image):
        make_post(body=body_with(a_body_image))
        feed = client.get(reverse("blog:feed-atom")).content.decode()
        assert a_body_image.url(960) in feed


class TestSanitiser:
    """The rich policy keeps exactly the responsive markup Midad writes, and plain pictures."""

    def ours(self, width=960, key="A" * 16):
        return f"/media/body/{key}/{width}.webp"

    def test_responsive_markup_is_kept(self):
        html = (
            f'<img src="{self.ours()}" srcset="{self.ours(480)} 480w, {self.ours()} 960w" '
            f'sizes="{BODY_IMAGE_SIZES}" width="960" height="640" alt="A" loading="lazy" '
            f'decoding="async" fetchpriority="high">'
        )
        assert clean_post_body(html) == html

    def test_a_plain_outside_picture_stays(self):
        html = '<img src="https://example.org/a.jpg" alt="From the old blog">'
        assert clean_post_body(html) == html

    @pytest.mark.parametrize(
        "attribute",
        [
            'srcset="https://example.org/track.gif 480w"',
            'srcset="javascript:alert(1) 480w"',
            'srcset="/media/body/AAAAAAAAAAAAAAAA/960.webp 480w, https://evil.example/x 960w"',
            'sizes="100vw"',
            'loading="later"',
            'decoding="sync"',
            'fetchpriority="low"',
            'width="100%"',
            'height="1e9"',
            'onerror="alert(1)"',
            'style="position:fixed"',
            'class="wide"',
            'data-file="12"',
            'usemap="#map"',
            'ismap=""',
        ],
    )
    def test_anything_else_on_a_picture_is_removed(self, attribute):
        cleaned = clean_post_body(f'<img src="{self.ours()}" alt="A" {attribute}>')
        assert cleaned == f'<img src="{self.ours()}" alt="A">'

    def test_a_javascript_address_is_removed(self):
        assert clean_post_body('<img src="javascript:alert(1)" alt="x">') == '<img alt="x">'

    def test_figure_and_caption_keep_no_attributes(self):
        html = '<figure class="figure" onclick="x()"><figcaption id="c">Dawn</figcaption></figure>'
        assert clean_post_body(html) == "<figure><figcaption>Dawn</figcaption></figure>"

    def test_pictures_are_never_inside_pictures_or_elsewhere(self):
        cleaned = clean_post_body(
            '<picture><source srcset="x.webp"><img src="/a.png" alt="a"></picture>'
        )
        assert cleaned == '<img src="/a.png" alt="a">'


@pytest.mark.django_db
class TestAltText:
    def test_a_picture_without_description_is_a_form_error(
        self, editor_client, an_author, a_body_image
    ):
        body = f'<p>Text</p><figure><img src="{a_body_image.src}"></figure>'
        response = editor_client.post(
            reverse("admin:blog_post_add"), post_form_data(body=body, authors=[an_author])
        )
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert list(errors) == ["body"]
        assert "no description (alt text)" in errors["body"][0]
        assert not Post.objects.exists()

    def test_two_without_and_a_blank_one_are_counted(self, editor_client, an_author):
        body = '<img src="/a.png"><img src="/b.png" alt="  "><img src="/c.png" alt="Fine">'
        response = editor_client.post(
            reverse("admin:blog_post_add"), post_form_data(body=body, authors=[an_author])
        )
        assert (
            "2 pictures in the body have no description"
            in response.context["adminform"].form.errors["body"][0]
        )
        editor_client.cookies["django_language"] = "ar"
        response = editor_client.post(
            reverse("admin:blog_post_add"), post_form_data(body=body, authors=[an_author])
        )
        assert "في المتن صورتان بلا وصف" in response.context["adminform"].form.errors["body"][0]

    def test_described_pictures_are_saved(self, editor_client, an_author, a_body_image):
        body = f'<figure><img src="{a_body_image.src}" alt="The quay"></figure>'
        response = editor_client.post(
            reverse("admin:blog_post_add"), post_form_data(body=body, authors=[an_author])
        )
        assert response.status_code == 302
        post = Post.objects.get()
        assert list(post.body_images.all()) == [a_body_image]
        assert 'alt="The quay"' in post.body

    def test_the_editor_knows_where_to_send_pictures(self, editor_client, a_post):
        page = editor_client.get(reverse("admin:blog_post_change", args=[a_post.pk]))
        html = page.content.decode()
        assert f'data-image-upload-url="{UPLOAD_URL}"' in html
        assert f'data-post="{a_post.pk}"' in html


@pytest.mark.django_db
class TestFilesFollowTheirPosts:
    def files_exist(self, image):
        return [default_storage.exists(path) for path in rendition_paths(image)]

    def test_a_picture_taken_out_of_the_body_is_deleted(
        self, make_post, a_body_image, django_capture_on_commit_callbacks
    ):
        post = make_post(body=body_with(a_body_image))
        with django_capture_on_commit_callbacks(execute=True):
            post.body = "<p>No picture any more.</p>"
            post.save()
        assert self.files_exist(a_body_image) == [False, False, False]
        assert not BodyImage.objects.exists()
        assert not default_storage.exists(f"body/{a_body_image.key}")

    def test_replacing_a_picture_deletes_the_old_one_only(
        self, make_post, a_body_image, django_capture_on_commit_callbacks
    ):
        post = make_post(body=body_with(a_body_image))
        newer = BodyImage.store(io.BytesIO(image_bytes(size=(700, 400))))
        with django_capture_on_commit_callbacks(execute=True):
            post.body = body_with(newer)
            post.save()
        assert list(BodyImage.objects.all()) == [newer]
        assert self.files_exist(newer) == [True, True]
        assert not any(self.files_exist(a_body_image))

    def test_nothing_is_deleted_before_the_commit(
        self, make_post, a_body_image, django_capture_on_commit_callbacks
    ):
        post = make_post(body=body_with(a_body_image))
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            post.body = "<p>Gone.</p>"
            post.save()
        assert all(self.files_exist(a_body_image))
        for callback in callbacks:
            callback()
        assert not any(self.files_exist(a_body_image))

    def test_a_picture_another_post_shows_is_kept(
        self, make_post, a_body_image, django_capture_on_commit_callbacks
    ):
        first = make_post("First", body=body_with(a_body_image))
        make_post("Second", body=body_with(a_body_image))
        with django_capture_on_commit_callbacks(execute=True):
            first.body = "<p>Gone from here.</p>"
            first.save()
        assert all(self.files_exist(a_body_image))
        assert list(a_body_image.posts.all()) == [Post.objects.get(title="Second")]

    def test_deleting_the_post_deletes_its_pictures(
        self, make_post, a_body_image, django_capture_on_commit_callbacks
    ):
        post = make_post(body=body_with(a_body_image))
        with django_capture_on_commit_callbacks(execute=True):
            post.delete()
        assert not any(self.files_exist(a_body_image))
        assert not BodyImage.objects.exists()

    def test_a_fresh_upload_not_yet_in_a_post_is_kept(
        self, make_post, a_body_image, django_capture_on_commit_callbacks
    ):
        """The editor may still be open with it: only pictures a post dropped are candidates."""
        post = make_post()
        with django_capture_on_commit_callbacks(execute=True):
            post.body = "<p>Another edit.</p>"
            post.save()
            post.delete()
        assert all(self.files_exist(a_body_image))


@pytest.mark.django_db
class TestFeaturedImage:
    def test_the_post_page_offers_every_width(self, client, make_post):
        post = make_post(
            featured_image=an_image_upload(size=(2400, 1200)), featured_image_alt="Quay"
        )
        page = client.get(post.get_absolute_url()).content.decode()
        (tag,) = re.findall(r'<img src="[^"]*"[^>]*alt="Quay"[^>]*>', page)
        assert f'src="{post.featured_medium.url}"' in tag
        assert (
            f'srcset="{post.featured_small.url} 480w, {post.featured_medium.url} 960w, '
            f'{post.featured_large.url} 1200w"'
        ) in tag
        assert f'sizes="{BODY_IMAGE_SIZES}" width="1200" height="600"' in tag
        assert 'fetchpriority="high"' in tag and "loading" not in tag

    def test_a_small_featured_image_is_listed_once(self, make_post):
        post = make_post(featured_image=an_image_upload(size=(400, 300)))
        assert post.featured_srcset == f"{post.featured_small.url} 400w"
        assert (post.featured_width, post.featured_height) == (400, 300)

    def test_cards_offer_the_thumbnail_at_two_widths(self, client, make_post):
        post = make_post(featured_image=an_image_upload(size=(1600, 1000)))
        home = client.get("/").content.decode()
        assert (
            f'srcset="{post.featured_thumb.url} 320w, {post.featured_thumb_wide.url} 640w" '
            f'sizes="{post.thumb_sizes}"'
        ) in home
        assert stored_size(post.featured_thumb_wide.name) == ("WEBP", (640, 400))

    def test_the_stored_original_has_no_metadata(self, make_post):
        post = make_post(featured_image=upload("phone.jpg", photo_with_gps(), "image/jpeg"))
        assert not has_metadata(stored(post.featured_image.name))
        for name in Post.renditions:
            assert not has_metadata(stored(getattr(post, name).name))


@pytest.mark.django_db
def test_old_uploads_no_post_shows_are_pruned(make_post, time_machine):
    from django.core.management import call_command

    time_machine.move_to(timezone.now() - datetime.timedelta(days=3))
    abandoned = BodyImage.store(io.BytesIO(image_bytes(size=(500, 300))))
    shown = BodyImage.store(io.BytesIO(image_bytes(size=(500, 300))))
    make_post(body=body_with(shown))
    time_machine.move_to(timezone.now() + datetime.timedelta(days=3))
    fresh = BodyImage.store(io.BytesIO(image_bytes(size=(500, 300))))
    output = io.StringIO()
    call_command("prune_body_images", stdout=output)
    assert set(BodyImage.objects.all()) == {shown, fresh}
    assert not default_storage.exists(f"body/{abandoned.key}/500.webp")
    assert output.getvalue().startswith("Deleted 1 unused pictures")


@pytest.mark.django_db
class TestPages:
    """Pages use the same editor: pictures, descriptions, files that follow the page."""

    def page_data(self, body):
        return {
            "title": "Contact",
            "slug": "",
            "language": "fr",
            "body": body,
            "excerpt": "",
            "status": Post.Status.PUBLISHED,
            "menu_order": "1",
            "comment_policy": Post.CommentPolicy.CLOSED,
            "comment_moderation": Post.CommentModeration.INHERIT,
            "featured_image_alt": "",
        }

    def test_a_page_takes_described_pictures_only(self, editor_client, a_body_image):
        from blog.models import Page

        add = reverse("admin:blog_page_add")
        assert f'data-image-upload-url="{UPLOAD_URL}"' in editor_client.get(add).content.decode()
        bare = f'<figure><img src="{a_body_image.src}"></figure>'
        response = editor_client.post(add, self.page_data(bare))
        assert list(response.context["adminform"].form.errors) == ["body"]
        described = f'<figure><img src="{a_body_image.src}" alt="Our office"></figure>'
        assert editor_client.post(add, self.page_data(described)).status_code == 302
        page = Page.objects.get()
        assert list(page.body_images.all()) == [a_body_image]
        assert f'srcset="{a_body_image.srcset}"' in page.body

    def test_an_editor_uploads_for_a_page(self, editor_client):
        from blog.models import Page

        page = Page.objects.create(title="About", language="en", body="<p>Us.</p>")
        response = editor_client.post(UPLOAD_URL, {"image": an_image_upload(), "post": page.pk})
        assert response.status_code == 201

    def test_deleting_a_page_deletes_its_pictures(
        self, a_body_image, django_capture_on_commit_callbacks
    ):
        from blog.models import Page

        page = Page.objects.create(title="About", language="en", body=body_with(a_body_image))
        with django_capture_on_commit_callbacks(execute=True):
            page.delete()
        assert not BodyImage.objects.exists()
