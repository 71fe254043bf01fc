"""The admin site: a second factor for every staff member who has one or must have one."""

from functools import update_wrapper
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_otp.admin import OTPAdminAuthenticationForm

from . import two_factor


class TwoFactorLoginForm(OTPAdminAuthenticationForm):
    """Password first; then, for staff with an authenticator, the code it shows."""

    def clean(self):
        self.cleaned_data = super(OTPAdminAuthenticationForm, self).clean()
        user = self.get_user()
        if user is not None and two_factor.needs_second_factor(user):
            self.clean_otp(user)
        return self.cleaned_data


class AnalystAdminSite(admin.AdminSite):
    site_header = "Analyst"
    site_title = "Analyst"
    index_title = "Editorial desk"
    login_form = TwoFactorLoginForm
    login_template = "otp/admin111/login.html"

    def has_permission(self, request):
        return super().has_permission(request) and two_factor.may_use_admin(request.user)

    def admin_view(self, view, cacheable=False):
        """Every admin page, but for staff who must first set up an authenticator: they go to
        the enrolment page instead, and may only sign out."""
        checked = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            if two_factor.must_enrol(request.user):
                if request.path == reverse("admin:logout", current_app=self.name):
                    return view(request, *args, **kwargs)
                return self.redirect_to_enrolment(request.get_full_path())
            return checked(request, *args, **kwargs)

        return update_wrapper(csrf_protect(never_cache(inner)), view)

    def login(self, request, extra_context=None):
        if two_factor.must_enrol(request.user):
            return self.redirect_to_enrolment(request.GET.get(REDIRECT_FIELD_NAME, ""))
        return super().login(request, extra_context)

    def redirect_to_enrolment(self, then):
        enrolment = reverse("admin:two_factor_enrol", current_app=self.name)
        query = f"?{urlencode({REDIRECT_FIELD_NAME: then})}" if then else ""
        return HttpResponseRedirect(enrolment + query)

    def get_urls(self):
        enrol = csrf_protect(never_cache(self.enrolment_view))
        return [path("two-factor/", enrol, name="two_factor_enrol"), *super().get_urls()]

    def enrolment_view(self, request):
        return two_factor.enrolment_view(request, self)
