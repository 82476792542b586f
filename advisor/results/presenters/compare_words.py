"""What the compare page says about two results, in short sentences: whether they name the
same first hire, how sure each is and what each plans next, and which differences decide.

Each side is a `result_view`; `names` say how to call them in a sentence ("your result",
"the shared result"), and `yours` whether the reader made one of them. Each sentence is
one translatable whole; the calls, names and plans are short phrases placed in it."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from advisor.results.presenters.words import and_list

SURE = {
    "clear": gettext_lazy("a clear call"),
    "lean": gettext_lazy("a lean"),
    "held-back": gettext_lazy("a call for now"),
    "toss-up": gettext_lazy("a toss-up"),
}


def call_words(view: dict) -> str:
    """The call, without how sure: “the AI Engineer first”, “no specialist yet”."""
    if view["verdict"] == "no-specialist":
        return pgettext("a result's call, placed in a sentence", "no specialist yet")
    if view["verdict"] == "find-out":
        return pgettext(
            "a result's call, placed in a sentence", "a toss-up to find out before hiring"
        )
    return pgettext("a result's call, placed in a sentence", "the %(role)s first") % {
        "role": view["first"]["name"]
    }


def _later_words(view: dict) -> str:
    later = view.get("later")
    if later:
        return _("plans the %(role)s later") % {"role": later["name"]}
    return _("plans no second hire")


def _deciding(deciding: list[str], differences: int, same: bool, yours: bool) -> str:
    if deciding:
        questions = {"questions": and_list(deciding)}
        if same:
            return (
                ngettext(
                    "The answer to %(questions)s could change the call on its own: settle it "
                    "first.",
                    "The answers to %(questions)s could each change the call on their own: settle "
                    "them first.",
                    len(deciding),
                )
                % questions
            )
        return (
            ngettext(
                "The answer to %(questions)s decides it.",
                "The answers to %(questions)s decide it.",
                len(deciding),
            )
            % questions
        )
    if same:
        if yours:
            text = ngettext(
                "Your %(count)s difference does not change who goes first.",
                "Your %(count)s differences do not change who goes first.",
                differences,
            )
        else:
            text = ngettext(
                "Their %(count)s difference does not change who goes first.",
                "Their %(count)s differences do not change who goes first.",
                differences,
            )
        return text % {"count": differences}
    return _("No single difference decides it: several together do.")


def compare_sentences(
    left: dict,
    right: dict,
    *,
    names: tuple[str, str],
    yours: bool,
    differences: int,
    deciding: list[str],
) -> list[str]:
    """The compare page's sentences, first the headline. `deciding` are the texts of the
    questions whose difference alone would change a first hire."""
    a, b = names
    same_call = call_words(left) == call_words(right)
    if not same_call:
        head = _("The results differ: %(left)s against %(right)s.") % {
            "left": call_words(left),
            "right": call_words(right),
        }
        if not differences:
            return [head, _("The answers are the same: the questions changed between the two.")]
        return [head, _deciding(deciding, differences, False, yours)]
    call = {"call": call_words(left)}
    if not differences:
        head = _("Both results come from the same answers: %(call)s.") % call
    elif yours:
        head = _("You both get %(call)s.") % call
    else:
        head = _("Both get %(call)s.") % call
    sentences = [head]
    if left["verdict"] in ("ai-engineer", "ml-engineer"):
        if left["confidence"] != right["confidence"]:
            sentences.append(
                _("How sure differs: for %(a)s it is %(a_sure)s, for %(b)s %(b_sure)s.")
                % {
                    "a": a,
                    "b": b,
                    "a_sure": SURE[left["confidence"]],
                    "b_sure": SURE[right["confidence"]],
                }
            )
        if (left.get("later") or {}).get("slug") != (right.get("later") or {}).get("slug"):
            sentences.append(
                _("What comes next differs: %(a)s %(a_plan)s; %(b)s %(b_plan)s.")
                % {"a": a, "b": b, "a_plan": _later_words(left), "b_plan": _later_words(right)}
            )
    if differences:
        sentences.append(_deciding(deciding, differences, True, yours))
    sentences[0] = sentences[0][0].upper() + sentences[0][1:]
    return sentences
