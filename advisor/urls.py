from django.contrib import admin
from django.urls import path

from advisor import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("wizard/", views.wizard, name="wizard"),
    path("wizard/restart/", views.restart, name="restart"),
    path("wizard/check/", views.check, name="check"),
    path("wizard/<slug:slug>/", views.step, name="step"),
    path("r/<str:token>/", views.result, name="result"),
    path("r/<str:token>/change/", views.result_copy, name="result_copy"),
    path("compare/", views.compare_start, name="compare_start"),
    path("compare/<str:left>/<str:right>/", views.compare, name="compare"),
    path("admin/", admin.site.urls),
]
