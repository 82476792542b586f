"""What the compare page says about two results, in short sentences: whether they name the
same first hire, how sure each is and what each plans next, and which differences decide.

Each side is a `result_view`; `names` say how to call them in a sentence ("your result",
"the shared result"), and `yours` whether the reader made one of them."""

from __future__ import annotations

SURE = {
    "clear": "a clear call",
    "lean": "a lean",
    "held-back": "a call for now",
    "toss-up": "a toss-up",
}


def call_words(view: dict) -> str:
    """The call, without how sure: “the AI Engineer first”, “no specialist yet”."""
    if view["verdict"] == "no-specialist":
        return "no specialist yet"
    if view["verdict"] == "find-out":
        return "a toss-up to find out before hiring"
    return f"the {view['first']['name']} first"


def _later_words(view: dict) -> str:
    later = view.get("later")
    return f"plans the {later['name']} later" if later else "plans no second hire"


def _join(names) -> str:
    names = [f"“{n}”" for n in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _deciding(deciding: list[str], differences: int, same: bool, yours: bool) -> str:
    if deciding:
        one = len(deciding) == 1
        subject = f"The answer{'' if one else 's'} to {_join(deciding)}"
        if same:
            return (
                f"{subject} could {'' if one else 'each '}change the call on "
                f"{'its' if one else 'their'} own: settle {'it' if one else 'them'} first."
            )
        return f"{subject} {'decides' if one else 'decide'} it."
    if same:
        whose = "Your" if yours else "Their"
        plural = differences != 1
        return (
            f"{whose} {differences} difference{'s' if plural else ''} "
            f"{'do' if plural else 'does'} not change who goes first."
        )
    return "No single difference decides it: several together do."


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
        head = f"The results differ: {call_words(left)} against {call_words(right)}."
        if not differences:
            return [head, "The answers are the same: the questions changed between the two."]
        return [head, _deciding(deciding, differences, False, yours)]
    if not differences:
        head = f"Both results come from the same answers: {call_words(left)}."
    else:
        head = f"{'You both get' if yours else 'Both get'} {call_words(left)}."
    sentences = [head]
    if left["verdict"] in ("ai-engineer", "ml-engineer"):
        if left["confidence"] != right["confidence"]:
            sentences.append(
                f"How sure differs: for {a} it is {SURE[left['confidence']]}, "
                f"for {b} {SURE[right['confidence']]}."
            )
        if (left.get("later") or {}).get("slug") != (right.get("later") or {}).get("slug"):
            sentences.append(
                f"What comes next differs: {a} {_later_words(left)}; {b} {_later_words(right)}."
            )
    if differences:
        sentences.append(_deciding(deciding, differences, True, yours))
    sentences[0] = sentences[0][0].upper() + sentences[0][1:]
    return sentences
