"""The moderators' controls on the post page: approve, mark spam, restore, ban a commenter,
close or reopen a post's comments. Plain POST forms that come back to the comment (#c<id>);
the services do the writing and the logging.

Who may use them: `comments.access.may_moderate` (superusers, holders of
`comments.moderate_comments` — the Moderators and Editors groups — and the post's bylined
authors); bans only `comments.access.may_ban_author_of`. Everyone else gets 403.
"""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import access, services
from .forms import BanForm
from .section import comment_location
from .viewer import Viewer
from .views import comment_of_published_post, published_post_or_404, refuse


def _moderated_comment(request, pk):
    """(comment, viewer, refusal): the refusal is a 403 page for anyone but a moderator."""
    comment = comment_of_published_post(pk)
    viewer = Viewer(request, comment.post)
    if not viewer.is_moderator:
        refusal = refuse(request, comment.post, _("Only moderators can do this."))
        return comment, viewer, refusal
    return comment, viewer, None


def _back_to(comment, viewer):
    return HttpResponseRedirect(comment_location(comment, viewer=viewer))


def _moderation_action(write):
    """A POST-only view that lets a moderator apply `write(comment, by=user)` to a comment."""

    @require_POST
    def view(request, pk):
        comment, viewer, refusal = _moderated_comment(request, pk)
        if refusal:
            return refusal
        write(comment, by=request.user)
        return _back_to(comment, viewer)

    return view


approve = _moderation_action(services.approve_comment)
spam = _moderation_action(services.mark_spam)
restore = _moderation_action(services.restore_comment)


@require_http_methods(["GET", "POST"])
def ban(request, pk):
    """Ban the author of a comment: their account, e-mail or network address, for a while or
    for good. GET shows the choices."""
    comment, viewer, refusal = _moderated_comment(request, pk)
    if refusal:
        return refusal
    if not access.may_ban(request.user):
        return refuse(request, comment.post, _("Only moderators and editors can ban commenters."))
    kinds = services.ban_kinds_for(comment)
    if not kinds:
        return refuse(
            request,
            comment.post,
            _("Nothing is known about this commenter that could be banned."),
            status=409,
        )
    if access.owns(viewer, comment) or comment.user_id == request.user.pk:
        return refuse(request, comment.post, _("You cannot ban yourself."), status=409)
    if not access.may_ban_author_of(request.user, comment):
        return refuse(
            request, comment.post, _("This commenter can only be banned by someone above them.")
        )
    form = BanForm(request.POST if request.method == "POST" else None, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        services.ban_commenter(
            comment,
            form.cleaned_data["kinds"],
            days=form.days,
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
        return _back_to(comment, viewer)
    return render(
        request,
        "comments/ban.html",
        {"post": comment.post, "target": comment, "form": form},
        status=400 if form.is_bound else 200,
    )


def _set_open(request, post_id, open_):
    post = published_post_or_404(post_id)
    viewer = Viewer(request, post)
    if not viewer.is_moderator:
        return refuse(request, post, _("Only moderators can do this."))
    services.set_comments_open(post, open_, by=request.user, rules=viewer.rules)
    return HttpResponseRedirect(f"{post.get_absolute_url()}#comments")


@require_POST
def close(request, post_id):
    """Close the post's comments: they stay shown, nobody can add one."""
    return _set_open(request, post_id, False)


@require_POST
def reopen(request, post_id):
    return _set_open(request, post_id, True)
