"""Turn a result's snapshot into what its page shows. No database access.

Results render with the presentation of the snapshot version they were made with:
version 1 through `result_v1`, version 2 through `result_v2`, version 3 here, its costs
through `cost_presenter`.

By module: `by_version` (the template, rates, cost panel and card costs a snapshot's
version gets), `result` (the result page of version 3), `side_by_side` (the compare and
team pages).
"""

from advisor.presenters.by_version import (  # noqa: F401
    TEMPLATES,
    book_of,
    card_costs,
    cost_view,
    costs_changed,
    template_for,
    version_of,
)
from advisor.presenters.result import (  # noqa: F401
    COMPARISON_ROWS,
    counts_words,
    result_view,
)
from advisor.presenters.side_by_side import compare_view, team_view  # noqa: F401
