"""A result's costs: the rates it was made with (or today's), its cost panel, and what its
summary card shows before any input. Every stored snapshot is in the current schema (older
ones are upgraded by a data migration), so every result renders the same way."""

from __future__ import annotations

from advisor import costs
from advisor.costs import presenter as cost_presenter

TEMPLATE = "advisor/result.html"


def book_of(snapshot: dict) -> costs.Book:
    """The rates, terms and exchange rates a result was made with."""
    return costs.book_from_data(snapshot.get("costs", {}))


def costs_changed(snapshot: dict, todays_digest: str) -> bool:
    """Whether the rates have changed since the result was made."""
    return snapshot.get("costs", {}).get("digest") != todays_digest


def cost_view(snapshot: dict, book: costs.Book | None = None, **inputs) -> dict:
    """The cost panel, from `book` (the result's own unless today's rates are asked for)."""
    return cost_presenter.cost_view(snapshot, book or book_of(snapshot), **inputs)


def card_costs(snapshot: dict) -> list[dict]:
    """The first hire's monthly cost in-house and offshore, and the wrong hire, with the
    cost panel's defaults: what the result's summary card shows before any input."""
    book = book_of(snapshot)
    option = (
        ("us", "in-house") if book.offers("us", "in-house") else next(iter(book.options), ("", ""))
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
