"""The HTML of the comment list, in one place: every skeleton the renderer fills.

A designer changes the comment list here. Each skeleton is HTML with {fields} that the
renderer (comments.rendering) fills, by name, with values passed through `escape()` — the one
escaping function of the comment list — or with fragments made from these skeletons, or, for
{body}, with the comment's stored HTML, which the COMMENT policy of blog.sanitize produced when
the comment was saved. Nothing else reaches the page.

`skeleton()` compiles each one once, when the module loads, into a function as fast as an
f-string: `str.format` would parse the skeleton again for each of thousands of comments, which
made the page 60 % slower when measured.

Why not a Django template per comment: bench/bench_comment_markup.py renders the same
2,000-comment page each way (its docstring gives the figures); a template per comment costs
several times the whole page's budget, and a per-comment cache of rendered cards only pays
off once every card is cached, while the reader's own controls (edit, delete, moderation)
still have to be written per request.
"""

from html import escape
from string import Formatter

__all__ = ["escape", "skeleton"]


def skeleton(text):
    """`text`, an HTML skeleton with {fields}, as a function that fills them by keyword
    (`COMMENT(id=…, body=…)`). The skeleton's own text stays readable as `.text`."""
    names = dict.fromkeys(name for _text, name, _spec, _conv in Formatter().parse(text) if name)
    # Compiled from this module's own constants, never from data.
    fill = eval(f"lambda *, {', '.join(names)}: f{text!r}")
    fill.text = text
    return fill


# A comment the reader sees, left open (no </li>) for the replies that follow it.
COMMENT = skeleton(
    '<li class="comment{item_class}" id="c{id}">'
    '<article class="comment__card" aria-labelledby="c{id}-by">'
    '<header class="comment__header">{picture}<p class="comment__meta">'
    '<span class="comment__author" id="c{id}-by" dir="auto">{author}</span>{badge} '
    '<a class="comment__permalink" href="#c{id}"><time datetime="{datetime}"'
    ' title="{absolute}">{relative}</time></a>{edited}</p></header>{marker}'
    '{context}<div class="comment__body" dir="auto">{body}</div>{controls}'
    "</article>"
)
# A comment the reader does not see, kept in place for its replies.
TOMBSTONE = skeleton(
    '<li class="comment comment--removed" id="c{id}">'
    '<p class="comment__tombstone">{text}</p>{controls}'
)
TOMBSTONE_CONTROLS = skeleton(
    '<p class="comment__actions comment__actions--moderation">{button}</p>'
)

# Replies open a list inside the comment's item; each item closes after its replies.
REPLIES_OPEN = '<ol class="comment-replies">'
ITEM_CLOSE = "</li>"
REPLIES_CLOSE = "</ol></li>"

AVATAR_IMAGE = skeleton(
    '<img class="avatar avatar--comment" src="{src}" alt="" width="40" height="40" loading="lazy">'
)
AVATAR_INITIALS = skeleton(
    '<span class="avatar avatar--comment avatar--initials" aria-hidden="true">{initials}</span>'
)
AUTHOR_WEBSITE = skeleton('<a href="{url}" rel="nofollow ugc noopener">{name}</a>')
AUTHOR_BADGE = skeleton(' <span class="comment__badge">{word}</span>')
EDITED = skeleton(' <span class="comment__edited" title="{when}">{word}</span>')
HELD_YOURS = skeleton('<p class="comment__held" role="status">{text}</p>')
HELD = skeleton('<p class="comment__held">{text}{reason}</p>')
HELD_REASON = skeleton(" — {reason}")

# "in reply to Salima: “first words…”" when a reply sits beside the comment it answers.
IN_REPLY_TO = skeleton(
    '<p class="comment__context">{words} '
    '<a href="#c{id}" dir="auto">{name}</a>: '
    '<q dir="auto">{excerpt}</q></p>'
)
IN_REPLY_TO_REMOVED = skeleton('<p class="comment__context">{words}</p>')

ACTIONS = skeleton('<p class="comment__actions">{actions}</p>')
ACTION_SEPARATOR = " "
REPLY = skeleton(
    '<a class="comment__action" href="{url}" data-reply-to="{id}" aria-label="{label}">{word}</a>'
)
EDIT = skeleton('<a class="comment__action" href="{url}" aria-label="{label}">{word}</a>')
DELETE = skeleton(
    '<a class="comment__action comment__action--delete" href="{url}"'
    ' data-delete="{id}" aria-label="{label}">{word}</a>'
)
REPORT = skeleton(
    '<a class="comment__action comment__action--report" href="{url}"'
    ' data-report="{id}" aria-label="{label}">{word}</a>'
)
BAN = skeleton('<a class="comment__action" href="{url}" aria-label="{label}">{word}</a>')
# Moderators' buttons submit the one shared form of the section (section.html), so each
# button carries no form and no CSRF token of its own.
MODERATION_FORM = "comment-moderation"
MODERATOR_BUTTON = skeleton(
    '<button type="submit" class="comment__action comment__action--button" '
    f'form="{MODERATION_FORM}" formaction="{{url}}" aria-label="{{label}}">{{word}}</button>'
)
