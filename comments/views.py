from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from blog.models import BlogSettings, Post

from . import services
from .forms import CommentForm, EditForm
from .models import Comment
from .section import comment_location
from .viewer import (
    Viewer,
    forget_guest,
    keep_guest_token,
    new_guest_token,
    remember_guest,
    remembered_guest,
    sign_in_url,
)

REPLY_TO_REMOVED = _lazy(
    "The comment you replied to has been removed. You can post your text as a new comment."
)


def _comment_id(value):
    """The comment id a form field names, or None when it names no possible comment."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


def _published_post(post_id):
    return get_object_or_404(Post.objects.published().with_bylines(), pk=post_id)


def _comment(pk):
    """A comment of a published post, with the post's bylines for the moderator check."""
    comment = get_object_or_404(
        Comment.objects.of_published_posts().select_related("user__author_profile"), pk=pk
    )
    comment.post = _published_post(comment.post_id)
    return comment


def _refuse(request, post, message, status=403, sign_in=False):
    """A page that says why, in the reader's language, with the status that goes with it."""
    context = {"post": post, "message": message}
    if sign_in:
        context["login_url"] = sign_in_url(post)
    return render(request, "comments/refused.html", context, status=status)


def _refuse_commenting(request, post, viewer):
    if viewer.access == BlogSettings.CommentPolicy.SIGNED_IN:
        return _refuse(request, post, _("Sign in to comment on this post."), sign_in=True)
    return _refuse(request, post, _("Comments are closed on this post."))


def _show_form_again(request, post, form, reply_to=None):
    """The form with its errors and the reader's text, where it was filled in."""
    if reply_to is not None:
        return render(
            request,
            "comments/reply.html",
            {"post": post, "target": reply_to, "form": form},
            status=400,
        )
    return render(
        request, "blog/post_detail.html", {"post": post, "comment_form": form}, status=400
    )


def _as_new_comment(request, post, message):
    """The submission turned into a top-level comment form, with a note on why."""
    data = request.POST.copy()
    data.pop("reply_to", None)
    form = CommentForm(data, user=request.user)
    form.is_valid()
    form.add_error(None, message)
    return _show_form_again(request, post, form)


@require_POST
def create(request, post_id):
    """Post a comment, or a reply when the form names the comment being answered."""
    post = _published_post(post_id)
    viewer = Viewer(request, post)
    if not viewer.may_comment:
        return _refuse_commenting(request, post, viewer)
    form = CommentForm(request.POST, user=request.user)
    reply_to = None
    reply_id = form.data.get("reply_to")
    if reply_id:
        if (number := _comment_id(reply_id)) is not None:
            reply_to = Comment.objects.filter(pk=number, post=post).first()
        if reply_to is None:
            return _as_new_comment(
                request, post, _("The comment you replied to is not on this post.")
            )
        if reply_to.status != Comment.Status.APPROVED:
            return _as_new_comment(request, post, REPLY_TO_REMOVED)
    if not form.is_valid():
        return _show_form_again(request, post, form, reply_to)

    data = form.cleaned_data
    token = "" if viewer.signed_in else viewer.token or new_guest_token()
    author = (
        {"user": request.user}
        if viewer.signed_in
        else {
            "guest_name": data["name"],
            "guest_email": data["email"],
            "guest_website": data["website"],
            "guest_token": token,
        }
    )
    try:
        comment = services.post_comment(
            post,
            data["body"],
            reply_to=reply_to,
            ip=request.META.get("REMOTE_ADDR", ""),
            **author,
        )
    except services.ReplyRefused:
        return _as_new_comment(request, post, REPLY_TO_REMOVED)
    response = HttpResponseRedirect(comment_location(comment))
    if not viewer.signed_in:
        keep_guest_token(response, token)
        if data["remember"]:
            remember_guest(response, data["name"], data["email"], data["website"])
        else:
            forget_guest(response)
    return response


@require_GET
def reply(request, pk):
    """The reply form on a page of its own, for browsers without JavaScript."""
    target = _comment(pk)
    if target.status != Comment.Status.APPROVED:
        return _refuse(
            request,
            target.post,
            _("This comment has been removed; it can no longer be answered."),
            status=404,
        )
    viewer = Viewer(request, target.post)
    if not viewer.may_comment:
        if viewer.access == BlogSettings.CommentPolicy.SIGNED_IN:
            return redirect_to_login(request.get_full_path())
        return _refuse_commenting(request, target.post, viewer)
    initial = {**remembered_guest(request), "reply_to": target.pk}
    form = CommentForm(user=request.user, initial=initial)
    return render(
        request, "comments/reply.html", {"post": target.post, "target": target, "form": form}
    )


@require_http_methods(["GET", "POST"])
def edit(request, pk):
    """Change one's own comment, while the edit window is open and nobody has answered."""
    comment = _comment(pk)
    post = comment.post
    if comment.status != Comment.Status.APPROVED:
        return _refuse(request, post, _("This comment has been removed."), 404)
    if not Viewer(request, post).owns(comment):
        return _refuse(request, post, _("You can only edit your own comments."))
    if services.has_replies(comment):
        return _refuse(
            request, post, _("Someone has replied to this comment, so it can no longer be edited.")
        )
    if not services.edit_window_open(comment):
        return _refuse(request, post, _("The time for editing this comment has passed."))
    form = EditForm(
        request.POST if request.method == "POST" else None, initial={"body": comment.body}
    )
    if request.method == "POST" and form.is_valid():
        services.edit_comment(comment, form.cleaned_data["body"])
        return HttpResponseRedirect(comment_location(comment))
    status = 400 if form.is_bound else 200
    return render(
        request,
        "comments/edit.html",
        {"post": post, "target": comment, "form": form},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def delete(request, pk):
    """Remove a comment: its owner, or a moderator of the post. GET asks for confirmation."""
    comment = _comment(pk)
    post = comment.post
    viewer = Viewer(request, post)
    if comment.status == Comment.Status.REMOVED:
        if request.method == "POST" and (viewer.owns(comment) or viewer.is_moderator):
            return HttpResponseRedirect(comment_location(comment))
        return _refuse(request, post, _("This comment has been removed."), 404)
    if not viewer.may_delete(comment):
        return _refuse(request, post, _("You can only delete your own comments."))
    if request.method == "POST":
        services.remove_comment(
            comment, by_user=request.user, by_moderator=viewer.removes_as_moderator(comment)
        )
        return HttpResponseRedirect(comment_location(comment))
    return render(
        request,
        "comments/delete.html",
        {"post": post, "target": comment, "as_moderator": viewer.removes_as_moderator(comment)},
    )


@require_GET
def permalink(request, pk):
    """Where a comment is read: the right page of threads of its post, at its anchor."""
    comment = _comment(pk)
    return HttpResponseRedirect(comment_location(comment))
