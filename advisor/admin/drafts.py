"""What the draft bank holds that founders do not get yet: the banner on every question
bank page ("Founders get version 4 — 3 unpublished changes"), and the differences between
two versions (or a version and the draft) in words: questions, choices, points, rules,
roles and costs."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from advisor.admin.pages import admin_page
from advisor.advice.bank import bank_as_data
from advisor.bank import store as bank_store
from advisor.bank import versions
from advisor.models import BankVersion

# The admin pages (by the model or page in their URL name) that edit or show the bank.
BANK_PAGES = {
    "question",
    "rule",
    "case",
    "roleprofile",
    "bankversion",
    "region",
    "payrate",
    "hiringterms",
    "exchangerate",
    "preview",
    "replay",
}
DRAFT = "draft"
COST_PARTS = {
    "regions": gettext_lazy("Costs: the regions (%(rows)s)."),
    "terms": gettext_lazy("Costs: the hiring terms (%(rows)s)."),
    "rates": gettext_lazy("Costs: the pay rates (%(rows)s)."),
    "currencies": gettext_lazy("Costs: the exchange rates (%(rows)s)."),
    "times_to_value": gettext_lazy("Costs: the roles' times to first value (%(rows)s)."),
}
# A question's parts, as a change names them ("“…”: its help text.").
QUESTION_PARTS = {
    "text": gettext_lazy("“%(question)s”: its text."),
    "help_text": gettext_lazy("“%(question)s”: its help text."),
    "weight": gettext_lazy("“%(question)s”: its weight."),
    "kind": gettext_lazy("“%(question)s”: its kind."),
    "condition": gettext_lazy("“%(question)s”: its condition."),
    "why": gettext_lazy("“%(question)s”: its why."),
}


def draft_state(request) -> dict | None:
    """For a question bank page: the version founders get and how many changes wait."""
    match = request.resolver_match
    name = (match.url_name or "") if match else ""
    if not name.startswith("advisor_") or name.split("_")[1] not in BANK_PAGES:
        return None
    live = versions.bank_version_live()
    changes = changes_between(live.bank if live else None, draft_data())
    return {"live": live.number if live else None, "changes": len(changes) if live else None}


def draft_data() -> dict:
    return bank_as_data(bank_store.build_draft())


def points_in_words(points: dict, roles: dict) -> str:
    return ", ".join(f"{roles.get(r, r)} {p:+d}" for r, p in points.items() if p) or _("no points")


def changes_between(live: dict | None, draft: dict) -> list[str]:
    """What publishing `draft` over `live` would change, in words an editor reads."""
    if live is None:
        return [_("Nothing is published yet: founders get the draft as it is.")]
    roles = {r["slug"]: r.get("short_name") or r["name"] for r in draft["roles"]}
    found = []
    old_q = {q["slug"]: q for q in live["questions"]}
    new_q = {q["slug"]: q for q in draft["questions"]}
    for slug in new_q.keys() - old_q.keys():
        found.append(_("New question: “%(question)s”.") % {"question": new_q[slug]["text"]})
    for slug in old_q.keys() - new_q.keys():
        found.append(_("No longer asked: “%(question)s”.") % {"question": old_q[slug]["text"]})
    for slug in [q["slug"] for q in draft["questions"] if q["slug"] in old_q]:
        found += question_changes(old_q[slug], new_q[slug], roles)
    old_r = {r["slug"]: r for r in live["rules"]}
    new_r = {r["slug"]: r for r in draft["rules"]}
    for slug in sorted(old_r.keys() | new_r.keys()):
        if old_r.get(slug) != new_r.get(slug):
            title = (new_r.get(slug) or old_r.get(slug))["title"]
            if slug not in old_r:
                found.append(_("Rule “%(title)s”: new.") % {"title": title})
            elif slug not in new_r:
                found.append(_("Rule “%(title)s”: off.") % {"title": title})
            else:
                found.append(_("Rule “%(title)s”: changed.") % {"title": title})
    if live["roles"] != draft["roles"] or live["default_role"] != draft["default_role"]:
        found.append(_("Role profiles."))
    old_words, new_words = live.get("translations") or {}, draft.get("translations") or {}
    for language in sorted(old_words.keys() | new_words.keys()):
        old, new = old_words.get(language) or {}, new_words.get(language) or {}
        differ = len({k for k in old.keys() | new.keys() if old.get(k) != new.get(k)})
        if differ:
            found.append(
                ngettext(
                    "Translations (%(language)s): %(n)s text.",
                    "Translations (%(language)s): %(n)s texts.",
                    differ,
                )
                % {"language": language, "n": differ}
            )
    old_book, new_book = live.get("cost_book") or {}, draft.get("cost_book") or {}
    for part in sorted(old_book.keys() | new_book.keys()):
        old_rows, new_rows = old_book.get(part) or [], new_book.get(part) or []
        if old_rows != new_rows:
            differ = len([r for r in new_rows if r not in old_rows]) + len(
                [r for r in old_rows if r not in new_rows]
            )
            rows = ngettext("%(count)d row differs", "%(count)d rows differ", differ)
            rows %= {"count": differ}
            fallback = _("Costs: the %(part)s (%(rows)s).") % {
                "part": part.replace("_", " "),
                "rows": rows,
            }
            found.append(COST_PARTS[part] % {"rows": rows} if part in COST_PARTS else fallback)
    return found


def question_changes(old: dict, new: dict, roles: dict) -> list[str]:
    found = []
    for field in ("text", "help_text", "weight", "kind", "condition", "why"):
        if old.get(field) != new.get(field):
            found.append(QUESTION_PARTS[field] % {"question": new["text"]})
    old_c = {c["slug"]: c for c in old["choices"]}
    for choice in new["choices"]:
        before = old_c.pop(choice["slug"], None)
        where = {"question": new["text"], "choice": choice["label"]}
        if before is None:
            found.append(_("“%(question)s” → “%(choice)s”: a new choice.") % where)
        elif before["points"] != choice["points"]:
            was, now = (points_in_words(c["points"], roles) for c in (before, choice))
            found.append(
                _("“%(question)s” → “%(choice)s”: points %(was)s → %(now)s.")
                % {**where, "was": was, "now": now}
            )
        elif before != choice:
            found.append(_("“%(question)s” → “%(choice)s”: its wording.") % where)
    for gone in old_c.values():
        found.append(
            _("“%(question)s”: choice “%(choice)s” removed.")
            % {"question": new["text"], "choice": gone["label"]}
        )
    return found


def version_data(key: str) -> tuple[str, dict]:
    if key == DRAFT:
        return _("the draft"), draft_data()
    version = BankVersion.objects.filter(number=key if key.isdigit() else -1).first()
    if version is None:
        raise Http404(_("No such version."))
    return _("version %(number)s") % {"number": version.number}, version.bank


@admin_page("admin/advisor/compare.html", gettext_lazy("Compare two versions of the question bank"))
def compare(model_admin, request):
    """`?a=3&b=draft`: what changes from version a to version b, in words."""
    numbers = list(BankVersion.objects.order_by("-number").values_list("number", flat=True))
    live = versions.bank_version_live()
    a = request.GET.get("a") or (str(live.number) if live else "")
    b = request.GET.get("b") or DRAFT
    context = {"numbers": numbers, "a": a, "b": b, "draft": DRAFT}
    if a:
        (a_name, a_data), (b_name, b_data) = version_data(a), version_data(b)
        context |= {"a_name": a_name, "b_name": b_name, "changes": changes_between(a_data, b_data)}
    return context
