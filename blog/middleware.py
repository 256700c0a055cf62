from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from .models import BlogSettings
from .pagecache import is_shared


class BlogLanguageMiddleware:
    """Speak the reader's chosen language (language cookie), else the blog's own language.

    The blog's language wins over Accept-Language on purpose: an Arabic blog greets a new visitor
    in Arabic, as Blogger does; the switcher is one click away.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else BlogSettings.load().language
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class SharedCacheHeadersMiddleware:
    """Cache-Control for pages that do not say it themselves.

    A page answered to an anonymous reader without setting a cookie is the same for every such
    reader: a proxy or CDN may keep it for PUBLIC_CACHE_SECONDS, browsers check it again each time
    (cheaply: ETag and Last-Modified give a 304). Any other page is private to its reader.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code in (200, 304)
            and not response.has_header("Cache-Control")
        ):
            if is_shared(request) and not response.cookies:
                patch_cache_control(
                    response, public=True, max_age=0, s_maxage=settings.PUBLIC_CACHE_SECONDS
                )
            else:
                patch_cache_control(response, private=True, no_cache=True)
        return response
