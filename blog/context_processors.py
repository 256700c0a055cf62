from .models import BlogSettings


def blog(request):
    """The blog's settings, as `blog` in every template."""
    return {"blog": BlogSettings.load()}
