"""The cost panel of a result: the rates a result was made with
(or today's) and the founder's inputs, turned into the rows, chart, wrong hire, runway and
summary the page shows. No database access; the arithmetic is `costs`.

Every figure is a `Shown`: its text, and whether it is an estimate rather than the
article's, so the template can mark it wherever it appears.

By module: `words` (figures, spans of time and the ways of hiring in words), `table` (the
rows for each role and option), `chart` (the bars beside the table), `breakdown` (the
whole cost of the founder's option, part by part), `summary` (the summary card, the wrong
hire and the runway), `sources` (where each figure comes from), `panel` (all of it put
together).
"""

from advisor.costs.presenter.chart import CHART_ROW, CHART_SEGMENTS, CHART_WIDTH  # noqa: F401
from advisor.costs.presenter.panel import USD, VENDOR_NOTE, cost_view  # noqa: F401
from advisor.costs.presenter.sources import TERMS_WORDS  # noqa: F401
from advisor.costs.presenter.table import default_compare  # noqa: F401
from advisor.costs.presenter.words import (  # noqa: F401
    ENGAGEMENT_WORDS,
    SENIORITY_WORDS,
    SHORT_ENGAGEMENT_WORDS,
    Shown,
    money,
    months_words,
    span_weeks_words,
    weeks_words,
)
