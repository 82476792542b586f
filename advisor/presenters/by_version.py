"""What a result's snapshot version decides: the template its page renders with, the rates
it was made with, its cost panel, and the costs its summary card shows before any input.
Versions 1 and 2 through `result_v1` and `result_v2`, version 3 on through
`cost_presenter`. Versions 3 and 4 hold the same data; version 3 keeps the page it was
served with (`result_v3.html`), version 4 is the page laid out in fewer screens."""

from __future__ import annotations

from advisor import cost_presenter, costs, result_v1, result_v2

TEMPLATES = {
    1: "advisor/result_v1.html",
    2: "advisor/result_v2.html",
    3: "advisor/result_v3.html",
    4: "advisor/result.html",
}


def version_of(snapshot: dict) -> int:
    return snapshot.get("version", 1)


def template_for(snapshot: dict) -> str:
    return TEMPLATES.get(version_of(snapshot), TEMPLATES[max(TEMPLATES)])


def book_of(snapshot: dict) -> costs.Book:
    """The rates, terms and exchange rates a result was made with (version 3 on)."""
    return costs.book_from_data(snapshot.get("costs", {}))


def costs_changed(snapshot: dict, todays_digest: str) -> bool:
    """Whether the rates have changed since the result was made."""
    return snapshot.get("costs", {}).get("digest") != todays_digest


def cost_view(snapshot: dict, book: costs.Book | None = None, **inputs) -> dict:
    """The cost panel: for version 3 on, from `book` (the result's own unless today's
    rates are asked for); before that, as those results always showed it."""
    version = version_of(snapshot)
    if version == 1:
        return result_v1.cost_view(snapshot, **inputs)
    if version == 2:
        return result_v2.cost_view(snapshot, **inputs)
    view = cost_presenter.cost_view(snapshot, book or book_of(snapshot), **inputs)
    if version == 3 and not view.get("empty"):
        # Version 3's page (result_v3.html, kept byte for byte) shows its fixed pair.
        view["summary"] = _pair_summary(snapshot, book or book_of(snapshot), view, inputs)
    return view


def _pair_summary(snapshot: dict, book: costs.Book, view: dict, inputs: dict) -> list[dict]:
    """Version 3's card: in-house and dedicated offshore in the chosen region (offshore
    from the region that offers it for least, when this one does not), and the wrong hire."""
    from advisor.cost_presenter.table import hire

    first = snapshot["outcome"]["first_hire"]
    region = inputs["option"][0]
    names = {r.slug: r.name for r in book.regions}
    chosen = {name: inputs[name] for name in ("seniority", "hours", "months")}
    seniority = cost_presenter.SENIORITY_WORDS.get(inputs["seniority"], "").lower()
    currency = view["currency"]
    items = []
    in_house = hire(book, first, region, "in-house", chosen)
    if in_house:
        shown = cost_presenter.money(costs.priced(in_house, currency).monthly, currency)
        items.append(
            {
                "label": f"In-house, {names[region]} ({seniority})",
                "value": cost_presenter.Shown(f"{shown.text} a month", shown.estimate),
            }
        )
    where = region if book.offers(region, "offshore") else None
    if where is None:
        found = [
            (cost.monthly.low, r.slug)
            for r in book.regions
            if book.offers(r.slug, "offshore")
            and (cost := hire(book, first, r.slug, "offshore", chosen))
        ]
        where = min(found)[1] if found else None
    offshore = where and hire(book, first, where, "offshore", chosen)
    if offshore:
        shown = cost_presenter.money(costs.priced(offshore, currency).monthly, currency)
        items.append(
            {
                "label": f"Dedicated offshore, {names[where]} ({inputs['hours']} h a week)",
                "value": cost_presenter.Shown(f"{shown.text} a month", shown.estimate),
            }
        )
    if view.get("wrong_hire"):
        total = view["wrong_hire"]["total"]
        items.append(
            {"label": "The wrong hire", "value": cost_presenter.Shown(total.text, total.estimate)}
        )
    return items


def card_costs(snapshot: dict) -> list[dict]:
    """The first hire's monthly cost in-house and offshore, and the wrong hire, with the
    cost panel's defaults: what the result's summary card shows before any input."""
    if version_of(snapshot) >= 3:
        book = book_of(snapshot)
        option = (
            ("us", "in-house")
            if book.offers("us", "in-house")
            else next(iter(book.options), ("", ""))
        )
        view = cost_presenter.cost_view(
            snapshot,
            book,
            option=option,
            seniority="senior",
            compare=[],
            show="all",
            hours=40,
            months=12,
            currency="USD",
        )
        return view.get("summary", [])
    view = result_v1.cost_view(snapshot, hours_per_week=40, months=12)
    first = snapshot["outcome"]["first_hire"]
    items = []
    for row in view["rows"]:
        if row.role["slug"] != first:
            continue
        low, high = row.estimate.monthly_low, row.estimate.monthly_high
        text = f"${low:,}" if low == high else f"${low:,}–${high:,}"
        text = f"from {text}" if row.rate.unit == "hour" else text
        items.append(
            {
                "label": row.sourcing_label[:1].upper() + row.sourcing_label[1:],
                "value": cost_presenter.Shown(f"{text} a month", row.rate.estimate),
            }
        )
    wrong = view["mishire"]
    if wrong:
        wrong_rate = next(r for r in view["rows"] if r.role["slug"] == wrong.wrong_role)
        text = f"${wrong.low:,}" if wrong.low == wrong.high else f"${wrong.low:,}–${wrong.high:,}"
        items.append(
            {
                "label": "The wrong hire",
                "value": cost_presenter.Shown(f"about {text}", wrong_rate.rate.estimate),
            }
        )
    return items
