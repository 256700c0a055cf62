from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.http import Http404
from django.urls import include, path, re_path
from django.views.static import serve

from blog.sitemaps import SITEMAPS
from blog.views import choose_language, favicon, robots_txt

# A database outage answers 503 with Retry-After (security.views.server_error).
handler500 = "security.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("language/<str:code>/", choose_language, name="choose-language"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon),
    path("accounts/", include("accounts.urls")),
    path("comments/", include("comments.urls")),
    path("", include("blog.urls")),
]


def media(request, path):
    """Uploads from MEDIA_ROOT. A name the file system cannot even look up (too long, a NUL
    byte) names no file: 404, not a 500."""
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError) as error:
        raise Http404 from error


if settings.SERVE_MEDIA:
    urlpatterns.insert(0, re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", media))
