"""Beyond the site: where founders come from, links that carry a draft, and consented
follow-up (webhooks are in `webhooks`)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from advisor.models.bank import new_token
from advisor.models.results import Assessment


class Attribution(models.Model):
    """Where a founder came from, recorded once when their draft starts and kept with the
    result: the campaign (utm_* parameters), the site that sent them (its origin only) and,
    in a frame, the page that showed the advisor. Nothing here names a person."""

    UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")

    assessment = models.OneToOneField(
        Assessment,
        on_delete=models.CASCADE,
        related_name="attribution",
        verbose_name=_("assessment"),
    )
    utm_source = models.CharField(
        _("campaign source (utm_source)"), max_length=100, blank=True, db_index=True
    )
    utm_medium = models.CharField(max_length=100, blank=True, verbose_name=_("utm medium"))
    utm_campaign = models.CharField(max_length=100, blank=True, verbose_name=_("utm campaign"))
    utm_term = models.CharField(max_length=100, blank=True, verbose_name=_("utm term"))
    utm_content = models.CharField(max_length=100, blank=True, verbose_name=_("utm content"))
    referrer = models.CharField(
        _("referring site"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=_("Its origin only."),
    )
    embedded = models.BooleanField(
        default=False, help_text=_("Answered in another site's page."), verbose_name=_("embedded")
    )
    embed_origin = models.CharField(_("embedded on"), max_length=200, blank=True, db_index=True)
    embed_path = models.CharField(_("embedding page"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("attribution")
        verbose_name_plural = _("attributions")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """One name for where this founder came from, as analytics groups them."""
        return source_label(self.utm_source, self.embed_origin, self.referrer, self.embedded)


def source_label(utm_source: str, embed_origin: str, referrer: str, embedded: bool) -> str:
    if utm_source:
        return f"campaign: {utm_source}"
    if embedded:
        return f"embedded: {embed_origin.split('://')[-1] or 'unknown site'}"
    if referrer:
        return f"referred: {referrer.split('://')[-1]}"
    return "direct or unknown"


class ResumeLink(models.Model):
    """A link that carries a draft (or the result it became) to another browser or tab:
    "open in a new tab" from a frame, or an emailed "finish later". It has a token of its
    own, never the draft's, and stops working once revoked or expired; a new tab's link
    works once."""

    TAB, EMAIL = "tab", "email"

    token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False, verbose_name=_("token")
    )
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="+", verbose_name=_("assessment")
    )
    kind = models.CharField(
        max_length=10, choices=[(TAB, _("new tab")), (EMAIL, _("email"))], verbose_name=_("kind")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    expires_at = models.DateTimeField(verbose_name=_("expires at"))
    used_at = models.DateTimeField(null=True, blank=True, verbose_name=_("used at"))
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("revoked at"))

    class Meta:
        verbose_name = _("resume link")
        verbose_name_plural = _("resume links")

    def __str__(self):
        return f"{self.get_kind_display()} link {self.token[:8]}…"


DEFAULT_CONSENT = (
    "I agree that Hiring Advisor may keep my name and email address, with this result, "
    "so that someone can contact me about this hire. I can withdraw at any time through "
    "the link in the confirmation email."
)


class FollowUpSettings(models.Model):
    """Whether founders are offered "Talk to someone about this hire" after their result,
    and on what terms. One row; off until an admin turns it on."""

    enabled = models.BooleanField(
        default=False,
        help_text=_("Offer founders a way to ask to be contacted about the hire."),
        verbose_name=_("enabled"),
    )
    consent_text = models.TextField(
        default=DEFAULT_CONSENT,
        help_text=_("What founders agree to. A copy is stored with each request."),
        verbose_name=_("consent text"),
    )
    retention_days = models.PositiveSmallIntegerField(
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text=_(
            "Requests are deleted this many days after they were made "
            "(by `manage.py purge_drafts`)."
        ),
        verbose_name=_("retention days"),
    )

    class Meta:
        verbose_name = verbose_name_plural = _("follow-up settings")

    def __str__(self):
        return "Follow-up settings"

    def save(self, *args, **kwargs):
        self.pk = 1  # one row, whatever the form
        super().save(*args, **kwargs)


class ContactRequest(models.Model):
    """A founder who asked to talk to someone about their result, and what they agreed
    to. Deleted after the retention period, or at once when they withdraw."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="+", verbose_name=_("assessment")
    )
    name = models.CharField(max_length=100, verbose_name=_("name"))
    email = models.EmailField(max_length=254, verbose_name=_("email"))
    consent_text = models.TextField(verbose_name=_("consent text"))
    consented_at = models.DateTimeField(db_index=True, verbose_name=_("consented at"))
    withdraw_token = models.CharField(
        max_length=64,
        unique=True,
        default=new_token,
        editable=False,
        verbose_name=_("withdraw token"),
    )

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-consented_at"]

    def __str__(self):
        return f"{self.name} ({self.consented_at:%Y-%m-%d})"
