"""The question bank as plain `bank.Bank` data: the published version founders get, and
the draft admins edit (the bank's own tables).

The published bank is one row (the latest version) and is kept for a few seconds per
process, so a wizard step costs no bank queries; publishing forgets the copy in this
process at once, other processes pick it up within `TTL_SECONDS`. Before anything has
been published, founders get the draft. Its texts in Spanish and German (the `_es` and
`_de` columns of advisor/translation.py) travel with it as `translations`; `get(language)`
gives it localized, made once per published bank and language.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import fields
from decimal import Decimal

from django.conf import settings
from django.utils import translation

from advisor import costs
from advisor.advice import bank_rules
from advisor.advice.bank import Bank, Choice, Question, Role, Rule, bank_from_data
from advisor.advice.bank_texts import CHOICE_TEXTS, QUESTION_TEXTS, ROLE_TEXTS, RULE_TEXTS
from advisor.models import ExchangeRate, HiringTerms, PayRate, Region, RoleProfile
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
    """The bank as admins have edited it, published or not: English texts, with their
    translations beside them."""
    with translation.override("en"):
        return _build_draft()


def _translations(found: list[tuple[str, object, tuple[str, ...]]]) -> dict:
    """{language: {key: text}} of the non-empty translations of these rows' texts."""
    words: dict[str, dict[str, str]] = {}
    for language, _ in settings.LANGUAGES:
        if language == "en":
            continue
        for prefix, row, names in found:
            for name in names:
                if text := getattr(row, f"{name}_{language}", None):
                    words.setdefault(language, {})[f"{prefix}:{name}"] = text
    return words


def _en(row, name: str):
    """A field's English: its `_en` column, or the original column where that is still
    empty (a row an app server on the previous release wrote during a deploy)."""
    if f"{name}_en" not in row.__dict__:
        return getattr(row, name)  # not a translated text
    english = row.__dict__[f"{name}_en"]
    return row.__dict__[name] if english is None else english


def _build_draft() -> Bank:
    rows = list(RoleProfile.objects.all())
    roles = tuple(Role(**{f: _en(r, f) for f in ROLE_FIELDS}) for r in rows)
    default = next((r.slug for r in rows if r.first_by_default), rows[0].slug if rows else "")
    active = (
        QuestionRow.objects.filter(is_active=True)
        .select_related("show_if__question")
        .prefetch_related("choices__points__role")
    )
    questions = []
    found = [(f"role:{r.slug}", r, ROLE_TEXTS) for r in rows]
    for q in active:
        found.append((f"question:{q.slug}", q, QUESTION_TEXTS))
        found.extend((f"choice:{q.slug}:{c.slug}", c, CHOICE_TEXTS) for c in q.choices.all())
        questions.append(
            Question(
                slug=q.slug,
                text=_en(q, "text"),
                weight=q.weight,
                choices=tuple(
                    Choice(
                        slug=c.slug,
                        label=_en(c, "label"),
                        points={p.role.slug: p.points for p in c.points.all()},
                        explanation=_en(c, "explanation"),
                        hint=_en(c, "hint"),
                        id=c.id,
                    )
                    for c in q.choices.all()
                ),
                condition=(q.show_if.question.slug, q.show_if.slug) if q.show_if_id else None,
                kind=q.kind,
                help_text=_en(q, "help_text"),
                why=_en(q, "why"),
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
        rules.append(
            Rule(
                r.slug,
                r.kind,
                when,
                r.role.slug if r.role else "",
                _en(r, "title"),
                _en(r, "message"),
            )
        )
        found.append((f"rule:{r.slug}", r, RULE_TEXTS))
    words = _translations(found)
    # Translations change the digest only when there are some: an untranslated bank's
    # digest is what it always was.
    parts = (roles, default, tuple(questions), tuple(rules)) + ((words,) if words else ())
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:16]
    book = cost_book(rows)
    return Bank(
        roles,
        default,
        tuple(questions),
        tuple(rules),
        digest=digest,
        cost_book=book,
        cost_digest=costs.book_digest(costs.book_data(book)),
        translations=words,
    )


def cost_book(roles: list[RoleProfile]) -> costs.Book:
    """Regions, hiring terms, pay rates and exchange rates as a plain `costs.Book`: the
    active ones, and only the terms and pay of active regions."""
    active = {"is_active": True, "region__is_active": True}
    return costs.Book(
        regions=tuple(costs.Region(r.slug, r.name) for r in Region.objects.filter(is_active=True)),
        terms=tuple(
            costs.Terms(
                region=t.region.slug,
                engagement=t.engagement,
                on_costs=t.on_costs,
                recruiting_share=t.recruiting_share,
                recruiting_fee=t.recruiting_fee,
                equipment=t.equipment,
                weeks_to_hire=Decimal(t.weeks_to_hire),
                ramp_up_weeks=Decimal(t.ramp_up_weeks),
                source_note=t.source_note,
                as_of=t.as_of.isoformat(),
                estimate=t.is_estimate,
                hire_time_estimate=t.hire_time_is_estimate,
                countries=tuple(costs.country_from_data(c) for c in t.countries or []),
            )
            for t in HiringTerms.objects.filter(**active).select_related("region")
        ),
        rates=tuple(
            costs.PayRate(
                role=r.role.slug,
                region=r.region.slug,
                engagement=r.engagement,
                seniority=r.seniority,
                unit=r.unit,
                low=r.low,
                high=r.high,
                loaded=r.is_loaded,
                starting=r.is_starting_price,
                source_note=r.source_note,
                as_of=r.as_of.isoformat(),
                estimate=r.is_estimate,
                source_kind=r.source_kind,
                source_name=r.source_name,
                source_url=r.source_url,
                method=r.method,
                base=_rate_key(r.base) if r.base_id else "",
                factor=r.factor or Decimal(0),
            )
            for r in PayRate.objects.filter(**active).select_related(
                "role", "region", "base__role", "base__region"
            )
        ),
        currencies=tuple(
            costs.Currency(c.code, c.symbol, c.per_usd, c.as_of.isoformat(), c.source_note)
            for c in ExchangeRate.objects.filter(is_active=True)
        ),
        times_to_value=tuple(
            costs.TimeToValue(r.slug, r.value_weeks_low, r.value_weeks_high, r.time_to_first_value)
            for r in roles
        ),
    )


def _rate_key(rate: PayRate) -> str:
    return f"{rate.role.slug}/{rate.region.slug}/{rate.engagement}/{rate.seniority}"


_cache: tuple[float, Bank] | None = None


def get(language: str = "en") -> Bank:
    """The bank founders get, its texts in the language (English where untranslated)."""
    global _cache
    now = time.monotonic()
    if _cache is None or now - _cache[0] > TTL_SECONDS:
        _cache = (now, build())
    return _cache[1].localized(language)


def forget(**kwargs) -> None:
    global _cache
    _cache = None
