"""The markup of one comment in a thread, built with format strings.

A post page may show thousands of comments. Django's template language costs several
microseconds per variable or tag, so a comment written as a template (thirty-odd nodes) would
cost more than the whole page may take. The thread is therefore assembled here, from the
fragments below, and the section template prints the result in one flat loop.

Every value is escaped with `e()` on its way in, except `body_html`, which the COMMENT policy
of blog.sanitize produced when the comment was saved, and the fragments of this module.
"""

from html import escape

from django.utils.safestring import mark_safe

OPEN_ITEM = '<li class="{classes}" id="c{id}">'
TOMBSTONE = '<p class="comment__tombstone">{text}</p>'
CARD = (
    '<article class="comment__card" aria-labelledby="c{id}-by">'
    '<header class="comment__header">{avatar}<p class="comment__meta">'
    '<span class="comment__author" id="c{id}-by" dir="auto">{author}</span>{badge} '
    '<a class="comment__permalink" href="#c{id}">'
    '<time datetime="{iso}" title="{absolute}">{relative}</time></a>{edited}</p></header>'
    '{context}<div class="comment__body" dir="auto">{body}</div>{actions}</article>'
)
AVATAR_IMAGE = (
    '<img class="avatar avatar--comment" src="{src}" alt="" width="40" height="40" loading="lazy">'
)
AVATAR_INITIALS = (
    '<span class="avatar avatar--comment avatar--initials" aria-hidden="true">{initials}</span>'
)
AUTHOR_LINK = '<a href="{url}" rel="nofollow ugc noopener">{name}</a>'
BADGE = ' <span class="comment__badge">{label}</span>'
EDITED = ' <span class="comment__edited" title="{when}">{label}</span>'
CONTEXT = (
    '<p class="comment__context">{label} <a href="#c{id}" dir="auto">{name}</a>: '
    '<q dir="auto">{excerpt}</q></p>'
)
CONTEXT_REMOVED = '<p class="comment__context">{label}</p>'
ACTIONS = '<p class="comment__actions">{links}</p>'
REPLY = (
    '<a class="comment__action" href="{url}" data-reply-to="{id}" aria-label="{name}">{label}</a>'
)
EDIT = '<a class="comment__action" href="{url}" aria-label="{name}">{label}</a>'
DELETE = (
    '<a class="comment__action comment__action--delete" href="{url}" data-delete="{id}" '
    'aria-label="{name}">{label}</a>'
)
OPEN_REPLIES = '<ol class="comment-replies">'
CLOSE_ITEM = "</li>"
CLOSE_REPLIES = "</ol></li>"


def e(value):
    return escape(str(value))


def render_comment(row, labels):
    """One comment's list item, left open when its replies follow (see `row.closes`)."""
    classes = "comment"
    if row.is_tombstone:
        inner = TOMBSTONE.format(text=e(row.tombstone))
        classes += " comment--removed"
    else:
        if row.is_post_author:
            classes += " comment--by-author"
        name = e(row.name)
        actions = []
        if row.reply_url:
            actions.append(
                REPLY.format(
                    url=row.reply_url, id=row.id, name=e(row.reply_label), label=labels["reply"]
                )
            )
        if row.edit_url:
            actions.append(
                EDIT.format(url=row.edit_url, name=labels["edit_yours"], label=labels["edit"])
            )
        if row.delete_url:
            actions.append(
                DELETE.format(
                    url=row.delete_url, id=row.id, name=e(row.delete_label), label=labels["delete"]
                )
            )
        if row.answers is None:
            context = ""
        elif row.answers.status != row.APPROVED:
            context = CONTEXT_REMOVED.format(label=labels["in_reply_to_removed"])
        else:
            context = CONTEXT.format(
                label=labels["in_reply_to"],
                id=row.answers.id,
                name=e(row.answers.name),
                excerpt=e(row.answers.excerpt()),
            )
        inner = CARD.format(
            id=row.id,
            avatar=(
                AVATAR_IMAGE.format(src=e(row.avatar_url))
                if row.avatar_url
                else AVATAR_INITIALS.format(initials=e(row.initials))
            ),
            author=AUTHOR_LINK.format(url=e(row.website), name=name) if row.website else name,
            badge=BADGE.format(label=labels["author"]) if row.is_post_author else "",
            iso=row.iso,
            absolute=e(row.absolute),
            relative=e(row.relative),
            edited=EDITED.format(when=e(row.edited_absolute), label=labels["edited"])
            if row.edited_absolute
            else "",
            context=context,
            body=row.body_html,
            actions=ACTIONS.format(links=" ".join(actions)) if actions else "",
        )
    after = OPEN_REPLIES if row.opens_replies else CLOSE_ITEM + CLOSE_REPLIES * row.closes
    return mark_safe(OPEN_ITEM.format(classes=classes, id=row.id) + inner + after)


def escaped_labels(labels):
    """The section's fixed words, escaped once for all the comments of a page."""
    return {key: e(value) for key, value in labels.items()}
