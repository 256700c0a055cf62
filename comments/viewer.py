"""Who is reading: the signed-in account or the guest's ownership token, and what they may do."""

import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.shortcuts import resolve_url

from blog.models import CommentPolicy

from . import access, services
from .models import CommentSettings, comment_access

OWNER_COOKIE = "midad_commenter"
OWNER_SALT = "comments.owner"
REMEMBER_COOKIE = "midad_guest"
REMEMBER_SALT = "comments.remember"
COOKIE_AGE = 365 * 24 * 60 * 60


def guest_token(request):
    """The token this browser holds for the guest comments it wrote, or ""."""
    return request.get_signed_cookie(OWNER_COOKIE, default="", salt=OWNER_SALT)


def new_guest_token():
    return secrets.token_urlsafe(32)


def _cookie_options():
    return {
        "max_age": COOKIE_AGE,
        "httponly": True,
        "samesite": "Lax",
        "secure": settings.SESSION_COOKIE_SECURE,
    }


def keep_guest_token(response, token):
    response.set_signed_cookie(OWNER_COOKIE, token, salt=OWNER_SALT, **_cookie_options())


def remembered_guest(request):
    """The name, email and website a guest asked this browser to remember, as form initial data."""
    value = request.COOKIES.get(REMEMBER_COOKIE)
    try:
        details = signing.loads(value, salt=REMEMBER_SALT) if value else {}
    except signing.BadSignature:
        return {}
    if not isinstance(details, dict):
        return {}
    fields = ("name", "email", "website")
    initial = {field: str(details.get(field, ""))[:200] for field in fields}
    return {**initial, "remember": True} if initial["name"] else {}


def remember_guest(response, name, email, website):
    value = signing.dumps({"name": name, "email": email, "website": website}, salt=REMEMBER_SALT)
    response.set_cookie(REMEMBER_COOKIE, value, **_cookie_options())


def forget_guest(response):
    response.delete_cookie(REMEMBER_COOKIE, samesite="Lax")


def sign_in_url(post):
    """The sign-in page, coming back to the post's comments afterwards."""
    next_url = f"{post.get_absolute_url()}#comments"
    return f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': next_url})}"


class Viewer:
    """One reader looking at one post's comments, decided once per request. It is the
    `reader` that the rules of comments.access are asked about, without touching the
    database."""

    def __init__(self, request, post, rules=None):
        self.user = request.user
        self.rules = rules or CommentSettings.load()
        self.token = guest_token(request)
        self.token_hash = services.hash_token(self.token)
        self.signed_in = self.user.is_authenticated
        self.user_id = self.user.pk if self.signed_in else None
        self.access = comment_access(post, self.rules)
        self.may_comment = self.access == CommentPolicy.ANYONE or (
            self.access == CommentPolicy.SIGNED_IN and self.signed_in
        )
        self.is_moderator = access.may_moderate(self.user, post)
        if self.signed_in:
            # The post's author reading it: their profile came with the bylines, so the name
            # on their comment form costs no query.
            for author in post.byline_authors:
                if author.user_id == self.user_id:
                    self.user.author_profile = author

    @property
    def seen(self):
        """The filter of the comments this reader sees as themselves."""
        return access.seen_by(self)

    def claim(self, token):
        """This browser has just been given `token` for the guest comment it posted."""
        self.token = token
        self.token_hash = services.hash_token(token)
