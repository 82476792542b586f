"""A result in another language than the one it was made in.

A result keeps the question bank's words in the language it was made in (its snapshot).
It can be read in another language when the published version it was scored with has
that language: the bank's words are swapped, by their slugs, for that version's
translation; nothing the advice decided (answers, first hire, scores, figures) changes.
A result made before any version was published reads in the languages today's bank
has, by the same slugs.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings

from advisor.advice import scoring
from advisor.advice.bank import Bank, bank_from_data
from advisor.advice.bank_texts import ROLE_TEXTS
from advisor.models import BankVersion
from advisor.results.snapshots import how_to_find_out, job_description, snapshot_answers


def language_of(snapshot: dict) -> str:
    return snapshot.get("language") or settings.LANGUAGE_CODE


@lru_cache(maxsize=16)
def _published_bank(number: int) -> Bank:
    """A published version's bank; versions never change, so each is read once."""
    data = BankVersion.objects.filter(number=number).values_list("bank", flat=True).first()
    if not data:
        raise LookupError(number)  # not kept: the version may be published in a moment
    return bank_from_data(data)


def _version_bank(number: int) -> Bank | None:
    try:
        return _published_bank(number)
    except LookupError:
        return None


def _bank_of(snapshot: dict) -> Bank | None:
    if snapshot.get("bank_version"):
        return _version_bank(snapshot["bank_version"])
    from advisor.bank import store

    return store.get()


def version_bank_forget() -> None:
    _published_bank.cache_clear()


def languages_of(snapshot: dict) -> tuple[str, ...]:
    """The languages this result can be read in, its own first."""
    own = language_of(snapshot)
    bank = _bank_of(snapshot)
    others = [code for code in (bank.languages if bank else ()) if code != own]
    return (own, *others)


def snapshot_in(snapshot: dict, language: str) -> dict | None:
    """The snapshot with the bank's words in `language`; None when its version lacks it."""
    if language == language_of(snapshot):
        return snapshot
    if language not in languages_of(snapshot):
        return None
    bank = _bank_of(snapshot)
    return _swap(snapshot, bank.localized(language_of(snapshot)), bank.localized(language))


def _choice_by_label(bank: Bank, question: str, label: str):
    found = bank.question(question)
    return next((c for c in found.choices if c.label == label), None) if found else None


def _swap(snapshot: dict, was: Bank, now: Bank) -> dict:
    """`snapshot`, whose words came from `was`, with `now`'s words instead."""

    def question_text(slug: str, fallback: str) -> str:
        found = now.question(slug)
        return found.text if found else fallback

    def label(question: str, choice: str, fallback: str) -> str:
        found = now.question(question)
        found = found and found.choice(choice)
        return found.label if found else fallback

    def relabel(question: str, old: str) -> str:
        choice = _choice_by_label(was, question, old)
        return label(question, choice.slug, old) if choice else old

    def rule(item: dict | None) -> dict | None:
        found = item and next((r for r in now.rules if r.slug == item["slug"]), None)
        return {**item, "title": found.title, "message": found.message} if found else item

    out = dict(snapshot, language=now.language)
    out.pop("in_english", None)
    if now.in_english:
        out["in_english"] = sorted(now.in_english)
    roles = []
    for item in snapshot.get("roles", []):
        role = now.role(item["slug"])
        roles.append({**item, **{f: getattr(role, f) for f in ROLE_TEXTS}} if role else item)
    out["roles"] = roles
    default = now.role(snapshot.get("default_role", ""))
    if default and snapshot.get("default_rule"):
        out["default_rule"] = default.first_rule
    english = now.localized("en") if now.language != "en" else now
    answers = []
    for row in snapshot.get("answers", []):
        question = now.question(row["question"])
        choice = question and question.choice(row["choice"])
        row = {**row, "question_text": question_text(row["question"], row["question_text"])}
        if choice:
            row["choice_label"] = choice.label
            row["explanation"] = choice.explanation
            original = english.question(row["question"]).choice(row["choice"]).explanation
            if now.language != "en":
                row["explanation_en"] = original
            else:
                row.pop("explanation_en", None)
        answers.append(row)
    out["answers"] = answers
    out["rules"] = {
        kind: [rule(r) for r in value] if isinstance(value, list) else rule(value)
        for kind, value in snapshot.get("rules", {}).items()
    }
    out["later_triggers"] = [
        {
            **t,
            "question_text": question_text(t["question"], t["question_text"]),
            "label": relabel(t["question"], t["label"]),
        }
        for t in snapshot.get("later_triggers", [])
    ]
    first = now.role(snapshot.get("outcome", {}).get("first_hire", ""))
    if first and snapshot.get("job_description"):
        counted = scoring.counted_answers(now, now.effective(snapshot_answers(snapshot)))
        out["job_description"] = job_description(first.job_description, counted)
    out["flips"] = [
        {
            **flip,
            "changes": [
                {
                    **c,
                    "question_text": question_text(c["question"], c["question_text"]),
                    "choice_label": label(c["question"], c["choice"], c["choice_label"]),
                }
                for c in flip.get("changes", [])
            ],
        }
        for flip in snapshot.get("flips", [])
    ]
    out["settle"] = [
        _settle_item(item, now, relabel, question_text) for item in snapshot.get("settle", [])
    ]
    if snapshot.get("came_from"):
        came = snapshot["came_from"]
        changes = []
        for change in came.get("changes", []):
            slug = next((q.slug for q in was.questions if q.text == change["question_text"]), None)
            if slug:
                change = {
                    "question_text": question_text(slug, change["question_text"]),
                    "before": relabel(slug, change["before"]) if change["before"] else "",
                    "after": relabel(slug, change["after"]) if change["after"] else "",
                }
            changes.append(change)
        out["came_from"] = {**came, "changes": changes}
    return out


def _settle_item(item: dict, now: Bank, relabel, question_text) -> dict:
    question = now.question(item["question"])
    unsure = next((c for c in question.choices if c.neutral), None) if question else None
    return {
        **item,
        "question_text": question_text(item["question"], item["question_text"]),
        "how": how_to_find_out(now, item["question"], unsure) if unsure else item["how"],
        "leads": [
            {**lead, "label": relabel(item["question"], lead["label"])} for lead in item["leads"]
        ],
    }
