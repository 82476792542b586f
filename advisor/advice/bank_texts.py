"""The bank's texts by key, and the bank with them in another language.

A text's key names where it is: `role:<slug>:<field>`, `question:<slug>:<field>`,
`choice:<question slug>:<choice slug>:<field>`, `rule:<slug>:<field>`. A bank's
`translations` hold, per language, the translated texts by key; English is the original.
Nothing here is read by the scoring: slugs and points are the same in every language.
"""

from __future__ import annotations

from dataclasses import replace


def text_keys(bank) -> dict[str, str]:
    """Every translatable text of the bank by key: `role:<slug>:<field>`,
    `question:<slug>:<field>`, `choice:<question>:<choice>:<field>`, `rule:<slug>:<field>`."""
    keys = {}
    for role in bank.roles:
        keys.update({f"role:{role.slug}:{f}": getattr(role, f) for f in ROLE_TEXTS})
    for q in bank.questions:
        keys.update({f"question:{q.slug}:{f}": getattr(q, f) for f in QUESTION_TEXTS})
        for c in q.choices:
            keys.update({f"choice:{q.slug}:{c.slug}:{f}": getattr(c, f) for f in CHOICE_TEXTS})
    for rule in bank.rules:
        keys.update({f"rule:{rule.slug}:{f}": getattr(rule, f) for f in RULE_TEXTS})
    return keys


ROLE_TEXTS = (
    "name",
    "short_name",
    "summary",
    "core_work",
    "typical_stack",
    "data_need",
    "time_to_first_value",
    "owns_in_production",
    "best_when",
    "job_description",
    "first_rule",
)
QUESTION_TEXTS = ("text", "help_text", "why")
CHOICE_TEXTS = ("label", "hint", "explanation")
RULE_TEXTS = ("title", "message")


def localize(bank, language: str):
    """`bank.localized(language)` without the memo."""
    words = bank.translations.get(language, {})
    english = set()

    def swap(obj, prefix: str, names: tuple[str, ...]):
        changes = {}
        for name in names:
            key = f"{prefix}:{name}"
            if words.get(key):
                changes[name] = words[key]
            elif getattr(obj, name):
                english.add(key)
        return replace(obj, **changes) if changes else obj

    questions = []
    for q in bank.questions:
        choices = tuple(swap(c, f"choice:{q.slug}:{c.slug}", CHOICE_TEXTS) for c in q.choices)
        questions.append(replace(swap(q, f"question:{q.slug}", QUESTION_TEXTS), choices=choices))
    by_slug = {q.slug: q for q in questions}
    for i, q in enumerate(questions):
        parent = q.condition and by_slug.get(q.condition[0])
        choice = parent and parent.choice(q.condition[1])
        if choice:
            questions[i] = replace(q, condition_text=f"“{choice.label}” to “{parent.text}”")
    return replace(
        bank,
        roles=tuple(swap(r, f"role:{r.slug}", ROLE_TEXTS) for r in bank.roles),
        questions=tuple(questions),
        rules=tuple(swap(r, f"rule:{r.slug}", RULE_TEXTS) for r in bank.rules),
        language=language,
        in_english=frozenset(english),
        original=bank,
    )
