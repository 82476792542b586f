"""What the admin shows for each model, registered on `admin.site` (the advisor's own
site): the question bank in `bank`, founders' results and team decisions in `results`,
the costs in `costs`, the bank's versions in `versions`, what reaches beyond the site in
`followups`, the job queue in `jobs`.

Forms are in `forms`; the custom pages' shared frame in `pages`, and the pages themselves
in `draft_views` (replay, preview), `analytics_views` and `export_views`; edits tried
before they are kept in `edits`, work run as jobs in `background`, long lists' pages in
`paging`, the index and sign-in in `site`, the second factor in `signin`, lockouts in `lockouts`.
"""

from __future__ import annotations

from django.contrib import admin

from advisor.admin import (  # noqa: F401 (each registers its models)
    bank,
    costs,
    followups,
    jobs,
    lockouts,
    results,
)
from advisor.admin.versions import BankVersionAdmin
from advisor.models import BankVersion

admin.site.register(BankVersion, BankVersionAdmin)
