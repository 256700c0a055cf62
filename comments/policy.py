"""What happens to a new comment: published at once, held for a moderator, or refused.

The comment settings hold the rules (a post may choose its own moderation level); this
module only reads them. Word lists compare text folded the same way on both sides
(`blog.text.fold`, as search does), so that case, Latin accents, Arabic vowel marks, hamza forms
and tatweel make no difference.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from blog.models import CommentModeration
from blog.sanitize import render_comment_body
from blog.text import fold

from . import access
from .models import Ban, Comment, CommentSettings

LIST_SEPARATORS = re.compile(r"[\n,،;؛]+")

REJECTED = _("Your comment contains words this blog does not publish. Please rephrase it.")


def word_list(text):
    """The entries of a word list setting: one per line (commas also separate), folded."""
    entries = (fold(entry) for entry in LIST_SEPARATORS.split(text or ""))
    return list(dict.fromkeys(entry for entry in entries if entry))


def listed_word(text, entries):
    """The first entry of `entries` found in `text` as a whole word or phrase, or None.

    Whole words only, so that a listed word does not catch longer innocent words it is part of.
    """
    folded = fold(text)
    for entry in entries:
        if re.search(rf"(?<!\w){re.escape(entry)}(?!\w)", folded):
            return entry
    return None


def count_links(body):
    """How many links the body will show once rendered (bare domains become links too)."""
    return render_comment_body(body).count("<a ")


def moderation_level(post, rules):
    """The moderation level in force on `post`: its own choice, else the blog's."""
    level = post.comment_moderation
    if level == CommentModeration.INHERIT:
        level = rules.moderation
    return CommentModeration(level)


def is_banned(*, user=None, email="", ip_hash=""):
    """The one ban rule: an active ban names this account, this e-mail address or this
    network address. A new comment by a banned commenter is refused
    (`services.submit_comment`); one already stored waits for a moderator."""
    return Ban.objects.active().matching(user=user, email=email, ip_hash=ip_hash).exists()


@dataclass(frozen=True)
class Verdict:
    """The decision on one comment: `refusal` (a message) or `hold_reason` ("" publishes)."""

    hold_reason: str = ""
    refusal: str = ""

    @property
    def refused(self):
        return bool(self.refusal)


def assess(
    post,
    body,
    *,
    user=None,
    guest_email="",
    token_hash="",
    trusted=False,
    confirmed=False,
    content_only=False,
    rules=None,
):
    """The verdict on a comment about to be stored (or re-examined).

    `trusted` commenters (moderators of the post) are never held. A guest's comment waits for
    their e-mail confirmation when the blog asks for it, unless it is `confirmed`; under
    "hold first-time commenters" an address vouches for a guest only once confirmed.
    `content_only` looks at the text alone, as when a comment is edited. Bans are checked
    by the callers (`is_banned`).
    """
    rules = rules or CommentSettings.load()
    if trusted:
        return Verdict()
    if listed_word(body, word_list(rules.reject_words)):
        return Verdict(refusal=str(REJECTED))
    reasons = Comment.HoldReason
    if not content_only and user is None and rules.confirm_guest_email and not confirmed:
        return Verdict(hold_reason=reasons.UNCONFIRMED)
    if listed_word(body, word_list(rules.hold_words)):
        return Verdict(hold_reason=reasons.WORDS)
    if rules.max_links is not None and count_links(body) > rules.max_links:
        return Verdict(hold_reason=reasons.LINKS)
    if content_only:
        return Verdict()
    level = moderation_level(post, rules)
    if level == CommentModeration.HOLD_ALL:
        return Verdict(hold_reason=reasons.HOLD_ALL)
    if level == CommentModeration.HOLD_FIRST and not access.is_known_commenter(
        user=user, guest_email=guest_email, token_hash=token_hash, email_confirmed=confirmed
    ):
        return Verdict(hold_reason=reasons.FIRST_COMMENT)
    return Verdict()
