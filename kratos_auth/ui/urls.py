"""The pages' routes; ``kratos_auth.api.urls.public`` includes them at the site root."""

from django.urls import path

from kratos_auth.ui import assets, views
from kratos_auth.ui.sources import FLOWS

urlpatterns = [
    *(
        path(f"ui/{name}", views.show_flow, {"flow_name": name}, name=f"kratos_ui_{name}")
        for name in FLOWS
    ),
    path("ui/error", views.show_error, name="kratos_ui_error"),
    path("ui/welcome", views.show_welcome, name="kratos_ui_welcome"),
    path("ui/assets/<str:name>", assets.get_asset, name="kratos_ui_asset"),
]
