from django.contrib import admin
from django.urls import path, register_converter

from advisor import views


class TokenConverter:
    """A result's token: URL-safe base64, so anything else is a 404 before any query."""

    regex = "[A-Za-z0-9_-]{8,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TokenConverter, "token")

urlpatterns = [
    path("", views.home, name="home"),
    path("wizard/", views.wizard, name="wizard"),
    path("wizard/restart/", views.restart, name="restart"),
    path("wizard/check/", views.check, name="check"),
    path("wizard/<slug:slug>/", views.step, name="step"),
    path("r/<token:token>/", views.result, name="result"),
    path("r/<token:token>/change/", views.result_copy, name="result_copy"),
    path("compare/", views.compare_start, name="compare_start"),
    path("compare/<token:left>/<token:right>/", views.compare, name="compare"),
    path("admin/", admin.site.urls),
]
