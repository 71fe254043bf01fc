"""A second factor for staff: who must give a code, and the page where one sets up their app.

With REQUIRE_2FA_FOR_STAFF, a staff member without an authenticator signs in with their password
and is sent to the enrolment page, and nothing else of the admin, until they have confirmed one:
the page shows a QR code and the secret for a TOTP app, and a code from the app confirms it and
lets them in. Without it, only staff who have set one up give its code.
"""

import base64
import io

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Authenticator app"


def has_authenticator(user):
    if not hasattr(user, "_has_otp_device"):
        user._has_otp_device = user_has_device(user)  # asked more than once per request
    return user._has_otp_device


def needs_second_factor(user):
    """Whether `user` gives a code at sign-in: once they have an authenticator."""
    return has_authenticator(user)


def must_enrol(user):
    """Whether `user` is staff who must set up an authenticator before anything else."""
    return (
        settings.REQUIRE_2FA_FOR_STAFF
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and not has_authenticator(user)
    )


def may_use_admin(user):
    """Whether a signed-in staff member has given whatever second factor they owe."""
    if has_authenticator(user):
        return user.is_verified()
    return not settings.REQUIRE_2FA_FOR_STAFF


class ConfirmCodeForm(forms.Form):
    otp_token = forms.CharField(
        label="Code from the app",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"].replace(" ", "")
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                "That code is not the one the app shows now. Type the six digits it shows "
                "(they change every 30 seconds), and check that the phone's clock is right.",
                code="wrong_code",
            )
        return token


def enrolment_view(request, admin_site):
    """Set up an authenticator: scan or type the secret, confirm with a code, then go on."""
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return redirect(f"{reverse('admin:login')}?{REDIRECT_FIELD_NAME}={request.path}")
    if has_authenticator(user):
        return redirect("admin:index")
    device = pending_device(user)
    form = ConfirmCodeForm(device, request.POST or None)
    if form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return redirect(next_page(request))
    context = {
        **admin_site.each_context(request),
        "title": "Set up two-factor sign-in",
        "form": form,
        "qr_code": qr_code_data_url(device.config_url),
        "secret": spaced(base64.b32encode(device.bin_key).decode()),
        "next": next_page(request),
    }
    return render(request, "admin/two_factor_enrol.html", context)


def pending_device(user):
    """The authenticator this user is setting up: the same secret until they confirm it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def next_page(request):
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else reverse("admin:index")


def qr_code_data_url(text):
    buffer = io.BytesIO()
    qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage).save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def spaced(secret):
    """The secret in groups of four, as apps ask for it to be typed."""
    return " ".join(secret[start : start + 4] for start in range(0, len(secret), 4))
