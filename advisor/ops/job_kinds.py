"""Every kind of job the worker knows, registered by importing the modules that define
them (the app imports this module when it starts)."""

from __future__ import annotations

from advisor.bank import answer_sets  # noqa: F401 (their job handlers)
from advisor.outreach import (
    emails,  # noqa: F401 (their job handlers)
    webhooks,  # noqa: F401 (their job handlers)
)
