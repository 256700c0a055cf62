"""The site's URLs and a fixed-response view: the fastest page Django can serve through the same
middleware, the yardstick for the cached post page."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urls

FIXED_BODY = ("<p>" + "Midad benchmark yardstick. " * 740 + "</p>\n").encode()[: 20 * 1024]


def fixed(request):
    return HttpResponse(FIXED_BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/fixed/", fixed), *site_urls]
