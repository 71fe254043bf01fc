"""The admin site: a second factor for every staff member who has set one up."""

from django.conf import settings
from django.contrib import admin
from django_otp import user_has_device
from django_otp.admin import OTPAdminAuthenticationForm


def needs_second_factor(user):
    """Whether `user` must give a one-time code: always if required, else once they have one."""
    if settings.ADMIN_REQUIRE_TWO_FACTOR:
        return True
    if not hasattr(user, "_has_otp_device"):
        user._has_otp_device = user_has_device(user)  # asked more than once per request
    return user._has_otp_device


class TwoFactorLoginForm(OTPAdminAuthenticationForm):
    """Password first; then, for staff with an authenticator, the code it shows."""

    def clean(self):
        self.cleaned_data = super(OTPAdminAuthenticationForm, self).clean()
        user = self.get_user()
        if user is not None and needs_second_factor(user):
            self.clean_otp(user)
        return self.cleaned_data


class AnalystAdminSite(admin.AdminSite):
    site_header = "Analyst"
    site_title = "Analyst"
    index_title = "Editorial desk"
    login_form = TwoFactorLoginForm
    login_template = "otp/admin111/login.html"

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return request.user.is_verified() or not needs_second_factor(request.user)
