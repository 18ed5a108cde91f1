"""Identity schemas: loading (``file://``, ``base64://``, ``http(s)://``), traits
validation with Kratos's messages, and the ``ory.sh/kratos`` extensions."""

from kratos_auth.schema.errors import (
    SchemaNotFound,
    SchemaUnavailable,
    TraitsInvalid,
    TraitViolation,
    UnknownSchema,
)
from kratos_auth.schema.extensions import (
    TraitAddress,
    TraitIdentifier,
    TraitsExtensions,
    collect,
    inspect_traits,
)
from kratos_auth.schema.normalize import (
    normalize_address,
    normalize_code_identifier,
    normalize_email,
    normalize_identifier,
    normalize_phone,
)
from kratos_auth.schema.store import (
    IdentitySchema,
    clear_cache,
    default_schema_id,
    find_schema,
    get_schema,
    list_schemas,
    public_base_url,
    schema_ids,
    schema_url,
)
from kratos_auth.schema.validation import check_traits, validate_traits

__all__ = [
    "IdentitySchema",
    "SchemaNotFound",
    "SchemaUnavailable",
    "TraitAddress",
    "TraitIdentifier",
    "TraitViolation",
    "TraitsExtensions",
    "TraitsInvalid",
    "UnknownSchema",
    "check_traits",
    "clear_cache",
    "collect",
    "default_schema_id",
    "find_schema",
    "get_schema",
    "inspect_traits",
    "list_schemas",
    "normalize_address",
    "normalize_code_identifier",
    "normalize_email",
    "normalize_identifier",
    "normalize_phone",
    "public_base_url",
    "schema_ids",
    "schema_url",
    "validate_traits",
]
