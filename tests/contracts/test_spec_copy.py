"""The spec copies the tests validate against are exactly Kratos's shared spec files."""

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent / "kratos"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "kratos"


@pytest.mark.parametrize("name", sorted(p.name for p in HERE.glob("*.json")))
def test_copy_matches_shared_spec(name):
    if not (SHARED / name).exists():
        pytest.skip("../shared/kratos is not beside this checkout")
    assert (HERE / name).read_bytes() == (SHARED / name).read_bytes()


def test_bundled_config_schema_is_kratos_schema():
    bundled = Path(__file__).resolve().parents[2] / "kratos_auth" / "conf"
    if not (SHARED / "config.schema.json").exists():
        pytest.skip("../shared/kratos is not beside this checkout")
    assert (bundled / "kratos.config.schema.json").read_bytes() == (
        SHARED / "config.schema.json"
    ).read_bytes()
