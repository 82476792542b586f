"""The question bank as plain, read-only data: roles, questions, choices, rules and costs.

Pure Python, no Django: `bank_store` builds a `Bank` from the database, and scoring,
navigation and the pages read it. One `Question` and one `Choice` type serve them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from functools import cached_property

from advisor import costs
from advisor.advice.bank_texts import localize, text_keys

UNSURE = "unsure"  # the neutral choice's slug: "not sure / haven't tried"
# "Not sure" gives no points and is not counted: exactly as if left unanswered, and the
# advice tries every real answer in its place. Every question has one, except `use-case`,
# whose "other" ("something else") is an answer of its own: counted, pointing neither way.
NEUTRAL_SLUGS = frozenset({UNSURE, "other"})  # what a question must offer besides its answers

# What a question is to the advice (see scoring): the two checklist questions that decide
# when they agree, the answers a founder can change by acting (levers), and facts.
CORE = "core"
LEVER = "lever"
FACT = "fact"
KINDS = (CORE, LEVER, FACT)


@dataclass(frozen=True)
class Role:
    slug: str
    name: str
    short_name: str = ""
    summary: str = ""
    core_work: str = ""
    typical_stack: str = ""
    data_need: str = ""
    time_to_first_value: str = ""
    owns_in_production: str = ""
    best_when: str = ""
    job_description: str = ""
    first_rule: str = ""  # the rule of thumb that makes it the default first hire

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Choice:
    slug: str
    label: str
    points: Mapping[str, int] = field(default_factory=dict)
    explanation: str = ""
    hint: str = ""
    id: int = 0

    @property
    def neutral(self) -> bool:
        """ "Not sure": not counted, exactly as if the question were left unanswered."""
        return self.slug == UNSURE


@dataclass(frozen=True)
class Question:
    slug: str
    text: str
    weight: int
    choices: tuple[Choice, ...]
    condition: tuple[str, str] | None = None  # asked only if (question, choice) was answered
    kind: str = FACT
    help_text: str = ""
    why: str = ""
    id: int = 0
    condition_text: str = ""  # e.g. “Fraud or risk detection” to “What are you building?”

    @cached_property
    def _by_slug(self) -> dict[str, Choice]:
        return {c.slug: c for c in self.choices}

    def choice(self, slug: str) -> Choice | None:
        return self._by_slug.get(slug)


@dataclass(frozen=True)
class Rule:
    """A named piece of the article's reasoning, as data an admin can read and edit.

    `when` holds every condition: {question slug: choices any of which meets it}.
    What the rule does depends on its kind (see scoring.RULE_KINDS)."""

    slug: str
    kind: str
    when: Mapping[str, frozenset[str]]
    role: str = ""
    title: str = ""
    message: str = ""

    def matches(self, answers: Mapping[str, str]) -> bool:
        return all(answers.get(q) in choices for q, choices in self.when.items())


@dataclass(frozen=True)
class Bank:
    roles: tuple[Role, ...]
    default_role: str  # the first hire when nothing else decides
    questions: tuple[Question, ...]
    rules: tuple[Rule, ...] = ()
    digest: str = ""  # changes whenever anything a wizard page shows changes
    cost_book: costs.Book = field(default_factory=costs.Book)
    cost_digest: str = ""  # changes whenever anything the costs are worked out from changes
    version: int = 0  # the published version it is, 0 for the draft
    # {language: {text key: text}}, only texts translated (see `text_keys`); English is
    # the original and never in it. Scores never read a text, so never a language.
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    language: str = "en"  # the language its texts are in (see `localized`)
    in_english: frozenset[str] = frozenset()  # keys of texts shown in English, untranslated
    original: Bank | None = field(default=None, repr=False, compare=False)  # the English

    @property
    def languages(self) -> tuple[str, ...]:
        """English, and every language with at least one text translated."""
        return ("en", *(lang for lang in sorted(self.translations) if self.translations[lang]))

    def text(self, key: str) -> str:
        """The text with this key, as this bank shows it ("" if there is none)."""
        return self._texts.get(key, "")

    def english(self, key: str) -> str:
        """The English original of the text with this key ("" if there is none)."""
        return (self.original or self).text(key)

    @cached_property
    def _texts(self) -> dict[str, str]:
        return text_keys(self)

    def missing(self, language: str) -> list[tuple[str, str]]:
        """(key, English text) of every non-empty text not translated into the language."""
        if language == "en":
            return []
        english = self.original or self
        done = english.translations.get(language, {})
        return [(k, t) for k, t in english._texts.items() if t and k not in done]

    def localized(self, language: str) -> Bank:
        """This bank with its texts in the language where translated, English elsewhere
        (those keys in `in_english`). Pure; made once per bank and language."""
        if self.original is not None:
            return self.original.localized(language)
        if language == "en":
            return self
        if language not in self._localized:
            self._localized[language] = localize(self, language)
        return self._localized[language]

    @cached_property
    def _localized(self) -> dict[str, Bank]:
        return {}

    @property
    def role_slugs(self) -> tuple[str, ...]:
        return tuple(r.slug for r in self.roles)

    def role(self, slug: str) -> Role | None:
        return next((r for r in self.roles if r.slug == slug), None)

    @cached_property
    def _by_slug(self) -> dict[str, Question]:
        return {q.slug: q for q in self.questions}

    @cached_property
    def conditional(self) -> bool:
        return any(q.condition for q in self.questions)

    def question(self, slug: str) -> Question | None:
        return self._by_slug.get(slug)

    def rules_of(self, kind: str) -> tuple[Rule, ...]:
        return self._rules_by_kind.get(kind, ())

    @cached_property
    def _rules_by_kind(self) -> dict[str, tuple[Rule, ...]]:
        kinds: dict[str, list[Rule]] = {}
        for rule in self.rules:
            kinds.setdefault(rule.kind, []).append(rule)
        return {kind: tuple(rules) for kind, rules in kinds.items()}

    def applies(self, question: Question, answers: Mapping[str, str], _depth: int = 0) -> bool:
        """Whether the founder is asked this question, given their answers."""
        if question.condition is None:
            return True
        parent = self.question(question.condition[0])
        if parent is None or _depth > len(self.questions):
            return False
        return answers.get(parent.slug) == question.condition[1] and self.applies(
            parent, answers, _depth + 1
        )

    def asked(self, answers: Mapping[str, str]) -> list[Question]:
        """The questions this founder is asked, in order."""
        if not self.conditional:
            return list(self.questions)
        return [q for q in self.questions if self.applies(q, answers)]

    def effective(self, answers: Mapping[str, str]) -> dict[str, str]:
        """The answers that count: valid choices of questions the founder is asked."""
        return {
            q.slug: answers[q.slug]
            for q in self.asked(answers)
            if q.choice(answers.get(q.slug, "")) is not None
        }

    def answers_from_ids(self, pairs: Iterable[tuple[int, int]]) -> dict[str, str]:
        """{question slug: choice slug} from (question id, choice id) pairs, dropping
        answers to questions or choices no longer in the bank."""
        by_id = {q.id: q for q in self.questions}
        answers = {}
        for question_id, choice_id in pairs:
            question = by_id.get(question_id)
            choice = question and next((c for c in question.choices if c.id == choice_id), None)
            if choice:
                answers[question.slug] = choice.slug
        return answers


def bank_as_data(bank: Bank) -> dict:
    """The bank as JSON-able data (a published version, a job's payload);
    `bank_from_data` reverses it exactly. A localized bank is kept as its English original
    with its translations."""
    bank = bank.original or bank
    return {
        "roles": [asdict(r) for r in bank.roles],
        "default_role": bank.default_role,
        "questions": [
            {
                **{k: v for k, v in asdict(q).items() if k != "choices"},
                "choices": [{**asdict(c), "points": dict(c.points)} for c in q.choices],
            }
            for q in bank.questions
        ],
        "rules": [
            {**asdict(r), "when": {q: sorted(c) for q, c in r.when.items()}} for r in bank.rules
        ],
        "digest": bank.digest,
        "version": bank.version,
        "cost_book": costs.book_data(bank.cost_book),
        "cost_digest": bank.cost_digest,
        "translations": {lang: dict(words) for lang, words in bank.translations.items()},
    }


def bank_from_data(data: Mapping) -> Bank:
    questions = tuple(
        Question(
            **{
                **q,
                "choices": tuple(Choice(**c) for c in q["choices"]),
                "condition": tuple(q["condition"]) if q["condition"] else None,
            }
        )
        for q in data["questions"]
    )
    return Bank(
        roles=tuple(Role(**r) for r in data["roles"]),
        default_role=data["default_role"],
        questions=questions,
        rules=tuple(
            Rule(**{**r, "when": {q: frozenset(c) for q, c in r["when"].items()}})
            for r in data["rules"]
        ),
        digest=data["digest"],
        version=data.get("version", 0),
        cost_book=costs.book_from_data(data.get("cost_book", {})),
        cost_digest=data.get("cost_digest", ""),
        translations=data.get("translations", {}),  # none in versions published before
    )
