"""Small helpers shared by the test modules (fixtures live in tests/conftest.py)."""

from blog.models import BlogSettings
from comments.models import CommentSettings


def set_blog(**fields):
    """Change the blog settings as an editor would in the admin, and save them."""
    blog = BlogSettings.load()
    for name, value in fields.items():
        setattr(blog, name, value)
    blog.save()
    return blog


def set_comments(**fields):
    """Change the comment settings as an editor would in the admin, and save them."""
    rules = CommentSettings.load()
    for name, value in fields.items():
        setattr(rules, name, value)
    rules.save()
    return rules
