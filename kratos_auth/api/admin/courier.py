"""``GET /admin/courier/messages`` and ``/admin/courier/messages/{id}`` (tag ``courier``).

Newest first, keyset-paginated (``page_size`` up to 1,000 as api.json allows), filtered by
``status`` and ``recipient``. Subjects and bodies are redacted unless ``--dev``.
"""

from __future__ import annotations

from django.urls import path
from rest_framework.request import Request
from rest_framework.response import Response

from kratos_auth.api.admin import params
from kratos_auth.api.admin.base import route, self_url
from kratos_auth.api.admin.trail import note_details, note_target
from kratos_auth.api.pagination import Paginator, pagination_headers
from kratos_auth.api.serializers.courier import serialize_message
from kratos_auth.audit.service import TARGET_COURIER_MESSAGE
from kratos_auth.conf import config
from kratos_auth.courier import queries
from kratos_auth.errors import BadRequest, NotFound
from kratos_auth.text import admin as text

_paginator = Paginator("courier_messages", keys=queries.ORDER, max_size=1000)


def list_courier_messages(request: Request) -> Response:
    query = request.query_params
    status = query.get("status") or None
    if status is not None and status not in queries.STATUSES:
        raise BadRequest(text.COURIER_STATUS_INVALID.format(value=status[:64]))
    page_request = _paginator.parse(query)
    recipient = params.parse_text(query, "recipient")
    messages = queries.list_messages(status=status, recipient=recipient)
    page = _paginator.page(messages, page_request)
    note_details(
        request._request,
        filters=sorted(k for k in ("status", "recipient") if query.get(k)),
        count=len(page.items),
    )
    reveal = config.is_dev
    headers = pagination_headers(self_url(request, "/admin/courier/messages"), query, page)
    body = [serialize_message(m, reveal=reveal) for m in page.items]
    return Response(body, headers=headers)


def get_courier_message(request: Request, id: str) -> Response:  # noqa: A002 - Kratos's name
    note_target(request._request, TARGET_COURIER_MESSAGE, id)
    params.parse_uuid(id)
    message = queries.get_message(id)
    if message is None:
        raise NotFound(text.COURIER_MESSAGE_NOT_FOUND, message=text.RESOURCE_NOT_FOUND)
    return Response(serialize_message(message, reveal=config.is_dev))


urlpatterns = [
    path(
        "admin/courier/messages",
        route(get=list_courier_messages).as_view(),
        name="courier_messages",
    ),
    path(
        "admin/courier/messages/<str:id>",
        route(get=get_courier_message).as_view(),
        name="courier_message",
    ),
]
