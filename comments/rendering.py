"""A page of comment threads as HTML, for one reader.

A post page may show thousands of comments. Django's template language costs several
microseconds per variable or tag, so a comment written as a template would cost more than the
whole page may take (bench/bench_comment_markup.py measures it). The threads are therefore
written here in one pass that also asks comments.access what this reader may do with each
comment, and the section template prints them in one flat loop. The HTML itself — every
skeleton — lives in comments.markup, and every value goes through `markup.escape()`, except the
stored `body_html` (sanitised when the comment was saved) and fragments made from skeletons.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from blog.models import Author

from . import access, markup
from .markup import escape
from .models import Comment

APPROVED = Comment.Status.APPROVED.value
PENDING = Comment.Status.PENDING.value
SPAM = Comment.Status.SPAM.value
REMOVED = Comment.Status.REMOVED.value
HIDDEN = {REMOVED, SPAM}
REMOVED_BY_AUTHOR = Comment.RemovedBy.AUTHOR.value
RELATIVE_UNITS = (
    (60 * 60 * 24 * 365, lambda n: ngettext("%(count)s year ago", "%(count)s years ago", n)),
    (60 * 60 * 24 * 30, lambda n: ngettext("%(count)s month ago", "%(count)s months ago", n)),
    (60 * 60 * 24 * 7, lambda n: ngettext("%(count)s week ago", "%(count)s weeks ago", n)),
    (60 * 60 * 24, lambda n: ngettext("%(count)s day ago", "%(count)s days ago", n)),
    (60 * 60, lambda n: ngettext("%(count)s hour ago", "%(count)s hours ago", n)),
    (60, lambda n: ngettext("%(count)s minute ago", "%(count)s minutes ago", n)),
)


class Clock:
    """Relative and absolute times in the active language, for one page, escaped for HTML.

    Formatting a date the Django way costs tens of microseconds, so each distinct phrase and
    each day is formatted once per page; the time of day needs no translation.
    """

    def __init__(self, now=None):
        self.now = now or timezone.now()
        self.zone = timezone.get_current_timezone()
        self.phrases, self.days = {}, {}
        self.pattern = escape(_("%(date)s, %(time)s"))

    def relative(self, moment):
        """ "3 hours ago", "2 days ago", or "just now"."""
        seconds = max(0, int((self.now - moment).total_seconds()))
        for size, phrase in RELATIVE_UNITS:
            if seconds >= size:
                count = seconds // size
                key = (size, count)
                if key not in self.phrases:
                    self.phrases[key] = escape(phrase(count) % {"count": count})
                return self.phrases[key]
        return escape(_("just now"))

    def absolute(self, moment):
        """The local date in the language's own format and the time on a 24-hour clock."""
        local = moment.astimezone(self.zone)
        day = local.date()
        if day not in self.days:
            self.days[day] = escape(date_format(day, "DATE_FORMAT"))
        return self.pattern % {"date": self.days[day], "time": f"{local.hour:02}:{local.minute:02}"}


def initials(name):
    return "".join(word[0] for word in name.split()[:2]).upper() or "?"


def url_maker(name):
    """A fast `pk -> URL` for a named comment URL: reverse() once, then string formatting."""
    sentinel = 918273645
    head, tail = reverse(name, kwargs={"pk": sentinel}).split(str(sentinel))
    return lambda pk: f"{head}{pk}{tail}"


class ThreadRenderer:
    """Writes the shown comments of a page of threads, as this reader may use them (the
    rules are comments.access's; this class only writes markup)."""

    def __init__(self, viewer, post):
        self.viewer = viewer
        self.clock = Clock()
        self.edit_until = self.clock.now - timedelta(minutes=viewer.rules.edit_minutes)
        self.may_comment = viewer.may_comment
        self.is_moderator = viewer.is_moderator
        self.post_authors = {author.user_id for author in post.byline_authors if author.user_id}
        self.reply_url, self.edit_url, self.delete_url, self.report_url = map(
            url_maker, ("comments:reply", "comments:edit", "comments:delete", "comments:report")
        )
        self.avatar_storage = Author._meta.get_field("avatar_small").storage
        self.people, self.moderated_people = {}, {}
        # Bans reach the whole blog: a post's authors moderate it but do not ban.
        self.may_ban = self.is_moderator and access.may_ban(viewer.user)
        if self.is_moderator:
            self.approve_url, self.spam_url, self.restore_url, self.ban_url = map(
                url_maker,
                ("comments:approve", "comments:spam", "comments:restore", "comments:ban"),
            )
            self.held_because = {
                reason.value: escape(reason.label) for reason in Comment.HoldReason
            }
        words = {
            "author": pgettext("comment badge", "Author"),
            "edited": _("(edited)"),
            "in_reply_to": _("in reply to"),
            "in_reply_to_removed": _("in reply to a comment that has been removed"),
            "reply": _("Reply"),
            "edit": _("Edit"),
            "edit_yours": _("Edit your comment"),
            "delete": _("Delete"),
            "removed_by_author": _("This comment has been removed by its author."),
            "removed_by_moderator": _("This comment has been removed by a moderator."),
            "waiting": _("This comment is waiting for a moderator."),
            "held_yours": _("Your comment is awaiting moderation."),
            "held": _("Awaiting moderation"),
            "marked_spam": _("This comment has been marked as spam."),
            "report": _("Report"),
            "approve": _("Approve"),
            "spam": _("Mark spam"),
            "restore": _("Restore"),
            "ban": _("Ban commenter"),
        }
        self.words = {key: escape(value) for key, value in words.items()}
        self.reply_to = _("Reply to %(name)s")
        self.delete_by = _("Delete comment by %(name)s")
        self.report_by = _("Report comment by %(name)s")
        # Each name begins with the button's visible word (WCAG 2.5.3), in every language.
        self.moderator_labels = (
            _("Approve comment by %(name)s"),
            _("Mark spam: comment by %(name)s"),
            _("Restore comment by %(name)s"),
            _("Ban commenter %(name)s"),
        )

    def threads(self, rows):
        """The HTML of each thread of the page, in order."""
        by_id = {row.id: row for row in rows}
        answered = {row.in_reply_to_id for row in rows if row.status not in HIDDEN}
        shown = access.shown(rows, self.viewer)
        threads, parts = [], []
        for index, row in enumerate(shown):
            following = shown[index + 1].depth if index + 1 < len(shown) else 0
            parts.append(self.comment(row, by_id, answered))
            if following > row.depth:
                parts.append(markup.REPLIES_OPEN)
            else:
                parts.append(markup.ITEM_CLOSE + markup.REPLIES_CLOSE * (row.depth - following))
            if following == 0:
                threads.append(mark_safe("".join(parts)))
                parts = []
        return threads

    def person(self, name):
        """(name, initials, "Reply to …", "Delete comment by …", "Report comment by …"),
        escaped. Most commenters write more than once, so each name is worked out once per
        page."""
        person = self.people.get(name)
        if person is None:
            person = self.people[name] = (
                escape(name),
                escape(initials(name)),
                escape(self.reply_to % {"name": name}),
                escape(self.delete_by % {"name": name}),
                escape(self.report_by % {"name": name}),
            )
        return person

    def moderated_person(self, name):
        """The moderators' labels for a commenter: approve, mark spam, restore, ban."""
        labels = self.moderated_people.get(name)
        if labels is None:
            labels = self.moderated_people[name] = tuple(
                escape(label % {"name": name}) for label in self.moderator_labels
            )
        return labels

    def moderator_button(self, url, label, word):
        return markup.MODERATOR_BUTTON(url=url, label=label, word=word)

    def tombstone(self, row):
        """A comment the reader does not see, kept in place for the replies under it. A
        moderator sees why, and can undo it."""
        words, pk = self.words, row.id
        if row.status == PENDING:
            text = words["waiting"]
        elif row.status == SPAM and self.is_moderator:
            text = words["marked_spam"]
        elif row.status == REMOVED and row.removed_by == REMOVED_BY_AUTHOR:
            text = words["removed_by_author"]
        else:
            text = words["removed_by_moderator"]
        controls = ""
        if self.is_moderator:
            approve, _spam, restore, ban = self.moderated_person(row.name)
            if row.status == REMOVED:
                button = self.moderator_button(self.restore_url(pk), restore, words["restore"])
            else:
                button = self.moderator_button(self.approve_url(pk), approve, words["approve"])
            controls = markup.TOMBSTONE_CONTROLS(button=button)
        return markup.TOMBSTONE(id=pk, text=text, controls=controls)

    def moderation(self, row, pk, delete_action):
        """A moderator's controls on a comment they see: approve (held ones), mark spam,
        delete, ban."""
        approve, spam, _restore, ban = self.moderated_person(row.name)
        words = self.words
        actions = []
        if row.status == PENDING:
            actions.append(self.moderator_button(self.approve_url(pk), approve, words["approve"]))
        actions.append(self.moderator_button(self.spam_url(pk), spam, words["spam"]))
        actions.append(delete_action)
        if self.may_ban:
            actions.append(markup.BAN(url=self.ban_url(pk), label=ban, word=words["ban"]))
        return actions

    def comment(self, row, by_id, answered):
        """One comment's list item, left open for the replies that follow it."""
        words, pk = self.words, row.id
        held = row.status != APPROVED
        if held and (row.status in HIDDEN or not access.sees(self.viewer, row)):
            return self.tombstone(row)

        name, name_initials, reply_label, delete_label, report_label = self.person(row.name)
        owner = access.owns(self.viewer, row)
        by_post_author = row.user_id in self.post_authors

        avatar = row.user_author_profile_avatar_small
        if avatar:
            picture = markup.AVATAR_IMAGE(src=escape(self.avatar_storage.url(avatar)))
        else:
            picture = markup.AVATAR_INITIALS(initials=name_initials)
        author = name
        if row.website:
            author = markup.AUTHOR_WEBSITE(url=escape(row.website), name=name)
        badge = markup.AUTHOR_BADGE(word=words["author"]) if by_post_author else ""
        edited = ""
        if row.edited_at:
            edited = markup.EDITED(when=self.clock.absolute(row.edited_at), word=words["edited"])

        context = ""
        if row.in_reply_to_id is not None and row.in_reply_to_id != row.parent_id:
            target = by_id.get(row.in_reply_to_id)
            if target is not None and target.status == APPROVED:
                context = markup.IN_REPLY_TO(
                    words=words["in_reply_to"],
                    id=target.id,
                    name=self.person(target.name)[0],
                    excerpt=escape(target.excerpt()),
                )
            elif target is not None:
                context = markup.IN_REPLY_TO_REMOVED(words=words["in_reply_to_removed"])

        actions = []
        if self.may_comment and not held:
            actions.append(
                markup.REPLY(url=self.reply_url(pk), id=pk, label=reply_label, word=words["reply"])
            )
        if owner and not held and row.created_at > self.edit_until and pk not in answered:
            actions.append(
                markup.EDIT(url=self.edit_url(pk), label=words["edit_yours"], word=words["edit"])
            )
        if access.may_delete(self.viewer, row):
            delete_action = markup.DELETE(
                url=self.delete_url(pk), id=pk, label=delete_label, word=words["delete"]
            )
            if owner:
                actions.append(delete_action)
            else:
                actions.extend(self.moderation(row, pk, delete_action))
        elif not held:
            actions.append(
                markup.REPORT(
                    url=self.report_url(pk), id=pk, label=report_label, word=words["report"]
                )
            )
        controls = markup.ACTIONS(actions=markup.ACTION_SEPARATOR.join(actions)) if actions else ""

        marker = item_class = ""
        if held:
            item_class = " comment--held"
            if owner and not self.is_moderator:
                marker = markup.HELD_YOURS(text=words["held_yours"])
            else:
                reason = self.held_because.get(row.held_reason, "") if self.is_moderator else ""
                reason = markup.HELD_REASON(reason=reason) if reason else ""
                marker = markup.HELD(text=words["held"], reason=reason)
        if by_post_author:
            item_class += " comment--by-author"

        created = row.created_at
        return markup.COMMENT(
            item_class=item_class,
            id=pk,
            picture=picture,
            author=author,
            badge=badge,
            datetime=created.isoformat(timespec="seconds"),
            absolute=self.clock.absolute(created),
            relative=self.clock.relative(created),
            edited=edited,
            marker=marker,
            context=context,
            body=row.body_html,
            controls=controls,
        )
