"""The result page's sentences, each a whole translatable sentence with named
placeholders: the verdict's heading and summary, the one-line reason, how sure and why,
how the counted answers split, and what each toss-up answer would lead to. Role names,
questions and answers come from the snapshot."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from advisor.results.presenters.words import and_list, quoted


def verdict_of(outcome: dict) -> str:
    """The one verdict; snapshots made before verdicts were stored derive it."""
    if outcome.get("verdict"):
        return outcome["verdict"]
    if outcome.get("specialist") == "not-yet":
        return "no-specialist"
    if outcome["confidence"] == "toss-up":
        return "find-out"
    return outcome["first_hire"]


def verdict_words(snapshot: dict, roles: dict, verdict: str) -> dict:
    """The verdict's own heading, page title and share preview."""
    first = roles[snapshot["outcome"]["first_hire"]]
    if verdict == "no-specialist":
        return {
            "eyebrow": "",
            "heading": _("No specialist yet"),
            "title": _("No specialist yet: your engineers can ship it"),
            "summary": _(
                "Ship it on a hosted model with the engineers you have; hire the %(role)s "
                "when AI features become a line of work of their own."
            )
            % {"role": first["name"]},
        }
    if verdict == "find-out":
        settle = snapshot.get("settle") or []
        if settle:
            summary = _("A toss-up that turns on %(questions)s: find that out before you hire.") % {
                "questions": and_list(s["question_text"] for s in settle)
            }
        else:
            summary = _(
                "A toss-up: your answers pull both ways. Check the points below before you hire."
            )
        names = [r["name"] for r in snapshot["roles"]]
        if len(names) == 2:
            title = _("Find out first: %(role)s or %(other)s") % {
                "role": names[0],
                "other": names[1],
            }
        else:
            title = _("Find out first: %(roles)s") % {"roles": ", ".join(names)}
        return {"eyebrow": "", "heading": _("Find out first"), "title": title, "summary": summary}
    return {
        "eyebrow": _("hire first"),
        "heading": first["name"],
        "title": _("Hire %(role)s first") % {"role": first["name"]},
        "summary": "",
    }


def description(first: dict, confidence: str) -> str:
    """The page's meta description, when the verdict has no summary of its own."""
    return _(
        "Hiring Advisor recommends hiring %(role)s first (%(confidence)s), with the reasons, "
        "costs and what would change the answer."
    ) % {"role": first["name"], "confidence": LOWER[confidence]}


# How sure, inside a sentence ("… first (a clear call)").
LOWER = {
    "clear": gettext_lazy("a clear call"),
    "lean": gettext_lazy("a lean"),
    "toss-up": gettext_lazy("a toss-up"),
    "held-back": gettext_lazy("first, for now"),
}


def lead_words(lead: dict, roles: dict) -> str:
    """What one answer to a toss-up's open question would lead to."""
    verdict = lead.get("verdict") or lead["first_hire"]
    if verdict == "no-specialist":
        return _("no specialist yet: your engineers ship it")
    if verdict == "find-out" or lead["confidence"] == "toss-up":
        return _("still a toss-up")
    name = {"role": roles[lead["first_hire"]]["name"]}
    if lead["confidence"] == "held-back":
        return _("the %(role)s first, for now") % name
    if lead["confidence"] == "lean":
        return _("the %(role)s first, a lean") % name
    return _("the %(role)s first, a clear call") % name


def _counted(snapshot: dict) -> list[dict]:
    return [a for a in snapshot["answers"] if a["counted"]]


def headline(snapshot: dict, roles: dict) -> str:
    """The one-line reason: what decided the call."""
    outcome, rules = snapshot["outcome"], snapshot["rules"]
    first = roles[outcome["first_hire"]]
    if rules.get("not_yet") and verdict_of(outcome) == "no-specialist":
        return rules["not_yet"]["title"]
    if rules["held_back"]:
        return rules["held_back"][0]["title"]
    if outcome["basis"] == "core" and rules["decided"]:
        return rules["decided"]["title"]
    if outcome["confidence"] == "toss-up":
        return _("Neither role is ahead enough to call it.")
    total = len(_counted(snapshot))
    return ngettext(
        "%(count)s of the %(total)s counted answer points to the %(role)s.",
        "%(count)s of the %(total)s counted answers point to the %(role)s.",
        total,
    ) % {"count": outcome["counts"].get(first["slug"], 0), "total": total, "role": first["name"]}


def counts_words(snapshot: dict, roles: dict) -> str:
    """How many counted answers point each way, e.g. "5 of the 7 counted answers point to
    the AI engineer, 1 to the ML engineer; 2 were “not sure” and not counted"."""
    counted = _counted(snapshot)
    ranked = sorted(snapshot["outcome"]["counts"].items(), key=lambda item: -item[1])
    names = [roles[slug]["short_name"] for slug, _n in ranked]
    numbers = [n for _slug, n in ranked]
    total = len(counted)
    if not counted or not ranked:
        text = _("no answer was counted")
    elif len(ranked) == 1:
        text = ngettext(
            "%(count)s of the %(total)s counted answer points to the %(role)s",
            "%(count)s of the %(total)s counted answers point to the %(role)s",
            total,
        ) % {"count": numbers[0], "total": total, "role": names[0]}
    else:
        values = {"count": numbers[0], "total": total, "role": names[0], "other": names[1]}
        if numbers[1]:
            text = ngettext(
                "%(count)s of the %(total)s counted answer points to the %(role)s, "
                "%(other_count)s to the %(other)s",
                "%(count)s of the %(total)s counted answers point to the %(role)s, "
                "%(other_count)s to the %(other)s",
                total,
            ) % {**values, "other_count": numbers[1]}
        else:
            text = (
                ngettext(
                    "%(count)s of the %(total)s counted answer points to the %(role)s, "
                    "none to the %(other)s",
                    "%(count)s of the %(total)s counted answers point to the %(role)s, "
                    "none to the %(other)s",
                    total,
                )
                % values
            )
    unsure = len(snapshot["answers"]) - total
    if unsure:
        text = ngettext(
            "%(counts)s; %(count)s was “not sure” and not counted",
            "%(counts)s; %(count)s were “not sure” and not counted",
            unsure,
        ) % {"counts": text, "count": unsure}
    return text


def _balance(snapshot: dict) -> bool:
    """Whether the counted answers balance: the counts within one of each other."""
    counts = list(snapshot["outcome"]["counts"].values())
    return bool(counts) and max(counts) - min(counts) <= 1


def _weighed(snapshot: dict, roles: dict) -> str:
    """The sentence added when the count favours the role that does not go first."""
    outcome = snapshot["outcome"]
    leader = max(outcome["counts"], key=lambda r: outcome["counts"][r], default="")
    more = [r for r, n in outcome["counts"].items() if n == outcome["counts"].get(leader)]
    if (
        leader
        and len(more) == 1
        and leader != outcome["best_fit"]
        and outcome["basis"] != "tie-break"
        and outcome["confidence"] != "toss-up"
    ):
        return " " + _(
            "The count favours the %(role)s, but the two core questions weigh more than the others."
        ) % {"role": roles[leader]["short_name"]}
    return ""


def _toss_up_sentence(snapshot: dict, roles: dict, counts: str) -> str:
    outcome, rules = snapshot["outcome"], snapshot["rules"]
    turns = [
        a["question_text"]
        for a in snapshot["answers"]
        if a["question"] in outcome.get("turns_on", [])
    ]
    if turns:
        why = _("the call turns on %(questions)s (%(counts)s).") % {
            "questions": and_list(turns),
            "counts": counts,
        }
    elif _balance(snapshot):
        why = _("the answers balance (%(counts)s).") % {"counts": counts}
    else:
        why = _("the weighted answers leave neither role far enough ahead (%(counts)s).") % {
            "counts": counts
        }
    if outcome["basis"] == "tie-break" and rules["decided"]:
        settled = rules["decided"]["message"]
    elif outcome["basis"] == "default":
        settled = snapshot["default_rule"]
    else:
        settled = _("Until then the %(role)s is the nearer call.") % {
            "role": roles[outcome["first_hire"]]["name"]
        }
    return f"{why} {settled}"


def confidence_sentence(snapshot: dict, roles: dict) -> str:
    """How sure, in words that agree with the numbers: what decided it, and the counts."""
    outcome = snapshot["outcome"]
    first, best_fit = roles[outcome["first_hire"]], roles[outcome["best_fit"]]
    counts = counts_words(snapshot, roles)
    weighed = _weighed(snapshot, roles)
    later = roles.get(outcome.get("later_hire"))
    values = {"role": first["name"], "counts": counts}
    if outcome["confidence"] == "held-back" and best_fit == first and later:
        return _(
            "neither role is far enough ahead, and the %(later)s cannot deliver yet, so the "
            "%(role)s goes first (%(counts)s)."
        ) % {**values, "later": later["name"]}
    if outcome["confidence"] == "held-back":
        return (
            _(
                "in the long run the answers point to the %(best)s, but it cannot deliver yet, "
                "so the %(role)s goes first (%(counts)s)."
            )
            % {**values, "best": best_fit["name"]}
            + weighed
        )
    if outcome["confidence"] == "toss-up":
        return _toss_up_sentence(snapshot, roles, counts)
    if outcome["basis"] == "core" and outcome["confidence"] == "lean":
        return (
            _(
                "both core questions of the article's checklist point this way; the points "
                "below are worth checking (%(counts)s)."
            )
            % values
            + weighed
        )
    if outcome["basis"] == "core":
        return (
            _("both core questions of the article's checklist point this way (%(counts)s).")
            % values
            + weighed
        )
    return _("%(counts)s; the weighted answers put the %(role)s ahead.") % values + weighed


def changes_words(came_from: dict | None) -> str:
    """The answers changed since the earlier result, e.g. “A” changed from “x” to “y”."""
    not_asked = pgettext("an answer not given", "not asked")
    return and_list(
        (
            _("%(question)s changed from %(before)s to %(after)s")
            % {
                "question": quoted(c["question_text"]),
                "before": quoted(c["before"] or not_asked),
                "after": quoted(c["after"] or not_asked),
            }
            for c in (came_from or {}).get("changes", [])
        ),
        quote=False,
    )
