from django import template

from accounts.redirects import requested_next_url

register = template.Library()


@register.inclusion_tag("registration/includes/account_nav.html", takes_context=True)
def account_nav(context):
    """The header's account area; its links bring the reader back to the page they are on.

    On the account pages themselves the way back is the `next` those pages already carry.
    """
    request = context["request"]
    match = request.resolver_match
    if match is not None and match.namespace == "accounts":
        next_url = requested_next_url(request)
    else:
        next_url = request.get_full_path()
    user = context.get("user")
    signed_in = bool(user and user.is_authenticated)
    return {
        "signed_in": signed_in,
        "display_name": (user.get_full_name() or user.get_username()) if signed_in else "",
        "next": next_url,
        "csrf_token": context.get("csrf_token"),
    }
