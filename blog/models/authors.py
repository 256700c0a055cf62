"""Byline profiles."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from config.reverse import reverse

from ..images import RenditionsMixin, original_avatar_path, validate_image
from ..text import unique_slug


class AuthorQuerySet(models.QuerySet):
    def for_user(self, user):
        """The user's byline profile, created from their name on first use."""
        author = self.filter(user=user).first()
        if author is None:
            author = self.create(user=user, display_name=user.get_full_name() or user.username)
        return author

    def signable_by(self, user, post=None):
        """The authors `user` may put on a post's byline: anyone for editors; otherwise their own
        profile and the authors the post already carries (an editor may have added them)."""
        if user.has_perm("blog.edit_any_post"):
            return self
        condition = models.Q(user=user)
        if post is not None and post.pk:
            condition |= models.Q(bylines__post=post)
        return self.filter(condition).distinct()


class Author(RenditionsMixin, models.Model):
    """A byline profile; linked to a user account when the author signs in to write."""

    rendition_source = "avatar"
    renditions = {"avatar_small": (96, 96)}

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
    )
    display_name = models.CharField(_("display name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True, allow_unicode=True)
    bio = models.TextField(_("biography"), blank=True)
    avatar = models.ImageField(
        _("avatar"),
        upload_to=original_avatar_path,
        blank=True,
        validators=[validate_image],
    )
    avatar_small = models.ImageField(upload_to="avatars/renditions/", blank=True, editable=False)

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Author, self.display_name, self.pk, max_length=140)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("blog:author", kwargs={"slug": self.slug})

    @property
    def initials(self):
        return "".join(word[0] for word in self.display_name.split()[:2]).upper()
