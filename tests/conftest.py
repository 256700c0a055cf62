"""Shared fixtures: noun-named objects (`a_post`, `an_author`) and small factories."""

import io
import os

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from PIL import Image

# Tests read static files from the source folders, without collectstatic's manifest.
os.environ.setdefault("STATIC_MANIFEST", "0")

# CI sets this: a skipped test there (no browser, no gettext…) is a test that did not run, so
# the run fails instead of going quietly green.
NO_SKIPS = os.environ.get("MIDAD_NO_SKIPS", "") == "1"
_skipped = []


def pytest_collectreport(report):
    if report.skipped:
        _skipped.append(report.nodeid or str(report.fspath))


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if NO_SKIPS and _skipped and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    if NO_SKIPS and _skipped:
        terminalreporter.write_line(
            f"MIDAD_NO_SKIPS: {len(_skipped)} skipped, which fails this run: "
            + ", ".join(sorted(set(_skipped))),
            red=True,
        )


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory):
    """The suite's own cache folder: a site served from this checkout, or a second run of the
    suite beside this one, must not share (or clear) its rate-limit counters and cached
    settings rows."""
    default = django_settings.CACHES["default"]
    if not default["BACKEND"].endswith("SharedDiskCache"):
        yield
        return
    folder = {**default, "LOCATION": str(tmp_path_factory.mktemp("cache"))}
    with override_settings(CACHES={**django_settings.CACHES, "default": folder}):
        yield


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Every test starts with an empty cache and its own media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    # Fixture users are made in every other test; the slow production hasher adds nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def english(client):
    """The test client reads the site in English, whatever the blog's own language is."""
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def image_bytes(size=(800, 500), color=(30, 95, 139), image_format="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=image_format)
    return buffer.getvalue()


def an_image_upload(name="picture.png", **kwargs):
    """An in-memory PNG (or other format) as an upload."""
    return SimpleUploadedFile(name, image_bytes(**kwargs), content_type="image/png")


@pytest.fixture
def make_author(db):
    from blog.models import Author

    def make(display_name="Salima Benali", **fields):
        return Author.objects.create(display_name=display_name, **fields)

    return make


@pytest.fixture
def an_author(make_author):
    return make_author()


@pytest.fixture
def make_post(db, an_author):
    """make_post(title=…, status=…, publish_at=…, authors=[…], labels=[…], **fields)."""
    from blog.models import Byline, Post

    def make(title="A day in Tlemcen", *, authors=None, labels=(), **fields):
        fields.setdefault("status", Post.Status.PUBLISHED)
        fields.setdefault("publish_at", timezone.now() - timezone.timedelta(hours=1))
        fields.setdefault("language", "en")
        fields.setdefault("body", f"<p>{title}: a body with enough words to read.</p>")
        post = Post.objects.create(title=title, **fields)
        for order, author in enumerate(authors if authors is not None else [an_author]):
            Byline.objects.create(post=post, author=author, order=order)
        if labels:
            post.labels.add(*labels)
        return post

    return make


@pytest.fixture
def a_post(make_post):
    return make_post()


@pytest.fixture
def an_editor(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        "editor", "editor@example.org", "editor-pass-123", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def an_author_user(django_user_model):
    """A staff user in the Authors group, with a byline profile of their own."""
    from django.contrib.auth.models import Group

    from blog.models import Author

    user = django_user_model.objects.create_user(
        "karim", "karim@example.org", "author-pass-123", is_staff=True, first_name="Karim"
    )
    user.groups.add(Group.objects.get(name="Authors"))
    Author.objects.create(user=user, display_name="Karim Haddad")
    return user


@pytest.fixture
def a_contributor(django_user_model):
    """A staff user in the Contributors group, with a byline profile of their own."""
    from django.contrib.auth.models import Group

    from blog.models import Author

    user = django_user_model.objects.create_user(
        "rania", "rania@example.org", "contributor-pass-123", is_staff=True, first_name="Rania"
    )
    user.groups.add(Group.objects.get(name="Contributors"))
    Author.objects.create(user=user, display_name="Rania Touati")
    return user


@pytest.fixture
def a_reader(django_user_model):
    """A signed-up reader: no staff access, no byline."""
    return django_user_model.objects.create_user(
        "amina", "amina@example.org", "reader-pass-123", first_name="Amina", last_name="Saidi"
    )


@pytest.fixture
def make_comment(db, a_post):
    """make_comment(body, post=…, reply_to=…, user=… | guest_name=…, guest_token=…).

    Without `user`, the comment is a guest's, owned by the browser holding `guest_token`.
    """
    from comments import services

    def make(body="A thoughtful comment.", *, post=None, **fields):
        if fields.get("user") is None:
            fields.pop("user", None)
            fields.setdefault("guest_name", "Salima")
            fields.setdefault("guest_token", "salima-browser")
        reply_to = fields.get("reply_to")
        return services.post_comment(
            post or (reply_to.post if reply_to else a_post), body, **fields
        )

    return make


@pytest.fixture
def as_guest():
    """as_guest(client, token): the client holds the cookie of the guest who commented with
    `token`, as that guest's browser does."""
    from django.core import signing

    from comments.viewer import OWNER_COOKIE, OWNER_SALT

    def give(client, token):
        signer = signing.get_cookie_signer(salt=OWNER_COOKIE + OWNER_SALT)
        client.cookies[OWNER_COOKIE] = signer.sign(token)
        return client

    return give
