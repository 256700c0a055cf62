"""Writes that touch several posts at once, shared by the admin and management commands."""

import datetime
from collections import Counter

from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import Post, PostDailyViews, PostViewTotal, view_window_start
from .widgets import forget_sidebar_widgets


@transaction.atomic
def publish_now(posts):
    """Publish the given posts (or pages) now; those readers can already see keep their date."""
    now = timezone.now()
    waiting = list(
        posts.exclude(pk__in=Post.objects.visible().values("pk")).values_list("pk", flat=True)
    )
    count = Post.objects.filter(pk__in=waiting).update(
        status=Post.Status.PUBLISHED, publish_at=now, updated_at=now
    )
    # Labels, bylines and search entries list them from now on.
    Post.objects.filter(pk__in=waiting).sync_listing()
    transaction.on_commit(forget_sidebar_widgets)
    return count


@transaction.atomic
def unpublish(posts):
    """Take the given posts back to draft; their text and dates are kept."""
    taken = list(posts.exclude(status=Post.Status.DRAFT).values_list("pk", flat=True))
    count = Post.objects.filter(pk__in=taken).update(
        status=Post.Status.DRAFT, updated_at=timezone.now()
    )
    Post.objects.filter(pk__in=taken).sync_listing()
    transaction.on_commit(forget_sidebar_widgets)
    return count


def request_review(post, by):
    """`post` now waits for review: e-mail the editors once the transaction commits (the admin
    saves the bylines after the post, and a rolled-back save must announce nothing)."""
    from .notifications import announce_review_request

    transaction.on_commit(lambda: announce_review_request(post.pk, by.pk))


def _add_views(model, views, **row):
    """Add `views` to one counter row, creating it on first use, without reading it first.

    UPDATE … SET views = views + n is atomic in the database. When no row exists yet, concurrent
    first hits race to INSERT: the losers hit the unique constraint inside a savepoint and
    UPDATE the winner's row instead.
    """
    if model.objects.filter(**row).update(views=F("views") + views):
        return
    _create_views(model, views, **row)


def _create_views(model, views, **row):
    """The first views of a counter row: INSERT it, or add to the row a concurrent first hit
    has just inserted."""
    try:
        with transaction.atomic():
            model.objects.create(views=views, **row)
    except IntegrityError:
        model.objects.filter(**row).update(views=F("views") + views)


def _seconds_until_tomorrow():
    now = timezone.localtime()
    midnight = datetime.datetime.combine(now.date(), datetime.time(), tzinfo=now.tzinfo)
    return max(60, int((midnight + datetime.timedelta(days=1) - now).total_seconds()) + 60)


def first_view_today(post_id, visitor, today):
    """The cache key that marks `visitor` as counted for the post today, when this is their first
    view today; None when they were counted already. `add` is atomic in the shared cache, so two
    servers (or two processes) never both count one reader."""
    digest = salted_hmac("blog.count_view", f"{today}|{post_id}|{visitor}", algorithm="sha256")
    seen_key = f"blog:seen:{digest.hexdigest()[:40]}"
    return seen_key if cache.add(seen_key, 1, _seconds_until_tomorrow()) else None


def count_view(post_id, visitor):
    """Count one view of the published post `post_id` today, unless `visitor` was already counted
    for it today. Returns True when the view was counted, False when it was not (seen today).
    Raises Post.DoesNotExist when readers cannot see such a post, and counts nothing.

    `visitor` is any string that tells browsers apart (see `blog.popular.visitor_identity`); only
    a keyed hash of it, the post and the day is kept, in the cache, until the day is over.
    Usually one statement: the UPDATE of today's row that checks the post is published; the post
    is looked up apart only when today's row does not exist yet.
    """
    today = timezone.localdate()
    seen_key = first_view_today(post_id, visitor, today)
    if seen_key is None:
        return False
    try:
        counted = _add_published_view(post_id, today)
    except DatabaseError:
        # Not counted, so the same reader may try again.
        cache.delete(seen_key)
        raise
    if not counted:
        cache.delete(seen_key)
        raise Post.DoesNotExist(f"No published post has the id {post_id}.")
    return True


def _add_published_view(post_id, day):
    """Add one view to the post's row for `day` if the post is published; False if it is not.

    Written in SQL: the ORM spent longer building this UPDATE than the database running it, and
    it runs for every reader of every post.
    """
    published, published_params = Post.objects.published_sql("post")
    views_table = connection.ops.quote_name(PostDailyViews._meta.db_table)
    posts_table = connection.ops.quote_name(Post._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE {views_table} SET "views" = "views" + 1 WHERE "post_id" = %s AND "day" = %s'
            f' AND EXISTS (SELECT 1 FROM {posts_table} post WHERE post."id" = %s AND {published})',
            [post_id, connection.ops.adapt_datefield_value(day), post_id, *published_params],
        )
        if cursor.rowcount:
            return True
    if not Post.objects.published().filter(pk=post_id).exists():
        return False
    _create_views(PostDailyViews, 1, post_id=post_id, day=day)
    return True


def fold_daily_views(keep_days, batch_size=1000):
    """Fold daily view rows older than the last `keep_days` days into each post's folded total.

    Every batch deletes its rows and adds their views to the totals in one transaction, with the
    rows locked (PostgreSQL) or the database write-locked (SQLite): an interrupted run loses no
    view and a repeated or concurrent run finds nothing left to fold. Returns (rows, views).
    """
    first_kept_day = view_window_start(keep_days)
    if first_kept_day is None:
        return 0, 0
    old_rows = (
        PostDailyViews.objects.filter(day__lt=first_kept_day)
        .order_by("pk")
        .values_list("pk", "post_id", "views")
    )
    rows_folded = views_folded = 0
    while True:
        with transaction.atomic():
            batch = list(old_rows.select_for_update()[:batch_size])
            per_post = Counter()
            for _pk, post_id, views in batch:
                per_post[post_id] += views
            for post_id, views in per_post.items():
                _add_views(PostViewTotal, views, post_id=post_id)
            PostDailyViews.objects.filter(pk__in=[pk for pk, _post, _views in batch]).delete()
        if not batch:
            return rows_folded, views_folded
        rows_folded += len(batch)
        views_folded += sum(per_post.values())
