from django.http import HttpResponsePermanentRedirect

from .redirects import home_query_target, old_address_target


class OldAddressMiddleware:
    """Old links keep working: a request this site cannot answer (404) for an address the
    imported blog had gets a permanent redirect to where that content lives now. WordPress's
    `/?p=123` is answered before the home page sees it, as the home page ignores the query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if request.path == "/" and ("p" in request.GET or "page_id" in request.GET):
            target = home_query_target(request)
            if target:
                return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        if response.status_code == 404:
            target = old_address_target(request)
            if target:
                return HttpResponsePermanentRedirect(target)
        return response
