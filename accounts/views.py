from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, resolve_url
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView

from blog.models import BlogSettings

from .forms import SignupForm
from .redirects import requested_next_url


@method_decorator([sensitive_post_parameters("password1", "password2"), never_cache], "dispatch")
class SignupView(FormView):
    """Create a reader account, sign the new reader in and send them back where they were."""

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


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view, with the blog's title in the e-mail."""

    @property
    def extra_email_context(self):
        return {"blog_title": BlogSettings.load().title}
