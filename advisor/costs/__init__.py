"""Cost arithmetic for the result page: pure Python on plain data, no Django.

`PayRate`/`hire_cost`/`priced` price the whole cost of a hire by region, way of hiring
and seniority: what the figures are worked out from (`book`), one hire part by part
(`hire`), in the founder's currency (`currency`), a wrong hire (`wrong_role`), the burn
and runway (`burn`), employer on-costs from countries' official rates with their
thresholds and ceilings (`oncosts`), and rates that follow a base figure (`derive`),
counting weeks, months and money as `units` does.

An hourly rate becomes a monthly one over the founder's hours a week (52 weeks over 12
months); a monthly rate is a full-time figure and does not shrink with fewer hours.
"""

from advisor.costs.book import (  # noqa: F401
    ENGAGEMENTS,
    KINDS,
    SENIORITIES,
    Book,
    Currency,
    PayRate,
    Region,
    Terms,
    TimeToValue,
    book_data,
    book_digest,
    book_from_data,
)
from advisor.costs.burn import Runway, runway, runway_with_hire  # noqa: F401
from advisor.costs.currency import Figure, PricedHire, convert, figure, priced  # noqa: F401
from advisor.costs.derive import HOURS_PER_YEAR, derived, unit_factor  # noqa: F401
from advisor.costs.hire import (  # noqa: F401
    ZERO,
    HireCost,
    Part,
    Span,
    base_of_loaded,
    hire_cost,
    on_costs_of,
)
from advisor.costs.oncosts import (  # noqa: F401
    Contribution,
    Country,
    country_data,
    country_from_data,
)
from advisor.costs.units import (  # noqa: F401
    BURN_RANGE,
    CASH_RANGE,
    HOURS_RANGE,
    MISHIRE_MONTHS,
    MONTHS_PER_YEAR,
    MONTHS_RANGE,
    WEEKS_PER_MONTH,
)
from advisor.costs.wrong_role import (  # noqa: F401
    PricedWrongHire,
    WrongHire,
    priced_wrong_hire,
    wrong_hire,
)
