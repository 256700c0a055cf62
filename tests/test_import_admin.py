"""The admin's Import page: only superusers and editors may import; the upload is imported by
the tasks worker outside the request, and the page shows its progress, then its summary."""

from pathlib import Path
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from blog.models import Post
from transfer.models import ImportJob

FIXTURES = Path(__file__).parent / "fixtures" / "transfer"
ADD = reverse("admin:transfer_importjob_add")
pytestmark = pytest.mark.django_db


@pytest.fixture
def a_superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.org", "root-pass-1")


@pytest.fixture(autouse=True)
def in_english(client):
    """The admin in English here; the French test below switches."""
    client.cookies["django_language"] = "en"


def upload(name, source="blogger"):
    content = (FIXTURES / name).read_bytes()
    return {"source": source, "file": SimpleUploadedFile(name, content, "application/xml")}


def work():
    """What the worker that `make run` starts does: run every waiting task, then stop. Between
    tasks the real worker closes stale database connections; here the connection holds the
    test's transaction, so it stays open."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("a_reader", 302), ("an_author_user", 403), ("an_editor", 200),
     ("a_superuser", 200)],
)  # fmt: skip
def test_who_may_open_the_import_page(client, request, who, status):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get(ADD).status_code == status
    assert client.post(ADD, upload("blogger_classic.xml")).status_code == (
        302 if status == 200 else status
    )
    assert ImportJob.objects.exists() == (status == 200)


def test_an_editor_imports_a_blog_outside_the_request(
    client, an_editor, django_capture_on_commit_callbacks
):
    client.force_login(an_editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD, upload("blogger_classic.xml"))
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("admin:transfer_importjob_change", args=[job.pk])
    # Nothing is imported by the request itself: the worker does it.
    assert job.status == ImportJob.Status.QUEUED and not Post.objects.exists()
    page = client.get(response["Location"])
    assert "Waiting for the worker" in page.text
    assert '<meta http-equiv="refresh"' in page.text

    work()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert (job.done, job.total) == (8, 8)
    assert (Post.objects.posts().count(), Post.objects.pages().count()) == (4, 1)
    assert not job.file  # the uploaded file is not kept
    page = client.get(response["Location"])
    assert "All 8 entries read." in page.text
    assert '<meta http-equiv="refresh"' not in page.text
    assert '<th scope="row">Posts</th><td>4</td><td>0</td><td>3</td><td>0</td>' in page.text
    assert "Blogger settings entry (not content)" in page.text


def test_a_hostile_upload_fails_with_its_reason(
    client, an_editor, django_capture_on_commit_callbacks
):
    client.force_login(an_editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ADD, upload("hostile_external_entity.xml", "wordpress"))
    work()
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert job.error.startswith("Refused: the file declares a document type")
    page = client.get(reverse("admin:transfer_importjob_change", args=[job.pk]))
    assert "Nothing was imported:" in page.text
    assert not Post.objects.exists()


def test_the_summary_speaks_the_editors_language(
    client, an_editor, django_capture_on_commit_callbacks
):
    client.force_login(an_editor)
    client.cookies["django_language"] = "fr"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ADD, upload("wordpress_wxr11.xml", "wordpress"))
    work()
    job = ImportJob.objects.get()
    assert job.language == "fr"
    page = client.get(reverse("admin:transfer_importjob_change", args=[job.pk]))
    assert "Articles" in page.text


def test_only_export_files_are_accepted(client, an_editor):
    client.force_login(an_editor)
    data = {"source": "blogger", "file": SimpleUploadedFile("photo.jpg", b"\xff\xd8", "image/jpeg")}
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert "Choose an .xml or .atom export file." in response.text
    assert not ImportJob.objects.exists()
