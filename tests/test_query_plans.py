"""Every list a reader can page through is answered from an index in list order, on a generated
blog: the plan names the index, sorts nothing (SQLite: no temporary B-tree for ORDER BY;
PostgreSQL: no Sort) and scans no big table. What makes pages flat at 100,000 posts."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count

from blog import search
from blog.models import Author, Byline, Label, LabelledPost, Page, Post
from blog.related import related_candidates
from comments.models import Comment

BIG_TABLES = ("blog_post", "blog_labelledpost", "blog_byline", "comments_comment")


@pytest.fixture(scope="module")
def generated_blog(django_db_setup, django_db_blocker):
    """A small generated blog, written once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_bench", "--posts", "400", "--comments", "3000", stdout=io.StringIO())
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        yield
        transaction.set_rollback(True)


def plan(queryset):
    """The database's plan for a queryset, as text (SQLite: the detail lines)."""
    if connection.vendor == "postgresql":
        # A few hundred rows fit in a page or two, where reading the table and sorting is always
        # cheapest; making those dearer shows which index path the planner has for the query
        # (a Sort that remains means no index gives the order).
        switches = ("enable_seqscan", "enable_bitmapscan", "enable_sort")
        with connection.cursor() as cursor:
            for switch in switches:
                cursor.execute(f"SET {switch} = off")
        try:
            return queryset.explain()
        finally:
            with connection.cursor() as cursor:
                for switch in switches:
                    cursor.execute(f"RESET {switch}")
    return queryset.explain()


def plan_with_bitmaps(queryset):
    """PostgreSQL reads a GIN index through a bitmap: the plan with only bitmaps allowed."""
    switches = ("enable_seqscan", "enable_indexscan")
    with connection.cursor() as cursor:
        for switch in switches:
            cursor.execute(f"SET {switch} = off")
    try:
        return queryset.explain()
    finally:
        with connection.cursor() as cursor:
            for switch in switches:
                cursor.execute(f"RESET {switch}")


def assert_served_by(queryset, index, ordered=True):
    """`index`: the index's name, or a tuple of names any of which will do."""
    text = plan(queryset)
    indexes = index if isinstance(index, tuple) else (index,)
    if connection.vendor == "postgresql":
        for table in BIG_TABLES:
            assert not re.search(rf"Seq Scan on {table}\b", text), text
        if ordered:
            # The index gives the order; an incremental sort only breaks ties by id.
            assert any(name in text for name in indexes), text
            assert not re.search(r"(^|->)\s*Sort\s+\(", text, re.M), text
        return
    assert any(name in text for name in indexes), text
    big_table_scan = r"SCAN (blog_post|blog_labelledpost|blog_byline|comments_comment)\b"
    assert not re.search(big_table_scan + "(?! USING COVERING)", text), text
    if ordered:
        assert "TEMP B-TREE" not in text, text


def a_busy_label():
    return Label.objects.annotate(n=Count("labelled_posts")).order_by("-n").first()


def a_busy_author():
    return Author.objects.annotate(n=Count("bylines")).order_by("-n").first()


@pytest.mark.django_db
class TestListsReadTheirIndex:
    @pytest.fixture(autouse=True)
    def _blog(self, generated_blog):
        pass

    def test_home_and_a_far_page(self):
        assert_served_by(Post.objects.published().listing()[:10], "post_listing_idx")
        assert_served_by(Post.objects.published().listing()[300:310], "post_listing_idx")

    def test_counting_published_posts(self):
        assert_served_by(Post.objects.published().order_by(), "post_listing_idx", ordered=False)

    def test_year_and_month_archives(self):
        year = Post.objects.published().latest().publish_at.year
        assert_served_by(Post.objects.published().in_year(year).listing()[:10], "post_listing_idx")
        assert_served_by(
            Post.objects.published().in_month(year, 1).listing()[:10], "post_listing_idx"
        )

    def test_a_label_its_count_and_its_feed(self):
        listing = LabelledPost.objects.filter(tag=a_busy_label()).listing("content_object")
        assert_served_by(listing[:10], "label_listing_idx")
        assert_served_by(listing[50:60], "label_listing_idx")
        assert_served_by(listing.order_by(), "label_listing_idx", ordered=False)

    def test_an_author_and_their_count(self):
        listing = Byline.objects.filter(author=a_busy_author()).listing("post")
        assert_served_by(listing[:10], "byline_listing_idx")
        assert_served_by(listing.order_by(), "byline_listing_idx", ordered=False)

    def test_the_labels_widget_counts_on_the_label_index(self):
        counts = LabelledPost.objects.listed().order_by().values("tag").annotate(n=Count("*"))
        assert_served_by(counts, "label_listing_idx", ordered=False)

    def test_the_archive_widget_counts_months_on_the_date_index(self):
        month = Post.objects.published().in_month(2024, 5).order_by()
        assert_served_by(month, "post_listing_idx", ordered=False)
        if connection.vendor == "sqlite":
            # The month's own two ends bound the walk, not `publish_at <= now`.
            assert "(publish_at>? AND publish_at<?)" in plan(month), plan(month)

    def test_the_archive_widget_reads_the_first_and_last_dates_from_the_index_ends(self):
        published = Post.objects.published()
        for end in (published.order_by("publish_at"), published.order_by("-publish_at")):
            assert_served_by(end.values("publish_at")[:1], "post_listing_idx")

    def test_the_site_menu_and_the_pages_sitemap_read_the_pages_index(self):
        # A partial index of the pages alone: reading all of it reads no post.
        for pages in (Page.objects.in_menu(), Page.objects.published()):
            text = plan(pages)
            assert "page_menu_idx" in text, text
            assert not re.search(r"Seq Scan on blog_post\b|TEMP B-TREE|(->|^)\s*Sort\s", text), text

    def test_related_posts_weigh_the_newest_posts_of_each_label(self):
        post = Post.objects.published().annotate(n=Count("labels")).filter(n__gte=2).first()
        label_ids = [label.pk for label in post.labels.all()]
        candidates = related_candidates(post, label_ids)
        assert_served_by(candidates, "label_listing_idx", ordered=False)

    def test_the_previous_and_next_posts_start_the_scan_at_the_post(self):
        post = Post.objects.published().order_by("-publish_at", "-id")[200]
        published = Post.objects.published()
        for side in (published.older_than(post), published.newer_than(post)):
            nearest = side.values("pk")[:1]
            assert_served_by(nearest, "post_listing_idx")
            if connection.vendor == "postgresql":
                # Both ends of the scan are index conditions: not only "published by now",
                # which starts the scan at the newest post and filters down to this one.
                text = plan(nearest)
                condition = re.search(r"Index Cond: (.*)", text).group(1)
                at_the_post = post.publish_at.astimezone(datetime.UTC)
                assert re.search(at_the_post.strftime("publish_at [<>]= '%F %T"), condition), text
            else:
                # The same with the values bound as parameters, as Django sends them: SQLite
                # cannot tell which of two upper bounds is lower and takes the first one.
                assert "(publish_at>? AND publish_at<?)" in plan(nearest), plan(nearest)

    def test_a_posts_comment_feed_reads_its_own_comments(self):
        post = Comment.objects.values_list("post", flat=True).first()
        comments = Comment.objects.approved().filter(post=post).order_by("-created_at", "-id")
        assert_served_by(comments[:30], "comment_feed_idx")

    def test_the_blogs_comment_feed_walks_the_newest_comments(self):
        comments = Comment.objects.approved().of_published_posts().order_by("-created_at", "-id")
        # PostgreSQL may as well walk the date index and check each comment's status.
        assert_served_by(comments[:30], ("comment_queue_idx", "comments_comment_created_at"))
        if connection.vendor == "sqlite":
            assert "LIST SUBQUERY" not in plan(comments[:30])

    def test_search_uses_the_text_index(self):
        Post.objects.create(title="Zanzibar notes", status=Post.Status.PUBLISHED)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE blog_searchentry")
            for listing in (search.ranked_listing, lambda q: Post.objects.search(q).listing()):
                text = plan_with_bitmaps(listing("zanzibar")[:10])
                assert "Bitmap Index Scan on blog_searchentry_document" in text, text
        else:
            for listing in (search.ranked_listing, lambda q: Post.objects.search(q).listing()):
                text = plan(listing("zanzibar")[:10])
                assert "VIRTUAL TABLE INDEX" in text and "blog_post_fts" in text, text
        assert [post.title for post in Post.objects.search("zanzibar")] == ["Zanzibar notes"]

    def test_search_ranks_on_the_search_entries_alone(self):
        """A page of results reads no post: ranked on blog_searchentry, with no lookup of its
        own rows per match (thousands of matches on a big blog)."""
        text = plan(search.ranked_listing("zanzibar OR notes word")[:10])
        assert "blog_post " not in text.replace("blog_post_fts", ""), text
        if connection.vendor == "sqlite":
            assert "CORRELATED" not in text, text

    def test_the_generated_blog_is_big_enough_to_mean_something(self):
        assert Post.objects.published().count() > 300
        assert Comment.objects.count() == 3000
        assert (
            Post.objects.published()
            .filter(
                publish_at__lt=Post.objects.published().latest().publish_at
                - datetime.timedelta(days=365)
            )
            .exists()
        )
