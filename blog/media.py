"""Serving uploads in development, the way the README's nginx serves them in production: only
the renditions the site generates, never an original upload, which may carry more than anyone
meant to publish (full resolution, a face cropped out of the thumbnail)."""

from django.conf import settings
from django.http import Http404
from django.views.static import serve

# Everything under these folders of MEDIA_ROOT is made by the site itself (resized WebP copies);
# originals live beside them (posts/<year>/<month>/, avatars/) and are never served.
PUBLIC_FOLDERS = ("posts/renditions/", "avatars/renditions/", "body/")


def is_public(path):
    return path.startswith(PUBLIC_FOLDERS) and "/../" not in f"/{path}/"


def serve_upload(request, path):
    """A rendition from MEDIA_ROOT; 404 for originals and for names the file system cannot even
    look up (too long, a NUL byte), never a 500."""
    if not is_public(path):
        raise Http404
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError) as error:
        raise Http404 from error
