"""Pages of a long admin list without counting every row: above a few thousand rows the
count is PostgreSQL's own estimate for the list's query (EXPLAIN's row estimate, so the
list's filters count too); SQLite has no estimate, and counts the entries of the list's
index, never its rows."""

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
