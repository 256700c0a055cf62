from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, resolve_url
from django.utils.decorators import method_decorator
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView

from blog.models import BlogSettings
from security.ratelimit import take
from security.views import throttle_keys, too_many_requests

from . import services
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
    """Ask for a reader account: whatever the answer, "check your e-mail" (accounts.services)."""

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
        form.save(self.request, requested_next_url(self.request))
        return redirect("accounts:signup_sent")

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=requested_next_url(self.request), **kwargs)


@method_decorator(never_cache, "dispatch")
class SignupConfirmView(TemplateView):
    """The e-mailed link: a button (so that mail scanners opening links confirm nothing) that
    activates the account, signs its owner in and takes them where they were going."""

    template_name = "registration/signup_confirm.html"

    def dispatch(self, request, *args, uidb64, token, **kwargs):
        self.user = self._user(uidb64)
        self.valid = (
            self.user is not None
            and services.is_pending(self.user)
            and services.signup_tokens.check_token(self.user, token)
        )
        return super().dispatch(request, *args, **kwargs)

    @staticmethod
    def _user(uidb64):
        try:
            pk = urlsafe_base64_decode(uidb64).decode()
            return get_user_model().objects.get(pk=pk)
        except (TypeError, ValueError, OverflowError, get_user_model().DoesNotExist):
            return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            validlink=self.valid,
            username=self.user.get_username() if self.valid else "",
            next=requested_next_url(self.request),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not self.valid or not services.confirm_account(self.user):
            return self.render_to_response(self.get_context_data(), status=400)
        login(request, self.user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(requested_next_url(request) or resolve_url(settings.LOGIN_REDIRECT_URL))


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
