"""Pages of a long admin list without counting every row.

Above a few thousand rows the count is PostgreSQL's own estimate for the list's query
(EXPLAIN's row estimate, so the list's filters count too). With an estimate, the pages
after the middle are read from the other end of the list's index (the last page is the
oldest rows), so no page costs more than walking half the list, and the last one costs
what the first does. SQLite has no estimate: it counts the entries of the list's index,
never its rows, and pages as usual.
"""

from __future__ import annotations

import json
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connections

EXACT_UP_TO = 10_000  # counted exactly (reading at most this many index entries) below it


class EstimatedPaginator(Paginator):
    estimated = False

    @cached_property
    def count(self) -> int:
        queryset = self.object_list.order_by()
        exact = queryset[: EXACT_UP_TO + 1].count()
        if exact <= EXACT_UP_TO:
            return exact
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            return queryset.count()
        sql, params = queryset.values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        self.estimated = True
        # Never fewer than were just counted: a stale estimate must not hide rows.
        return max(int(plan[0]["Plan"]["Plan Rows"]), exact)

    def page(self, number):
        number = self.validate_number(number)
        if not self.estimated or number <= (self.num_pages + 1) // 2:
            return super().page(number)
        # Counted from the end, as the estimate cannot say where the end is.
        skip = (self.num_pages - number) * self.per_page
        rows = list(self.object_list.reverse()[skip : skip + self.per_page])
        rows.reverse()
        return self._get_page(rows, number, self)
