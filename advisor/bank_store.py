"""The question bank as plain `bank.Bank` data: the published version founders get, and
the draft admins edit (the bank's own tables).

The published bank is one row (the latest version) and is kept for a few seconds per
process, so a wizard step costs no bank queries; publishing forgets the copy in this
process at once, other processes pick it up within `TTL_SECONDS`. Before anything has
been published, founders get the draft.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import fields
from decimal import Decimal

from advisor import bank_rules, costs
from advisor.bank import Bank, Choice, Question, Role, Rule, bank_from_data
from advisor.models import CostRate, RoleProfile
from advisor.models import Question as QuestionRow
from advisor.models import Rule as RuleRow

TTL_SECONDS = 10
ROLE_FIELDS = tuple(f.name for f in fields(Role))


def build() -> Bank:
    """The bank founders get: the latest published version, else the draft."""
    from advisor.models import BankVersion

    published = BankVersion.objects.order_by("-number").values_list("bank", flat=True).first()
    return bank_from_data(published) if published else build_draft()


def build_draft() -> Bank:
    """The bank as admins have edited it, published or not."""
    rows = list(RoleProfile.objects.all())
    roles = tuple(Role(**{f: getattr(r, f) for f in ROLE_FIELDS}) for r in rows)
    default = next((r.slug for r in rows if r.first_by_default), rows[0].slug if rows else "")
    active = (
        QuestionRow.objects.filter(is_active=True)
        .select_related("show_if__question")
        .prefetch_related("choices__points__role")
    )
    questions = []
    for q in active:
        questions.append(
            Question(
                slug=q.slug,
                text=q.text,
                weight=q.weight,
                choices=tuple(
                    Choice(
                        slug=c.slug,
                        label=c.label,
                        points={p.role.slug: p.points for p in c.points.all()},
                        explanation=c.explanation,
                        hint=c.hint,
                        id=c.id,
                    )
                    for c in q.choices.all()
                ),
                condition=(q.show_if.question.slug, q.show_if.slug) if q.show_if_id else None,
                kind=q.kind,
                help_text=q.help_text,
                why=q.why,
                id=q.id,
                condition_text=(
                    f"“{q.show_if.label}” to “{q.show_if.question.text}”" if q.show_if_id else ""
                ),
            )
        )
    rules = []
    for r in RuleRow.objects.filter(is_active=True).select_related("role"):
        try:
            when = bank_rules.parse_when(r.when)
        except ValueError:
            continue  # refused by the admin form; never half-applied
        rules.append(Rule(r.slug, r.kind, when, r.role.slug if r.role else "", r.title, r.message))
    rates = tuple(
        costs.Rate(
            role=r.role.slug,
            sourcing=r.sourcing,
            unit=r.unit,
            low=Decimal(r.low),
            high=Decimal(r.high),
            weeks_to_hire=r.weeks_to_hire,
            source_note=r.source_note,
            as_of=r.as_of.isoformat(),
            estimate=r.is_estimate,
        )
        for r in CostRate.objects.select_related("role")
    )
    parts = (roles, default, tuple(questions), tuple(rules), rates)
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:16]
    return Bank(roles, default, tuple(questions), tuple(rules), rates, digest)


_cache: tuple[float, Bank] | None = None


def get() -> Bank:
    global _cache
    now = time.monotonic()
    if _cache is None or now - _cache[0] > TTL_SECONDS:
        _cache = (now, build())
    return _cache[1]


def forget(**kwargs) -> None:
    global _cache
    _cache = None
