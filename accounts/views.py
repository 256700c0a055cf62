from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, resolve_url
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView

from blog.models import BlogSettings
from security.ratelimit import take
from security.views import throttle_keys, too_many_requests

from .forms import SignupForm
from .redirects import requested_next_url


class ThrottledPostMixin:
    """POSTs count against the sender's address and the e-mail address they name, in sliding
    windows (settings.ACCOUNT_RATE_LIMITS[throttle_scope]); over the limit, a 429 page."""

    throttle_scope = ""
    throttle_reason = ""

    def post(self, request, *args, **kwargs):
        limit, period = settings.ACCOUNT_RATE_LIMITS[self.throttle_scope]
        keys = throttle_keys(
            request, email=request.POST.get("email", ""), scope=self.throttle_scope
        )
        wait = take(keys, limit, period)
        if wait:
            return too_many_requests(request, wait, self.throttle_reason)
        return super().post(request, *args, **kwargs)


@method_decorator([sensitive_post_parameters("password1", "password2"), never_cache], "dispatch")
class SignupView(ThrottledPostMixin, FormView):
    """Create a reader account, sign the new reader in and send them back where they were."""

    throttle_scope = "signup"
    throttle_reason = _(
        "Several accounts were requested from your network address or for this email "
        "address in a short time."
    )

    form_class = SignupForm
    template_name = "registration/signup.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect(settings.LOGIN_REDIRECT_URL)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.save()
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(self.get_success_url())

    def get_success_url(self):
        return requested_next_url(self.request) or resolve_url(settings.LOGIN_REDIRECT_URL)

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=requested_next_url(self.request), **kwargs)


class PasswordResetView(ThrottledPostMixin, auth_views.PasswordResetView):
    """Django's reset view, with the blog's title in the e-mail."""

    throttle_scope = "password_reset"
    throttle_reason = _(
        "Several password resets were requested from your network address or for this "
        "email address in a short time."
    )

    @property
    def extra_email_context(self):
        return {"blog_title": BlogSettings.load().title}
