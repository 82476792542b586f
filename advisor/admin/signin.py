"""Strong staff sign-in: a second factor for staff who may publish the bank or change
costs, and the limit on sign-in attempts.

The second factor is a time-based code from an authenticator app (django-otp's TOTP
device), or one of ten single-use recovery codes (its static device) shown once when the
app is enrolled. A staff user who needs it and has no app yet enrols on the same page:
the app's QR code (and its secret as text), then a first code to confirm it.

Each password or code tried takes a token from the client's sign-in limit
(`advisor.ops.throttle`); a full sign-in gives them back. An empty bucket is a lockout
(superusers see and lift them in `lockouts`).
"""

from __future__ import annotations

from base64 import b32encode
from datetime import timedelta

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from advisor.ops import throttle

LOGIN_SCOPE = "login"
LOCKED_OUT = gettext_lazy(
    "Too many failed sign-ins from this connection. Wait 15 minutes and try again."
)
LOGIN_WINDOW = timedelta(minutes=15)
RECOVERY_CODES = 10
# Rights that change what founders see or what a hire is said to cost.
STRONG_RIGHTS = ("advisor.publish_bankversion", "advisor.change_payrate")


def needs_second_factor(user) -> bool:
    return user.is_active and any(user.has_perm(right) for right in STRONG_RIGHTS)


def signed_in_fully(user) -> bool:
    """Signed in as this user, with the second factor when the user needs one."""
    # Just after the password, `user` is the plain one `auth.login` set: not verified.
    verified = getattr(user, "is_verified", None)
    return not needs_second_factor(user) or bool(verified and verified())


def sign_in_allowed(request) -> bool:
    """Take one token from this client's sign-in limit: False once it is locked out."""
    limit = settings.LOGIN_FAILURES_PER_15_MINUTES
    return throttle.allow(throttle.key_of(LOGIN_SCOPE, request), limit, LOGIN_WINDOW)


def signed_in(request) -> None:
    """A full sign-in: this client's failures are forgotten."""
    throttle.forget(throttle.key_of(LOGIN_SCOPE, request))


def locked_out(request):
    return render(request, "429.html", {"message": LOCKED_OUT}, status=429)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        help_text=gettext_lazy(
            "The 6 digits your authenticator app shows, or one of your recovery codes."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if safe else reverse("admin:index")


def _unconfirmed_app(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def second_factor_view(site):
    """The second-factor page of `site`: reached half signed in, so not behind its
    `admin_view`."""
    return never_cache(csrf_protect(login_not_required(lambda r: second_factor(site, r))))


def second_factor(site, request):
    """GET: ask for a code (or enrol an app first). POST: check it."""
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return HttpResponseRedirect(reverse("admin:login"))
    if signed_in_fully(user):
        return HttpResponseRedirect(_next(request))
    enrolled = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    app = None if enrolled else _unconfirmed_app(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if not sign_in_allowed(request):
            return locked_out(request)
        if form.is_valid():
            code = form.cleaned_data["code"].replace(" ", "")
            if enrolled:
                device = match_token(user, code)
            else:
                device = app if app.verify_token(code) else None
            if device is not None:
                otp_login(request, device)
                signed_in(request)
                if enrolled:
                    return HttpResponseRedirect(_next(request))
                app.confirmed = True
                app.save(update_fields=["confirmed"])
                context = {"codes": _new_recovery_codes(user), "next": _next(request)}
                return _page(site, request, _("Keep your recovery codes"), context)
            form.add_error("code", _("That code is not right, or has been used. Try the next one."))
    context = {"form": form, "next": _next(request), "enrolled": enrolled}
    if app is not None:
        context |= {"qr": segno.make(app.config_url).svg_inline(scale=4), "secret": _secret(app)}
    title = _("Enter your code") if enrolled else _("Set up two-factor sign-in")
    return _page(site, request, title, context)


def _secret(app: TOTPDevice) -> str:
    text = b32encode(app.bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def _page(site, request, title, context):
    frame = site.each_context(request)
    return TemplateResponse(
        request, "admin/advisor/second_factor.html", {**frame, "title": title, **context}
    )
