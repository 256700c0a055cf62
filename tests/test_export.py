"""export_blog writes WXR that our importer reads back: export, import into an empty database,
export again, and the two files describe the same posts, labels, authors and comment trees."""

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from blog.models import Author, Label, Post
from comments.models import Comment
from tests.conftest import an_image_upload

FIXTURES = Path(__file__).parent / "fixtures" / "transfer"
NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
pytestmark = pytest.mark.django_db


def quiet(*args):
    call_command(*args, stdout=io.StringIO(), stderr=io.StringIO())


def describe(path):
    """What a WXR file says, without the ids a database gives: authors, labels, and each post
    (by type and slug) with its fields and its comment tree drawn as (who, text, status, date,
    answered comment's text)."""
    channel = ET.parse(path).getroot().find("channel")

    def get(element, name):
        return (element.findtext(name, "", NS) or "").strip()

    authors = sorted(
        (get(a, "wp:author_login"), get(a, "wp:author_display_name"), get(a, "wp:author_email"))
        for a in channel.findall("wp:author", NS)
    )
    labels = sorted(get(tag, "wp:tag_name") for tag in channel.findall("wp:tag", NS))
    posts = {}
    for item in channel.findall("item"):
        comments = {get(c, "wp:comment_id"): c for c in item.findall("wp:comment", NS)}

        def node(c):
            return (
                get(c, "wp:comment_author"),
                get(c, "wp:comment_content"),
                get(c, "wp:comment_approved"),
                get(c, "wp:comment_date_gmt"),
            )

        def answered(c, comments=comments):
            parent = comments.get(get(c, "wp:comment_parent"))
            return node(parent)[1:2] if parent is not None else ()

        tree = sorted((*node(c), answered(c)) for c in comments.values())
        meta = {
            get(m, "wp:meta_key"): get(m, "wp:meta_value") for m in item.findall("wp:postmeta", NS)
        }
        posts[(get(item, "wp:post_type"), get(item, "wp:post_name"))] = {
            "title": get(item, "title"),
            "status": get(item, "wp:status"),
            "date": get(item, "wp:post_date_gmt"),
            "author": get(item, "dc:creator"),
            "body": re.sub(r">\s+<", "><", get(item, "content:encoded")),
            "excerpt": get(item, "excerpt:encoded"),
            "labels": sorted((c.text or "").strip() for c in item.findall("category")),
            "meta": meta,
            "comments": tree,
        }
    return {"authors": authors, "labels": labels, "posts": posts}


def empty_the_blog():
    Post.objects.all().delete()
    Label.objects.all().delete()
    Author.objects.all().delete()
    get_user_model().objects.all().delete()


def test_round_trip(tmp_path):
    quiet("import_blogger", str(FIXTURES / "blogger_classic.xml"), "--no-progress")
    quiet("import_blogger", str(FIXTURES / "blogger_takeout.atom"), "--no-progress")
    quiet("import_wordpress", str(FIXTURES / "wordpress.xml"), "--no-progress")
    first, second = tmp_path / "first.xml", tmp_path / "second.xml"
    quiet("export_blog", str(first))
    posts, comments = Post.objects.count(), Comment.objects.count()

    empty_the_blog()
    quiet("import_wordpress", str(first), "--no-progress")
    assert (Post.objects.count(), Comment.objects.count()) == (posts, comments)
    quiet("export_blog", str(second))

    before, after = describe(first), describe(second)
    assert after == before
    assert len(before["posts"]) == posts
    garden = before["posts"][
        ("post", "%d8%ad%d8%af%d9%8a%d9%82%d8%a9-%d8%a7%d9%84%d9%83%d9%84%d9%85%d8%a7%d8%aa")
    ]
    assert garden["labels"] == ["Poésie", "شعر"]
    assert (
        "Fatima",
        "وأنا أيضاً.",
        "1",
        "2013-05-14 14:00:00",
        ("شكراً يا يوسف، المقعد ما زال هناك.",),
    ) in garden["comments"]
    assert {c[2] for c in garden["comments"]} == {"1", "0", "spam", "trash"}
    statuses = {post["status"] for post in before["posts"].values()}
    assert statuses == {"publish", "draft", "future"}


def test_several_bylines_and_media(tmp_path, make_post, make_author, settings):
    second = make_author("Karim Haddad")
    post = make_post("Deux plumes", featured_image=an_image_upload("plume.png"))
    post.bylines.create(author=second, order=1)
    out, media = tmp_path / "out.xml", tmp_path / "copied"
    quiet("export_blog", str(out), "--media", str(media))
    assert (media / post.featured_image.name).is_file()
    text = out.read_text()
    attachment = f"<wp:attachment_url><![CDATA[{settings.SITE_URL}{post.featured_image.url}"
    assert attachment in text
    assert f"<wp:meta_value><![CDATA[{1_000_000_000 + post.pk}]]>" in text
    empty_the_blog()
    quiet("import_wordpress", str(out), "--no-progress")
    again = Post.objects.get(title="Deux plumes")
    assert [a.display_name for a in again.byline_authors] == ["Salima Benali", "Karim Haddad"]


def test_export_is_valid_wxr_for_wordpress(tmp_path, a_post, make_comment):
    make_comment("Un commentaire ]]> piégé & <b>gras</b>")
    out = tmp_path / "out.xml"
    quiet("export_blog", str(out))
    root = ET.parse(out).getroot()
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("wp:wxr_version", None, NS) == "1.2"
    item = channel.find("item")
    assert item.findtext("wp:post_type", None, NS) == "post"
    comment = item.find("wp:comment", NS)
    assert (
        comment.findtext("wp:comment_content", None, NS) == "Un commentaire ]]> piégé & <b>gras</b>"
    )
