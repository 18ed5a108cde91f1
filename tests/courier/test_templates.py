"""Message templates: every Kratos template type, escaping, and the three ways to override."""

from __future__ import annotations

import base64

import pytest

from kratos_auth.courier import queue, templates
from kratos_auth.courier.models import TemplateType

DATA = {
    TemplateType.RECOVERY_VALID: {"recovery_url": "https://auth.example.test/r?token=T0K3N"},
    TemplateType.RECOVERY_INVALID: {},
    TemplateType.RECOVERY_CODE_VALID: {"recovery_code": "314159"},
    TemplateType.RECOVERY_CODE_INVALID: {},
    TemplateType.VERIFICATION_VALID: {"verification_url": "https://auth.example.test/v?t=V3R"},
    TemplateType.VERIFICATION_INVALID: {},
    TemplateType.VERIFICATION_CODE_VALID: {"verification_code": "271828"},
    TemplateType.VERIFICATION_CODE_INVALID: {},
    TemplateType.LOGIN_CODE_VALID: {"login_code": "161803"},
    TemplateType.REGISTRATION_CODE_VALID: {"registration_code": "141421"},
}


@pytest.mark.parametrize("template_type", list(DATA))
def test_every_template_type_has_subject_text_and_html(template_type):
    data = {"to": "alice@example.com", "expires_in_minutes": 10, **DATA[template_type]}
    rendered = templates.render_email(template_type, data)
    assert rendered.subject and "\n" not in rendered.subject
    assert "alice@example.com" in rendered.text and "alice@example.com" in rendered.html
    assert rendered.html.startswith("<!DOCTYPE html>")
    for secret in DATA[template_type].values():
        assert secret in rendered.text and secret in rendered.html
    if template_type.endswith("_valid") and "code" in template_type:
        assert templates.render_sms(template_type, data)


def test_html_is_escaped_and_text_is_not():
    data = {"to": "<b>x</b>@example.com", "recovery_code": "111111"}
    rendered = templates.render_email(TemplateType.RECOVERY_CODE_VALID, data)
    assert "&lt;b&gt;x&lt;/b&gt;@example.com" in rendered.html
    assert "<b>x</b>@example.com" in rendered.text


def test_kratos_go_names_are_available():
    context = templates.context_for(
        {"recovery_url": "u", "to": "t", "expires_in_minutes": 3, "request_url": "r"}
    )
    assert context["RecoveryURL"] == "u" and context["To"] == "t"
    assert context["ExpiresInMinutes"] == 3 and context["RequestURL"] == "r"


def _b64(text: str) -> str:
    return "base64://" + base64.b64encode(text.encode()).decode()


def test_override_by_config_uri(settings):
    settings.KRATOS = {
        **settings.KRATOS,
        "courier": {
            "templates": {
                "login_code": {
                    "valid": {
                        "email": {
                            "subject": _b64("Code {{ LoginCode }}\nsecond line"),
                            "body": {
                                "plaintext": _b64("Plain {{ login_code }}"),
                                "html": _b64("<p>{{ To }}</p>"),
                            },
                        }
                    }
                }
            }
        },
    }
    templates.clear_cache()
    rendered = templates.render_email(
        TemplateType.LOGIN_CODE_VALID, {"to": "a&b@example.com", "login_code": "424242"}
    )
    assert rendered.subject == "Code 424242 second line"  # folded: no header injection
    assert rendered.text == "Plain 424242\n"
    assert rendered.html == "<p>a&amp;b@example.com</p>"


def test_override_path_with_our_and_kratos_file_names(settings, tmp_path):
    folder = tmp_path / "recovery_code" / "valid"
    folder.mkdir(parents=True)
    (folder / "email.subject.txt").write_text("Site subject {{ recovery_code }}")
    (folder / "email.body.plaintext.gotmpl").write_text("Site body {{ RecoveryCode }}")
    settings.KRATOS = {**settings.KRATOS, "courier": {"template_override_path": str(tmp_path)}}
    rendered = templates.render_email(
        TemplateType.RECOVERY_CODE_VALID, {"to": "a@example.com", "recovery_code": "777777"}
    )
    assert rendered.subject == "Site subject 777777"
    assert rendered.text == "Site body 777777\n"
    assert "777777" in rendered.html and "<!DOCTYPE html>" in rendered.html  # built-in kept


def test_site_templates_folder_overrides(settings, tmp_path):
    folder = tmp_path / "courier" / "verification_code" / "valid"
    folder.mkdir(parents=True)
    (folder / "email.subject.txt").write_text("Welcome aboard")
    engines = [dict(settings.TEMPLATES[0])]
    engines[0]["DIRS"] = [str(tmp_path)]
    settings.TEMPLATES = engines
    rendered = templates.render_email(
        TemplateType.VERIFICATION_CODE_VALID, {"to": "a@example.com", "verification_code": "1"}
    )
    assert rendered.subject == "Welcome aboard"


@pytest.mark.django_db
def test_a_broken_template_fails_the_queueing_loudly_not_silently(settings):
    settings.KRATOS = {
        **settings.KRATOS,
        "courier": {
            "templates": {"recovery_code": {"valid": {"email": {"subject": _b64("{% if %}")}}}}
        },
    }
    templates.clear_cache()
    with pytest.raises(templates.TemplateError):
        queue.queue_email("a@example.com", TemplateType.RECOVERY_CODE_VALID, {"recovery_code": "1"})
