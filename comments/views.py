from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from blog.models import CommentPolicy, Post
from security.addresses import client_address

from . import access, defences, notifications, policy, services
from .forms import CommentForm, EditForm, ReportForm
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

# Spelled gettext_lazy, not an alias: makemessages only finds the names it knows.
REPLY_TO_REMOVED = gettext_lazy(
    "The comment you replied to has been removed. You can post your text as a new comment."
)
NOT_SENT = gettext_lazy(
    "Your comment has not been published yet: this page was too old to send it safely. "
    "Check your text below and send it again."
)
BANNED = gettext_lazy(
    "Sorry, you may not comment on this blog at the moment. Your text is still below if you "
    "want to keep a copy."
)


def _comment_id(value):
    """The comment id a form field names, or None when it names no possible comment."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


def published_post_or_404(post_id):
    return get_object_or_404(Post.objects.visible().with_bylines(), pk=post_id)


def comment_of_published_post(pk):
    """A comment of a published post, with the post's bylines for the moderator check."""
    comment = get_object_or_404(
        Comment.objects.of_published_posts().select_related("user__author_profile"), pk=pk
    )
    comment.post = published_post_or_404(comment.post_id)
    return comment


def refuse(request, post, message, status=403, sign_in=False):
    """A page that says why, in the reader's language, with the status that goes with it."""
    context = {"post": post, "message": message}
    if sign_in:
        context["login_url"] = sign_in_url(post)
    return render(request, "comments/refused.html", context, status=status)


def _refuse_commenting(request, post, viewer):
    if viewer.access == CommentPolicy.SIGNED_IN:
        return refuse(request, post, _("Sign in to comment on this post."), sign_in=True)
    return refuse(request, post, _("Comments are closed on this post."))


def _show_form_again(request, post, form, reply_to=None, status=400):
    """The form with its errors and the reader's text, where it was filled in."""
    if reply_to is not None:
        return render(
            request,
            "comments/reply.html",
            {"post": post, "target": reply_to, "form": form},
            status=status,
        )
    return render(
        request, "blog/post_detail.html", {"post": post, "comment_form": form}, status=status
    )


def _too_many(request, post, form, wait):
    """429: when the reader may send again, with their text kept in the form."""
    retry_at = timezone.localtime() + timedelta(seconds=wait)
    message = ngettext(
        "You have sent several comments in a short time. Please wait %(seconds)d second "
        "before sending this one (until %(time)s).",
        "You have sent several comments in a short time. Please wait %(seconds)d seconds "
        "before sending this one (until %(time)s).",
        wait,
    ) % {"seconds": wait, "time": retry_at.strftime("%H:%M:%S")}
    context = {"post": post, "form": form, "message": message}
    response = render(request, "comments/too_many.html", context, status=429)
    response["Retry-After"] = str(wait)
    return response


def _as_new_comment(request, post, message):
    """The submission turned into a top-level comment form, with a note on why."""
    data = request.POST.copy()
    data.pop("reply_to", None)
    form = CommentForm(data, user=request.user)
    form.is_valid()
    form.add_error(None, message)
    return _show_form_again(request, post, form)


def _reply_target(post, reply_id):
    """(the comment being answered or None, the reason it cannot be answered or "")."""
    if not reply_id:
        return None, ""
    number = _comment_id(reply_id)
    target = Comment.objects.filter(pk=number, post=post).first() if number else None
    if target is None:
        return None, _("The comment you replied to is not on this post.")
    if target.status != Comment.Status.APPROVED:
        return None, REPLY_TO_REMOVED
    return target, ""


def _guest_fields(data, token):
    return {
        "guest_name": data["name"],
        "guest_email": data.get("email", ""),
        "guest_website": data["website"],
        "guest_token": token,
    }


@never_cache
@require_GET
def form_tokens(request):
    """The CSRF token (its cookie set too) and a fresh form timestamp, for the forms of a page
    shared by every anonymous reader (blog.pagecache; static/js/form-tokens.js)."""
    return JsonResponse({"csrf": get_token(request), "shown_at": defences.form_stamp()})


def _csrf_failed(request):
    """Django's own CSRF check (token, cookie, origin), run by the view that can explain it."""
    checker = CsrfViewMiddleware(lambda request: None)
    return checker.process_view(request, None, (), {}) is not None


def _fresh_form(request, post, viewer):
    """The reader's submission in a new form with a fresh token and timestamp, sending nothing:
    what a reader of a cached page without JavaScript gets on the first try."""
    data = request.POST.copy()
    for name in ("csrfmiddlewaretoken", "shown_at"):
        data.pop(name, None)
    form = CommentForm(initial=data.dict(), user=request.user, rules=viewer.rules)
    context = {"post": post, "comment_form": form, "comment_notice": NOT_SENT}
    reply_id = _comment_id(data.get("reply_to"))
    target = reply_id and Comment.objects.approved().filter(pk=reply_id, post=post).first()
    if target:
        context.update(target=target, form=form)
        return render(request, "comments/reply.html", context, status=403)
    return render(request, "blog/post_detail.html", context, status=403)


# The CSRF check runs inside the view: a form sent from a cached page without JavaScript has no
# token, and its reader deserves their text back in a form that works, not a bare 403 page.
@csrf_exempt
@require_POST
def create(request, post_id):
    """Post a comment, or a reply when the form names the comment being answered; the
    service decides what becomes of it, this view only answers."""
    post = published_post_or_404(post_id)
    viewer = Viewer(request, post)
    if not viewer.may_comment:
        return _refuse_commenting(request, post, viewer)
    if _csrf_failed(request):
        return _fresh_form(request, post, viewer)
    form = CommentForm(request.POST, user=request.user, rules=viewer.rules)
    reply_to, problem = _reply_target(post, form.data.get("reply_to"))
    if problem:
        return _as_new_comment(request, post, problem)
    if not form.is_valid():
        return _show_form_again(request, post, form, reply_to)
    data = form.cleaned_data
    token = "" if viewer.signed_in else viewer.token or new_guest_token()
    author = {"user": request.user} if viewer.signed_in else _guest_fields(data, token)
    outcome = services.submit_comment(
        post,
        data["body"],
        reply_to=reply_to,
        ip=client_address(request),
        notify_replies=data.get("notify", False),
        rules=viewer.rules,
        **author,
    )
    if outcome.comment is None:
        return _not_stored(request, post, form, reply_to, outcome)
    return _posted(request, viewer, outcome.comment, data, token)


def _not_stored(request, post, form, reply_to, outcome):
    """The answer to a submission the service refused, by its reason."""
    Result = services.Result
    if outcome.result == Result.BANNED:
        form.add_error(None, BANNED)
        return _show_form_again(request, post, form, reply_to, status=403)
    if outcome.result == Result.TOO_MANY:
        return _too_many(request, post, form, outcome.wait)
    if outcome.result == Result.REPLY_REFUSED:
        return _as_new_comment(request, post, REPLY_TO_REMOVED)
    form.add_error("body", outcome.message)
    return _show_form_again(request, post, form, reply_to)


def _posted(request, viewer, comment, data, token):
    """Back to the new comment, with a word that it was received; a guest's browser keeps the
    token that makes it theirs."""
    if comment.status == Comment.Status.APPROVED:
        messages.success(request, _("Thank you, your comment is published."))
    else:
        messages.info(
            request, _("Thank you, your comment is saved. It appears once it is approved.")
        )
    if token:
        viewer.claim(token)
    response = HttpResponseRedirect(comment_location(comment, viewer=viewer))
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
    target = comment_of_published_post(pk)
    if target.status != Comment.Status.APPROVED:
        return refuse(
            request,
            target.post,
            _("This comment has been removed; it can no longer be answered."),
            status=404,
        )
    viewer = Viewer(request, target.post)
    if not viewer.may_comment:
        if viewer.access == CommentPolicy.SIGNED_IN:
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
    comment = comment_of_published_post(pk)
    post = comment.post
    if comment.status != Comment.Status.APPROVED:
        return refuse(request, post, _("This comment has been removed."), 404)
    viewer = Viewer(request, post)
    if not access.owns(viewer, comment):
        return refuse(request, post, _("You can only edit your own comments."))
    if services.has_replies(comment):
        return refuse(
            request, post, _("Someone has replied to this comment, so it can no longer be edited.")
        )
    if not services.edit_window_open(comment):
        return refuse(request, post, _("The time for editing this comment has passed."))
    form = EditForm(
        request.POST if request.method == "POST" else None, initial={"body": comment.body}
    )
    if request.method == "POST" and form.is_valid():
        verdict = policy.assess(
            post, form.cleaned_data["body"], trusted=viewer.is_moderator, content_only=True
        )
        if verdict.refused:
            form.add_error("body", verdict.refusal)
        else:
            services.edit_comment(comment, form.cleaned_data["body"], verdict.hold_reason)
            return HttpResponseRedirect(comment_location(comment, viewer=viewer))
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
    comment = comment_of_published_post(pk)
    post = comment.post
    viewer = Viewer(request, post)
    if comment.status == Comment.Status.REMOVED:
        if request.method == "POST" and (access.owns(viewer, comment) or viewer.is_moderator):
            return HttpResponseRedirect(comment_location(comment, viewer=viewer))
        return refuse(request, post, _("This comment has been removed."), 404)
    if not access.may_delete(viewer, comment):
        return refuse(request, post, _("You can only delete your own comments."))
    if request.method == "POST":
        services.remove_comment(
            comment, by_user=request.user, by_moderator=access.removes_as_moderator(viewer, comment)
        )
        return HttpResponseRedirect(comment_location(comment, viewer=viewer))
    return render(
        request,
        "comments/delete.html",
        {
            "post": post,
            "target": comment,
            "as_moderator": access.removes_as_moderator(viewer, comment),
        },
    )


@require_GET
def permalink(request, pk):
    """Where a comment is read: the right page of threads of its post, at its anchor."""
    comment = comment_of_published_post(pk)
    return HttpResponseRedirect(comment_location(comment, viewer=Viewer(request, comment.post)))


def _notice(request, post, title, message, status=200):
    context = {"post": post, "title": title, "message": message}
    return render(request, "comments/notice.html", context, status=status)


@require_http_methods(["GET", "POST"])
def report(request, pk):
    """Tell the moderators that a comment breaks the rules: once per reader."""
    comment = comment_of_published_post(pk)
    post = comment.post
    viewer = Viewer(request, post)
    if comment.status != Comment.Status.APPROVED:
        return refuse(request, post, _("This comment is not shown, so it cannot be reported."), 404)
    if access.owns(viewer, comment):
        return refuse(request, post, _("You cannot report your own comment."))
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        token = "" if viewer.signed_in else viewer.token or new_guest_token()
        try:
            services.report_comment(
                comment,
                form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                user=request.user,
                ip=client_address(request),
                guest_token=token,
                rules=viewer.rules,
            )
        except services.AlreadyReported:
            return refuse(
                request, post, _("You have already reported this comment. Thank you."), 409
            )
        response = _notice(
            request,
            post,
            _("Thank you"),
            _("A moderator will read the comment you reported."),
        )
        if token and not viewer.token:
            keep_guest_token(response, token)
        return response
    return render(
        request,
        "comments/report.html",
        {"post": post, "target": comment, "form": form},
        status=400 if form.is_bound else 200,
    )


def _ask_first(request, post, title, message, button):
    """The page a link from an e-mail opens: the change waits for the reader's button (a POST),
    so mail scanners that open every link change nothing."""
    return render(
        request,
        "comments/confirm_action.html",
        {"post": post, "title": title, "message": message, "button": button},
    )


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The link a guest received by e-mail: once they press the button, their address is
    confirmed and their comment goes through the blog's rules, published unless one holds it."""
    comment = notifications.comment_from_token(
        token, notifications.CONFIRM_SALT, notifications.CONFIRM_MAX_AGE
    )
    if comment is None or not comment.post.is_published:
        return render(
            request,
            "comments/link_invalid.html",
            {"message": _("This confirmation link is not valid, or it has expired.")},
            status=400,
        )
    if request.method == "GET":
        return _ask_first(
            request,
            comment.post,
            _("Confirm your email address"),
            _("Confirm the address you gave with your comment, and it can be published."),
            _("Confirm my address"),
        )
    comment = services.confirm_guest_email(comment)
    if comment.status == Comment.Status.APPROVED:
        message = _("Thank you: your email address is confirmed and your comment is published.")
    elif comment.status == Comment.Status.PENDING:
        message = _(
            "Thank you: your email address is confirmed. Your comment will be published once "
            "a moderator has read it."
        )
    else:
        message = _("This comment is no longer waiting to be published.")
    viewer = Viewer(request, comment.post)
    return render(
        request,
        "comments/notice.html",
        {
            "post": comment.post,
            "title": _("Email address confirmed"),
            "message": message,
            "link": comment_location(comment, viewer=viewer),
        },
    )


# Mail programs send the one-click unsubscribe (RFC 8058) as a POST without a CSRF token;
# the signed link itself is the proof, and stopping e-mails is all it can do.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def stop_replies(request, token):
    """The one-click link in reply e-mails: no more of them for that conversation."""
    comment = notifications.comment_from_token(token, notifications.UNSUBSCRIBE_SALT)
    if comment is None:
        return render(
            request,
            "comments/link_invalid.html",
            {"message": _("This link is not valid.")},
            status=400,
        )
    if request.method == "GET":
        return _ask_first(
            request,
            comment.post,
            _("Stop the e-mails?"),
            _("You will no longer receive e-mails about replies in this conversation."),
            _("Stop the e-mails"),
        )
    services.stop_reply_notifications(comment)
    return _notice(
        request,
        comment.post,
        _("No more e-mails"),
        _("You will no longer receive e-mails about replies in this conversation."),
    )
