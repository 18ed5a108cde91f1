"""RFC 6902 JSON Patch: the operations, RFC 6901 escaping, errors that change nothing."""

from __future__ import annotations

import pytest

from kratos_auth.api.admin.jsonpatch import PatchError, apply_patch

DOC = {"traits": {"email": "a@example.com", "tags": ["x", "y"]}, "state": "active", "id": "1"}


@pytest.mark.parametrize(
    ("ops", "expected"),
    [
        ([{"op": "replace", "path": "/state", "value": "inactive"}], {"state": "inactive"}),
        ([{"op": "add", "path": "/traits/tags/-", "value": "z"}], {"tags": ["x", "y", "z"]}),
        ([{"op": "add", "path": "/traits/tags/0", "value": "w"}], {"tags": ["w", "x", "y"]}),
        ([{"op": "remove", "path": "/traits/tags/1"}], {"tags": ["x"]}),
        ([{"op": "replace", "path": "/traits/tags/1", "value": "q"}], {"tags": ["x", "q"]}),
        (
            [{"op": "copy", "from": "/traits/email", "path": "/traits/backup"}],
            {"backup": "a@example.com"},
        ),
        (
            [{"op": "move", "from": "/traits/email", "path": "/traits/mail"}],
            {"mail": "a@example.com"},
        ),
        ([{"op": "add", "path": "/traits/a~1b~0c", "value": 1}], {"a/b~c": 1}),
        ([{"op": "test", "path": "/state", "value": "active"}], {"state": "active"}),
    ],
)
def test_operations(ops, expected):
    result = apply_patch(DOC, ops, protected=["/id"])
    for key, value in expected.items():
        assert result.get(key, result["traits"].get(key)) == value
    assert DOC["traits"]["tags"] == ["x", "y"]  # the input is never modified


def test_move_removes_the_source():
    result = apply_patch(DOC, [{"op": "move", "from": "/traits/email", "path": "/traits/mail"}])
    assert "email" not in result["traits"]


@pytest.mark.parametrize(
    "ops",
    [
        {"op": "replace"},
        [{"op": "jump", "path": "/state"}],
        [{"op": "replace", "path": "state", "value": 1}],
        [{"op": "replace", "path": "/nope", "value": 1}],
        [{"op": "remove", "path": "/traits/tags/5"}],
        [{"op": "add", "path": "/traits/tags/01", "value": 1}],
        [{"op": "add", "path": "/traits/email/x", "value": 1}],
        [{"op": "add", "path": "/missing/deep", "value": 1}],
        [{"op": "replace", "path": "/state"}],
        [{"op": "test", "path": "/state", "value": "inactive"}],
        [{"op": "test", "path": "/traits/tags", "value": ["x"]}],
        [{"op": "replace", "path": "/id", "value": "2"}],
        [{"op": "remove", "path": ""}],
        [{"op": "replace", "path": "", "value": {}}],
        [{"op": "move", "from": "/traits", "path": "/traits/inner"}],
        [{"op": "move", "from": "/id", "path": "/x"}],
        ["not-an-object"],
    ],
)
def test_invalid_patches_raise_400_and_change_nothing(ops):
    with pytest.raises(PatchError) as caught:
        apply_patch(DOC, ops, protected=["/id"])
    assert caught.value.status == 400
    assert "JSON patch" in caught.value.reason


def test_failing_operation_after_successful_ones_leaves_input_untouched():
    ops = [
        {"op": "replace", "path": "/state", "value": "inactive"},
        {"op": "remove", "path": "/nope"},
    ]
    with pytest.raises(PatchError, match="operation 1"):
        apply_patch(DOC, ops)
    assert DOC["state"] == "active"


def test_test_operation_uses_json_equality():
    doc = {"flag": True, "n": 1}
    with pytest.raises(PatchError):
        apply_patch(doc, [{"op": "test", "path": "/flag", "value": 1}])
    apply_patch(doc, [{"op": "test", "path": "/n", "value": 1.0}])
