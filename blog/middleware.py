from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .models import BlogSettings


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
