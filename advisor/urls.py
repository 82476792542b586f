"""The site's URLs: the wizard, results, compare, teams, the admin and the metrics.

`FOUNDER_PATTERNS` are also served inside other sites' pages under `/embed/`
(advisor/urls_embed.py, advisor/outreach/embed.py); the admin never is.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import path, register_converter

from advisor.ops import language
from advisor.ops.metrics import metrics_view
from advisor.outreach import contact_views as contact
from advisor.outreach import email_views, link_views
from advisor.results import compare
from advisor.results import views as result
from advisor.teams import views as team
from advisor.wizard import views as wizard


class TokenConverter:
    """A result's token: URL-safe base64, so anything else is a 404 before any query."""

    regex = "[A-Za-z0-9_-]{8,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TokenConverter, "token")

FOUNDER_PATTERNS = [
    path("", wizard.home, name="home"),
    path("wizard/", wizard.wizard, name="wizard"),
    path("wizard/restart/", wizard.restart, name="restart"),
    path("wizard/check/", wizard.check, name="check"),
    path("wizard/later/", email_views.finish_later, name="finish_later"),
    path("wizard/new-tab/", link_views.new_tab, name="new_tab"),
    path("wizard/<slug:slug>/", wizard.step, name="step"),
    path("resume/<token:token>/", link_views.resume, name="resume"),
    path("resume/<token:token>/revoke/", link_views.resume_revoke, name="resume_revoke"),
    path("r/<token:token>/", result.result, name="result"),
    path("r/<token:token>/change/", result.result_copy, name="result_copy"),
    path("r/<token:token>/sources/", result.result_sources, name="result_sources"),
    path("r/<token:token>/pdf/", result.result_pdf, name="result_pdf"),
    path("r/<token:token>/email/", email_views.result_email, name="result_email"),
    path("r/<token:token>/contact/", contact.contact, name="contact"),
    path("r/<token:token>/contact/thanks/", contact.contact_thanks, name="contact_thanks"),
    path("contact/withdraw/<token:token>/", contact.contact_withdraw, name="contact_withdraw"),
    path("privacy/", contact.privacy, name="privacy"),
    path("compare/", compare.compare_start, name="compare_start"),
    path("compare/<token:left>/<token:right>/", compare.compare, name="compare"),
    path("t/new/", team.team_new, name="team_new"),
    path("t/join/<token:invite>/", team.team_join, name="team_join"),
    path("t/<token:token>/", team.team, name="team"),
    path("t/<token:token>/settle/", team.team_settle, name="team_settle"),
    path("t/<token:token>/revoke/", team.team_revoke, name="team_revoke"),
]

urlpatterns = [
    *i18n_patterns(*FOUNDER_PATTERNS, prefix_default_language=False),
    path("language/<slug:code>/", language.switch, name="language"),
    path("admin/", admin.site.urls),
    path("metrics", metrics_view, name="metrics"),  # staff or METRICS_TOKEN only
]
