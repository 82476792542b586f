"""Turn a result's snapshot into what its page shows. No database access.

By module: `costs` (the rates a result was made with, its cost panel and its card's
costs), `result` (the result page; its sentences in `sentences`, `changes` and `words`),
`side_by_side` (the compare and team pages).
"""

from advisor.results.presenters.costs import TEMPLATE, book_of, card_costs, cost_view, costs_changed  # noqa: F401
from advisor.results.presenters.result import COMPARISON_ROWS, counts_words, result_view  # noqa: F401
from advisor.results.presenters.side_by_side import compare_view, team_view  # noqa: F401
