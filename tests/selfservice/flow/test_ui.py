"""The UI container: node order (Kratos's SortBySchema), values and messages."""

from __future__ import annotations

from kratos_auth.selfservice.flow.ui import Container, Group, InputType, input_node


def names(container: Container) -> list[str]:
    return [n["attributes"]["name"] for n in container.nodes]


def test_sort_puts_keys_in_order_and_method_buttons_last():
    ui = Container.new("https://x/")
    ui.append(input_node("method", Group.PASSWORD, InputType.SUBMIT, value="password"))
    ui.append(input_node("password", Group.PASSWORD, InputType.PASSWORD))
    ui.append(input_node("identifier", Group.DEFAULT, InputType.TEXT))
    ui.set_csrf("t")
    ui.sort([Group.DEFAULT, Group.PASSWORD], ["csrf_token", "identifier", "password"])
    assert names(ui) == ["csrf_token", "identifier", "password", "method"]


def test_values_keep_attribute_order_and_messages_attach_to_nodes():
    ui = Container.new("https://x/")
    ui.append(input_node("traits.email", Group.DEFAULT, InputType.EMAIL, required=True))
    ui.set_values({"email": "a@b.c", "unknown": 1}, "traits")
    assert list(ui.find("traits.email")["attributes"]) == [
        "name",
        "type",
        "value",
        "required",
        "disabled",
        "node_type",
    ]
    ui.add_message({"id": 1, "text": "t", "type": "error"}, "traits.email")
    ui.add_message({"id": 2, "text": "t", "type": "error"})
    ui.add_message({"id": 3, "text": "t", "type": "error"}, "traits.new")
    assert ui.find("traits.new")["messages"][0]["id"] == 3
    ui.reset_messages()
    assert "messages" not in ui.data and all(n["messages"] == [] for n in ui.nodes)
    ui.set_value("traits.email", "")
    assert "value" not in ui.find("traits.email")["attributes"]
