"""What would change the answer, as whole translatable sentences: one changed answer or a
pair, and how sure the other first hire would then be."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from advisor.results.presenters.words import quoted


def flip_sentence(flip: dict, role: dict) -> str:
    """What would change the answer, as a sentence: “If your answer to “Do you have data…”
    were “Yes — a large, labeled…”, the Machine Learning Engineer would go first (a clear
    call).” Two answers: “If your answer to “A” were “x” and to “B” “y”, …”."""
    first, *more = flip["changes"]
    values = {
        "question": quoted(first["question_text"]),
        "answer": quoted(first["choice_label"]),
        "role": role["name"],
    }
    if more:
        values |= {
            "other": quoted(more[0]["question_text"]),
            "other_answer": quoted(more[0]["choice_label"]),
        }
        return _PAIR.get(flip["confidence"], _PAIR["clear"]) % values
    return _ONE.get(flip["confidence"], _ONE["clear"]) % values


_ONE = {
    "toss-up": gettext_lazy(
        "If your answer to %(question)s were %(answer)s, it would be a toss-up, settled for "
        "the %(role)s."
    ),
    "held-back": gettext_lazy(
        "If your answer to %(question)s were %(answer)s, the %(role)s would go first, for now."
    ),
    "lean": gettext_lazy(
        "If your answer to %(question)s were %(answer)s, the %(role)s would probably go first."
    ),
    "clear": gettext_lazy(
        "If your answer to %(question)s were %(answer)s, the %(role)s would go first (a clear "
        "call)."
    ),
}
_PAIR = {
    "toss-up": gettext_lazy(
        "If your answer to %(question)s were %(answer)s and to %(other)s %(other_answer)s, it "
        "would be a toss-up, settled for the %(role)s."
    ),
    "held-back": gettext_lazy(
        "If your answer to %(question)s were %(answer)s and to %(other)s %(other_answer)s, the "
        "%(role)s would go first, for now."
    ),
    "lean": gettext_lazy(
        "If your answer to %(question)s were %(answer)s and to %(other)s %(other_answer)s, the "
        "%(role)s would probably go first."
    ),
    "clear": gettext_lazy(
        "If your answer to %(question)s were %(answer)s and to %(other)s %(other_answer)s, the "
        "%(role)s would go first (a clear call)."
    ),
}
