"""Routes of the identity admin API (admin surface only).

Sessions routes (``/admin/sessions…``, ``/admin/identities/{id}/sessions``) live with the
sessions views; ``/schemas`` is on both surfaces (``api.urls.common``).
"""

from django.urls import include, path

from kratos_auth.api.admin import identities as views
from kratos_auth.api.admin.base import route
from kratos_auth.api.admin.batch import batch_patch_identities
from kratos_auth.api.admin.credentials import delete_identity_credentials

urlpatterns = [
    path(
        "admin/identities",
        route(
            get=views.list_identities,
            post=views.create_identity,
            patch=batch_patch_identities,
        ).as_view(),
        name="identities",
    ),
    path(
        "admin/identities/by/external/<str:external_id>",
        route(get=views.get_identity_by_external_id).as_view(),
        name="identity_by_external_id",
    ),
    path(
        "admin/identities/<str:id>",
        route(
            get=views.get_identity,
            put=views.update_identity,
            patch=views.patch_identity,
            delete=views.delete_identity,
        ).as_view(),
        name="identity",
    ),
    path(
        "admin/identities/<str:id>/credentials/<str:type>",
        route(delete=delete_identity_credentials).as_view(),
        name="identity_credentials",
    ),
    path("", include("kratos_auth.api.admin.courier")),
    path("", include("kratos_auth.api.admin.recovery")),
]
