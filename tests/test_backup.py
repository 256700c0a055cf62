"""`make backup` / `make restore`: a round trip gives back the same rows, bodies and media."""

import pytest
from django.core.management import CommandError, call_command

from blog.backups import BackupError, backup, read_manifest, restore, row_counts
from blog.models import Author, Post
from comments.models import Comment
from tests.conftest import an_image_upload

pytestmark = pytest.mark.django_db(transaction=True)


def contents():
    """What the round trip must give back: every table's count and every body."""
    return {
        "rows": row_counts(),
        "posts": list(Post.objects.order_by("pk").values_list("pk", "title", "body", "status")),
        "comments": list(Comment.objects.order_by("pk").values_list("pk", "body", "status")),
    }


@pytest.fixture
def a_blog(make_post, make_comment, settings):
    author = Author.objects.create(display_name="Nadia", avatar=an_image_upload("nadia.png"))
    post = make_post("سلام على المدينة", authors=[author])
    make_post("Un jour à Béjaïa")
    first = make_comment("تعليق أول", post=post)
    make_comment("A reply.", post=post, reply_to=first)
    return author


def test_a_round_trip_gives_back_counts_bodies_and_media(a_blog, tmp_path, settings):
    before = contents()
    avatar = settings.MEDIA_ROOT / a_blog.avatar.name
    rendition = settings.MEDIA_ROOT / a_blog.avatar_small.name
    pictures = avatar.read_bytes(), rendition.read_bytes()
    folder = backup(tmp_path / "backup")
    assert read_manifest(folder)["rows"] == before["rows"]

    # Everything changes after the backup: rows edited, deleted and added, files removed.
    Post.objects.update(body="<p>Overwritten</p>")
    Comment.objects.all().delete()
    Post.objects.create(title="Written after the backup", body="<p>New</p>")
    avatar.unlink()
    (settings.MEDIA_ROOT / "stray.txt").write_text("added later")

    restore(folder)
    assert contents() == before
    assert (avatar.read_bytes(), rendition.read_bytes()) == pictures
    assert not (settings.MEDIA_ROOT / "stray.txt").exists()


def test_the_commands_do_the_same(a_blog, tmp_path, capsys):
    before = contents()
    call_command("backup", "--output", str(tmp_path / "b"))
    assert capsys.readouterr().out.strip() == str(tmp_path / "b")
    Comment.objects.all().delete()
    call_command("restore", str(tmp_path / "b"), "--yes")
    assert contents() == before


def test_restoring_something_that_is_not_a_backup_is_refused(tmp_path, db):
    (tmp_path / "empty").mkdir()
    with pytest.raises(CommandError, match="not a backup"):
        call_command("restore", str(tmp_path / "empty"), "--yes")


def test_a_backup_of_another_engine_is_refused(a_blog, tmp_path):
    import json

    folder = backup(tmp_path / "b")
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["engine"] = "oracle"
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(BackupError, match="oracle"):
        restore(folder)


def test_an_existing_output_folder_is_never_overwritten(tmp_path, db):
    (tmp_path / "b").mkdir()
    with pytest.raises(CommandError):
        call_command("backup", "--output", str(tmp_path / "b"))
