from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request, url):
    """`url` when it stays on this site (same host, and HTTPS when the request is), else ""."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def requested_next_url(request):
    """The `next` a form or link carried (POST first, then the query string), if it is safe."""
    return safe_next_url(request, request.POST.get("next") or request.GET.get("next"))
