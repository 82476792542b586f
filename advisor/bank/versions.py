"""Versions of the question bank: admins edit a draft (the bank's own tables), founders get
the published version until someone with the right publishes the draft.

Publishing checks the draft against the bank's rules, records who published it and when,
keeps the whole bank as founders will get it, and every row of it in one django-reversion
revision; restoring an earlier version writes those rows back as the new draft.
A draft with a language incomplete is published all the same: `untranslated` says which
texts founders in that language will read in English.
"""

from __future__ import annotations

import reversion
from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from advisor.advice import bank_rules
from advisor.advice.bank import Bank, bank_as_data
from advisor.bank import store as bank_store
from advisor.models import (
    BANK_MODELS,
    COST_MODELS,
    Answer,
    BankVersion,
    Choice,
    ExchangeRate,
    HiringTerms,
    PayRate,
    Region,
)


class NotPublishable(Exception):
    """The draft breaks the bank's rules: the messages say how."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def bank_version_publish(*, user=None, note: str = "") -> BankVersion:
    """The draft becomes the version founders get."""
    draft = bank_store.build_draft()
    problems = bank_rules.bank_problems(draft)
    if problems:
        raise NotPublishable(problems)
    with transaction.atomic():
        number = (BankVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1
        published = bank_as_data(draft)
        published["version"] = number
        with reversion.create_revision():
            for model in BANK_MODELS:
                for obj in model.objects.all():
                    reversion.add_to_revision(obj)
            if user is not None and user.is_authenticated:
                reversion.set_user(user)
            reversion.set_comment(f"Published version {number}" + (f": {note}" if note else ""))
            reversion.add_meta(
                BankVersion,
                number=number,
                note=note,
                bank=published,
                published_by=user.get_username() if user is not None else "",
            )
    bank_store.forget()
    return BankVersion.objects.get(number=number)


def bank_version_restore(*, version: BankVersion, user=None) -> None:
    """Make an earlier version the draft again: its questions, rules, roles, cases and
    costs. Rows it did not have are retired (made inactive) where they can be, and kept
    wherever founders' answers may still point at them."""
    kept = {
        (v.content_type.model_class(), int(v.object_id))
        for v in version.revision.version_set.select_related("content_type")
    }
    held = {model for model, _ in kept}
    with transaction.atomic(), reversion.create_revision():
        version.revision.revert(delete=False)
        for model in BANK_MODELS:
            if model in COST_MODELS and model not in held:
                continue  # published before its costs were kept with it
            newer = model.objects.exclude(pk__in=[pk for m, pk in kept if m is model])
            if any(f.name == "is_active" for f in model._meta.fields):
                newer.update(is_active=False)
            elif model is Choice:
                newer.exclude(pk__in=Answer.objects.values("choice_id")).delete()
            else:
                newer.delete()
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(f"Restored version {version.number} as the draft")
    bank_store.forget()


def untranslated(bank: Bank) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(language name, [(what, field, English text)]) for each language besides English:
    the texts of the bank not translated into it, in the bank's order."""
    what = {}
    for role in bank.roles:
        what[f"role:{role.slug}"] = _("Role “%(name)s”") % {"name": role.name}
    for q in bank.questions:
        what[f"question:{q.slug}"] = _("Question “%(text)s”") % {"text": q.text}
        for c in q.choices:
            what[f"choice:{q.slug}:{c.slug}"] = _("Choice “%(label)s” of “%(question)s”") % {
                "label": c.label,
                "question": q.text,
            }
    for rule in bank.rules:
        what[f"rule:{rule.slug}"] = _("Rule “%(title)s”") % {"title": rule.title}
    found = []
    for language, name in settings.LANGUAGES:
        if language != "en":
            rows = []
            for key, text in bank.missing(language):
                owner, field = key.rsplit(":", 1)
                rows.append((what[owner], field.replace("_", " "), text))
            found.append((name, rows))
    return found


def bank_version_live() -> BankVersion | None:
    return BankVersion.objects.order_by("-number").first()


# Where each cost table's rows are in a published bank (`bank_as_data`), and the fields
# that make up their natural keys there.
PUBLISHED_AS = {
    Region: (("cost_book", "regions"), ("slug",)),
    HiringTerms: (("cost_book", "terms"), ("region", "engagement")),
    PayRate: (("cost_book", "rates"), ("role", "region", "engagement", "seniority")),
    ExchangeRate: (("cost_book", "currencies"), ("code",)),
}


def cost_rows_in_use(model) -> set[tuple]:
    """The natural keys of the rows of a cost table that results use: those in the costs
    of a published version (founders' results are made with one), or, before anything is
    published, of the draft founders get. One query over the versions, not the results."""
    path, names = PUBLISHED_AS[model]
    published = BankVersion.objects.values_list("__".join(("bank", *path)), flat=True)
    parts = list(published)
    if not parts:
        data = bank_as_data(bank_store.build_draft())
        parts = [data[path[0]] if len(path) == 1 else data[path[0]][path[1]]]
    return {tuple(row.get(name) for name in names) for part in parts for row in part or []}
