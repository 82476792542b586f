"""The founder's pages as served inside another site's frame, under `/embed/` (see
advisor/outreach/embed.py): the same views, and no admin."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from advisor.ops import language
from advisor.urls import FOUNDER_PATTERNS

urlpatterns = [
    *i18n_patterns(*FOUNDER_PATTERNS, prefix_default_language=False),
    path("language/<slug:code>/", language.switch, name="language"),
]
