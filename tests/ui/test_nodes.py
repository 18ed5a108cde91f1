"""How the pages lay out a flow's ``ui`` container: forms, sections, buttons, safe nodes."""

from __future__ import annotations

from kratos_auth.selfservice.flow.ui import (
    Group,
    InputType,
    anchor_node,
    csrf_node,
    image_node,
    input_node,
    script_node,
    text_node,
    with_attributes,
)
from kratos_auth.text import MessageId, ui_text
from kratos_auth.ui import nodes

ACTION = "https://auth.example.test/self-service/login?flow=1"


def container(*items, messages=None):
    ui = {"action": ACTION, "method": "POST", "nodes": [csrf_node("token"), *items]}
    if messages:
        ui["messages"] = messages
    return ui


def method(group, label="Go"):
    return input_node("method", group, InputType.SUBMIT, value=str(group), label={"text": label})


def names(fields):
    return [f.name for f in fields]


def test_login_methods_share_the_identifier_in_one_form_social_sign_in_apart():
    ui = container(
        input_node("provider", Group.OIDC, InputType.SUBMIT, value="github"),
        input_node("identifier", Group.DEFAULT, InputType.TEXT, required=True),
        method(Group.CODE, "Send code"),
        input_node("password", Group.PASSWORD, InputType.PASSWORD, required=True),
        method(Group.PASSWORD, "Sign in"),
    )
    layout = nodes.build(ui)
    oidc, main = layout.forms
    assert [s.group for s in oidc.sections] == ["oidc"]
    assert names(main.shared) == ["identifier"]
    # The password section (it has a field) comes first; its button is the form's default.
    assert [s.group for s in main.sections] == ["password", "code"]
    password_button = main.sections[0].fields[-1]
    code_button = main.sections[1].fields[0]
    assert password_button.primary and not password_button.novalidate
    # "Send code" must not be blocked by the empty (required) password field.
    assert code_button.novalidate and not code_button.primary
    # Every form carries the CSRF token.
    assert all(names(f.hidden) == ["csrf_token"] for f in layout.forms)


def test_settings_give_each_method_a_titled_form_with_its_own_primary_button():
    ui = container(
        input_node("traits.email", Group.PROFILE, InputType.EMAIL, required=True),
        method(Group.PROFILE, "Save"),
        input_node("password", Group.PASSWORD, InputType.PASSWORD, required=True),
        method(Group.PASSWORD, "Save"),
    )
    layout = nodes.build(ui, titled=True)
    assert [(f.titled, f.sections[0].title) for f in layout.forms] == [
        (True, "Profile"),
        (True, "Password"),
    ]
    assert all(f.sections[0].fields[-1].primary for f in layout.forms)
    untitled = nodes.build(ui)
    assert [f.titled for f in untitled.forms] == [False, False]
    assert [f.sections[0].fields[-1].primary for f in untitled.forms] == [True, False]


def test_secondary_buttons_follow_the_method_button_and_skip_browser_validation():
    ui = container(
        input_node("email", Group.CODE, InputType.SUBMIT, value="a@example.com"),
        input_node("code", Group.CODE, InputType.TEXT, required=True),
        method(Group.CODE, "Submit"),
    )
    (form,) = nodes.build(ui).forms
    fields = form.sections[0].fields
    # Enter in the code field presses the first submit button: "Submit", not "Resend".
    assert names(fields) == ["code", "method", "email"]
    assert fields[2].novalidate and not fields[1].novalidate


def test_back_button_of_a_two_step_registration_goes_last():
    ui = container(
        input_node("screen", Group.PROFILE, InputType.SUBMIT, value="previous"),
        input_node("password", Group.PASSWORD, InputType.PASSWORD, required=True),
        method(Group.PASSWORD),
    )
    forms = nodes.build(ui).forms
    assert [f.navigation for f in forms] == [False, True]
    assert forms[1].sections[0].fields[0].novalidate


def test_webauthn_triggers_become_data_attributes_never_inline_script():
    trigger = input_node("webauthn_login_trigger", Group.WEBAUTHN, InputType.BUTTON)
    with_attributes(
        trigger,
        onclick='window.__oryWebAuthnLogin({"publicKey": {"challenge": "abc"}})',
        onclickTrigger="oryWebAuthnLogin",
    )
    evil = input_node("x", Group.WEBAUTHN, InputType.BUTTON)
    with_attributes(evil, onclick="alert(1)", onclickTrigger="alert(1)//")
    submit = method(Group.WEBAUTHN)
    (form,) = nodes.build(container(trigger, evil, submit)).forms
    by_name = {f.name: f for f in form.sections[0].fields}
    assert by_name["webauthn_login_trigger"].trigger == "oryWebAuthnLogin"
    assert by_name["webauthn_login_trigger"].trigger_argument == (
        '{"publicKey":{"challenge":"abc"}}'
    )
    assert by_name["x"].trigger == "" and by_name["x"].trigger_argument == ""
    # The helper clicks the method button itself: the user sees one button.
    assert by_name["method"].hidden and not by_name["method"].primary
    assert by_name["webauthn_login_trigger"].primary


def test_onload_trigger_of_a_hidden_input_is_kept():
    node = with_attributes(
        input_node("passkey_login", Group.PASSKEY, InputType.HIDDEN),
        onload="window.__oryPasskeyLoginAutocompleteInit()",
        onloadTrigger="oryPasskeyLoginAutocompleteInit",
    )
    (form,) = nodes.build(container(node)).forms
    assert form.sections[0].fields[0].onload_trigger == "oryPasskeyLoginAutocompleteInit"


def test_images_texts_links_and_scripts():
    qr = image_node("totp_qr", "data:image/png;base64,AAAA", Group.TOTP, 256, 256)
    qr["meta"] = {"label": ui_text(MessageId.INFO_SETTINGS_TOTP_QR_CODE)}
    bad_image = image_node("bad", "javascript:alert(1)", Group.TOTP, 1, 1)
    svg = image_node("svg", "data:image/svg+xml,<svg onload='alert(1)'/>", Group.TOTP, 1, 1)
    secret = text_node("totp_secret_key", {"id": 1, "text": "JBSWY3DP", "type": "info"}, "totp")
    codes = text_node(
        "lookup_secret_codes",
        {
            "id": MessageId.INFO_SETTINGS_LOOKUP_SECRET_LIST,
            "text": "a, b",
            "type": "info",
            "context": {
                "secrets": [
                    {"id": MessageId.INFO_SETTINGS_LOOKUP_SECRET, "text": "abcd1234"},
                    {"id": MessageId.INFO_SETTINGS_LOOKUP_SECRET_USED, "text": "Used"},
                ]
            },
        },
        Group.LOOKUP_SECRET,
    )
    link = anchor_node("continue", "https://app.example.test/", Group.CODE, {"text": "Go on"})
    bad_link = anchor_node("x", "javascript:alert(1)", Group.CODE, {"text": "Bad"})
    data_link = anchor_node("y", "data:image/png;base64,AAAA", Group.CODE, {"text": "Bad"})
    data_script = script_node("z", "data:text/javascript,alert(1)", "webauthn", "", "n")
    script = script_node("webauthn_script", "/.well-known/ory/webauthn.js", "webauthn", "sha", "n")
    layout = nodes.build(
        container(qr, bad_image, svg, secret, codes, link, bad_link, data_link, data_script, script)
    )
    fields = [f for form in layout.forms for s in form.sections for f in s.fields]
    widgets = {f.name: f.widget for f in fields}
    assert widgets == {
        "totp_qr": "image",
        "totp_secret_key": "text",
        "lookup_secret_codes": "secrets",
        "continue": "link",
    }
    image = next(f for f in fields if f.name == "totp_qr")
    assert (image.width, image.height, image.label) == (256, 256, "Authenticator app QR code")
    secrets = next(f for f in fields if f.name == "lookup_secret_codes").secrets
    assert [(s.text, s.used) for s in secrets] == [("abcd1234", False), ("Used", True)]
    assert [(s.src, s.integrity) for s in layout.scripts] == [
        ("/.well-known/ory/webauthn.js", "sha")
    ]


def test_messages_are_tied_to_their_fields_and_the_first_invalid_field_gets_focus():
    email = input_node("traits.email", Group.DEFAULT, InputType.EMAIL, required=True)
    email["messages"] = [ui_text(MessageId.ERROR_VALIDATION_INVALID_FORMAT, pattern="email")]
    hidden = csrf_node("token")
    hidden["messages"] = [{"id": 4000001, "text": "hidden problem", "type": "error"}]
    ui = {
        "action": ACTION,
        "nodes": [hidden, email, method(Group.PASSWORD)],
        "messages": [ui_text(MessageId.ERROR_VALIDATION_INVALID_CREDENTIALS)],
    }
    layout = nodes.build(ui)
    field = layout.forms[0].shared[0]
    assert field.invalid and field.autofocus
    assert field.described_by == field.messages[0].html_id
    # A message on a hidden node is shown with the page's messages.
    assert [m.text for m in layout.errors][-1] == "hidden problem"
    ids = [m.html_id for m in layout.messages] + [field.html_id, field.messages[0].html_id]
    assert len(ids) == len(set(ids))


def test_unknown_methods_and_input_types_still_render():
    ui = container(
        input_node("magic_word", "magic", "color", required=True, label={"text": "Magic"}),
        method("magic", "Abracadabra"),
    )
    (form,) = nodes.build(ui, titled=True).forms
    (section,) = form.sections
    assert section.title == "Magic"
    assert section.fields[0].input_type == "text"  # unknown types fall back to text
    assert section.fields[0].label == "Magic"
