"""The founder's pages as served inside another site's frame, under `/embed/` (see
advisor/outreach/embed.py): the same views, and no admin."""

from advisor.urls import FOUNDER_PATTERNS

urlpatterns = FOUNDER_PATTERNS
