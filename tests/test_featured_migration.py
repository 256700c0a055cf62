"""Posts saved before srcset: the migration gives their featured image the smaller renditions."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image

from tests.conftest import image_bytes

BEFORE = [("blog", "0006_review")]
AFTER = [("blog", "0007_body_images")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_older_posts_get_the_small_renditions():
    old_apps = migrate(BEFORE)
    try:
        OldPost = old_apps.get_model("blog", "Post")
        original = default_storage.save(
            "posts/2026/01/quay.png", ContentFile(image_bytes((1800, 900)))
        )
        large = default_storage.save(
            "posts/renditions/quay-w1200.webp",
            ContentFile(image_bytes((1200, 600), image_format="WEBP")),
        )
        with_image = OldPost.objects.create(
            title="Old", slug="old", featured_image=original, featured_large=large
        )
        OldPost.objects.create(title="Plain", slug="plain")
        OldPost.objects.create(title="Lost", slug="lost", featured_image="posts/gone.png")
        new_apps = migrate(AFTER)
        Post = new_apps.get_model("blog", "Post")
        post = Post.objects.get(pk=with_image.pk)
        assert (post.featured_width, post.featured_height) == (1200, 600)
        sizes = {}
        for name in ("featured_small", "featured_medium", "featured_thumb_wide"):
            with Image.open(io.BytesIO(default_storage.open(getattr(post, name).name).read())) as i:
                sizes[name] = i.size
        assert sizes == {
            "featured_small": (480, 240),
            "featured_medium": (960, 480),
            "featured_thumb_wide": (640, 400),
        }
        assert not Post.objects.get(slug="lost").featured_small
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
