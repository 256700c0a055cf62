"""What a browser posts from the admin's post and author forms, built field by field."""

from django.utils import timezone

from blog.models import Post


def post_form_data(*, post=None, authors=(), remove_authors=(), publish_at=None, **fields):
    """The post add (or change, with `post`) form as submitted, with its byline inline formset.

    `authors` are the bylines in order; on a change form the existing bylines are sent back
    unchanged before them, as the admin renders them, with `remove_authors` ticked for deletion.
    """
    if publish_at is None:
        publish_at = post.publish_at if post is not None else timezone.now()
    publish_at = timezone.localtime(publish_at)
    data = {
        "title": "A walk along the Seine",
        "slug": "",
        "language": "en",
        "body": "<p>The river was high after a week of rain.</p>",
        "excerpt": "",
        "status": Post.Status.PUBLISHED,
        "publish_at_0": publish_at.strftime("%Y-%m-%d"),
        "publish_at_1": publish_at.strftime("%H:%M:%S"),
        "labels": "",
        "comment_policy": Post.CommentPolicy.INHERIT,
        "comment_moderation": Post.CommentModeration.INHERIT,
        "featured_image_alt": "",
    }
    if post is not None:
        data.update(
            {
                "title": post.title,
                "slug": post.slug,
                "language": post.language,
                "body": post.body,
                "excerpt": post.excerpt,
                "status": post.status,
                "labels": ", ".join(label.name for label in post.labels.all()),
                "comment_policy": post.comment_policy,
                "comment_moderation": post.comment_moderation,
                "featured_image_alt": post.featured_image_alt,
            }
        )
    data.update(byline_formset(post, authors, delete=remove_authors))
    data.update(fields)
    return data


def byline_formset(post, authors, delete=()):
    """Management data and rows of the byline inline: existing bylines, then new `authors`.

    Existing bylines whose author is in `delete` are sent with their DELETE box ticked.
    """
    existing = list(post.bylines.all()) if post is not None else []
    data = {
        "bylines-INITIAL_FORMS": str(len(existing)),
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
        "bylines-TOTAL_FORMS": str(len(existing) + len(authors)),
    }
    for index, byline in enumerate(existing):
        data[f"bylines-{index}-id"] = str(byline.pk)
        data[f"bylines-{index}-post"] = str(post.pk)
        data[f"bylines-{index}-author"] = str(byline.author_id)
        data[f"bylines-{index}-order"] = str(byline.order)
        if byline.author in delete:
            data[f"bylines-{index}-DELETE"] = "on"
    for offset, author in enumerate(authors):
        index = len(existing) + offset
        data[f"bylines-{index}-id"] = ""
        data[f"bylines-{index}-author"] = str(author.pk)
        data[f"bylines-{index}-order"] = str(len(existing) + offset)
    return data


def author_form_data(**fields):
    """The author add form as submitted."""
    return {"display_name": "Nadia Ferhat", "slug": "nadia-ferhat", "bio": "", "user": "", **fields}
