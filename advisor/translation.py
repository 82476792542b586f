"""The question bank's texts in each language (django-modeltranslation): English is the
original; `<field>_es` and `<field>_de` hold the translations admins edit beside it, and
`advisor.bank.store` publishes them with the bank. Only texts are translated: slugs,
points and conditions are the same in every language, so the advice never changes."""

from modeltranslation.translator import TranslationOptions, register

from advisor.advice.bank_texts import CHOICE_TEXTS, QUESTION_TEXTS, ROLE_TEXTS, RULE_TEXTS
from advisor.models import Choice, Question, RoleProfile, Rule


@register(RoleProfile)
class RoleProfileTexts(TranslationOptions):
    fields = ROLE_TEXTS
    empty_values = ""


@register(Question)
class QuestionTexts(TranslationOptions):
    fields = QUESTION_TEXTS
    empty_values = ""


@register(Choice)
class ChoiceTexts(TranslationOptions):
    fields = CHOICE_TEXTS
    empty_values = ""


@register(Rule)
class RuleTexts(TranslationOptions):
    fields = RULE_TEXTS
    empty_values = ""
