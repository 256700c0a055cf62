from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path, re_path

from blog.media import serve_upload
from blog.sitemaps import SITEMAPS
from blog.sitemaps import section as sitemap_section
from blog.views import choose_language, favicon, robots_txt
from security.views import csp_report

# A database outage answers 503 with Retry-After (security.views.server_error).
handler500 = "security.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("language/<str:code>/", choose_language, name="choose-language"),
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_section,
        # The name Django's index view gives each section's address by.
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon),
    path("csp-report/", csp_report, name="csp-report"),
    path("accounts/", include("accounts.urls")),
    path("comments/", include("comments.urls")),
    path("", include("blog.urls")),
]


if settings.SERVE_MEDIA:
    urlpatterns.insert(0, re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve_upload))
