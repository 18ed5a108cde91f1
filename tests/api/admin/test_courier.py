"""Courier messages on the admin API: list (keyset, filters), get, redaction outside --dev."""

from __future__ import annotations

import copy
import re

import pytest
from django.conf import settings as django_settings
from django.test import override_settings

from kratos_auth.core import clock
from kratos_auth.courier.models import CourierMessage, MessageDispatch

pytestmark = pytest.mark.django_db

SECRET_BODY = "Your code is 734219"


def _message(recipient="a@example.com", status="queued", **extra):
    return CourierMessage.objects.create(
        type="email",
        channel="email",
        status=status,
        recipient=recipient,
        subject="Recovery code 734219",
        body=SECRET_BODY,
        template_type="recovery_code_valid",
        **extra,
    )


def test_list_is_newest_first_paginated_and_redacted(api, openapi):
    import datetime as dt

    base = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    made = []
    for i in range(5):
        with clock.frozen(base + dt.timedelta(minutes=i)):
            made.append(str(_message(f"u{i}@example.com").id))
    seen, url = [], "/admin/courier/messages?page_size=2"
    while url:
        response = api.get(url)
        assert response.status_code == 200
        openapi.check_list(response.json(), "message")
        for message in response.json():
            assert message["body"] == "<redacted-unless-dev-mode>"
            assert message["subject"] == "<redacted-unless-dev-mode>"
        seen.extend(m["id"] for m in response.json())
        match = re.search(r'<([^>]+)>; rel="next"', response["Link"])
        url = match.group(1).replace("https://admin.example.test", "") if match else None
    assert seen == list(reversed(made))
    assert "734219" not in str(seen)


def test_filters_by_status_and_recipient(api):
    _message("a@example.com", "sent")
    wanted = _message("b@example.com", "abandoned")
    assert [m["id"] for m in api.get("/admin/courier/messages?status=abandoned").json()] == [
        str(wanted.id)
    ]
    assert [m["id"] for m in api.get("/admin/courier/messages?recipient=b@example.com").json()] == [
        str(wanted.id)
    ]


def test_get_with_dispatches(api, openapi):
    message = _message(status="sent", send_count=1)
    MessageDispatch.objects.create(message=message, status="failed", error={"reason": "timeout"})
    response = api.get(f"/admin/courier/messages/{message.id}")
    assert response.status_code == 200
    body = response.json()
    openapi.check(body, "message")
    assert body["dispatches"][0]["error"] == {"reason": "timeout"}
    assert SECRET_BODY not in response.content.decode()


def test_dev_mode_reveals_subject_and_body(api):
    message = _message()
    tree = copy.deepcopy(django_settings.KRATOS)
    tree["dev"] = True
    with override_settings(KRATOS=tree):
        body = api.get(f"/admin/courier/messages/{message.id}").json()
    assert body["body"] == SECRET_BODY and "734219" in body["subject"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/admin/courier/messages?status=lost", 400),
        ("/admin/courier/messages?page_size=1001", 400),
        ("/admin/courier/messages?page_token=x", 400),
        ("/admin/courier/messages/not-a-uuid", 400),
        ("/admin/courier/messages/00000000-0000-0000-0000-000000000000", 404),
    ],
)
def test_bad_requests(api, openapi, path, status):
    error = openapi.check_error(api.get(path), status)
    assert error["reason"]
