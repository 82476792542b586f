"""Team decisions: a team and its members."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from advisor.models.bank import new_token
from advisor.models.results import Assessment


class Team(models.Model):
    """Co-founders deciding together: each answers on their own, then the team page shows
    where they disagree and which disagreements decide the hire.

    `token` opens the team page; `invite_token` lets someone join, until it is revoked."""

    MAX_MEMBERS = 5  # whoever starts it and up to four others

    token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False, verbose_name=_("token")
    )
    invite_token = models.CharField(
        max_length=64,
        unique=True,
        default=new_token,
        editable=False,
        verbose_name=_("invite token"),
    )
    name = models.CharField(max_length=120, verbose_name=_("name"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    invite_revoked_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("invite revoked at")
    )
    settled = models.JSONField(
        default=dict, blank=True, help_text=_("{question: choice}"), verbose_name=_("settled")
    )
    result = models.ForeignKey(
        Assessment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The team's latest result, made from what the members agree on and settle."),
        verbose_name=_("result"),
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["-created_at"]

    def __str__(self):
        return self.name


class TeamMember(models.Model):
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="members", verbose_name=_("team")
    )
    name = models.CharField(max_length=60, verbose_name=_("name"))
    joined_at = models.DateTimeField(auto_now_add=True, verbose_name=_("joined at"))
    assessment = models.ForeignKey(
        Assessment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assessment"),
    )

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["joined_at", "pk"]

    def __str__(self):
        return self.name

    @property
    def finished(self) -> bool:
        return self.assessment_id is not None
