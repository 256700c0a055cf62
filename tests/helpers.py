"""Small helpers shared by the test modules (fixtures live in tests/conftest.py)."""

from blog.models import BlogSettings


def set_blog(**fields):
    """Change the blog settings as an editor would in the admin, and save them."""
    blog = BlogSettings.load()
    for name, value in fields.items():
        setattr(blog, name, value)
    blog.save()
    return blog
