"""Every kind of job the worker knows, registered by importing the modules that define
them (the app imports this module when it starts)."""

from __future__ import annotations

from advisor import answer_sets, emails, webhooks  # noqa: F401 (their job handlers)
