"""Kratos's wording for identity schemas, traits validation and the identity admin API.

Reasons are ``str.format`` templates; the JSON Schema keyword texts are those of
``ory/jsonschema`` (the validator Kratos uses), which end up in ``error.reason`` and in
generic (4000001) UI messages.
"""

from __future__ import annotations

# Identity schemas (schema.Schemas.GetByID, schema.Handler.getIdentitySchema).
UNKNOWN_SCHEMA_ID = "Unable to find JSON Schema ID: {schema_id}"
SCHEMA_NOT_FOUND = "Identity schema `{schema_id}` could not be found."
SCHEMA_UNAVAILABLE = (
    "The file for this JSON Schema ID could not be found or opened. This is a configuration issue."
)

# Identities (identity.Handler).
IDENTITY_CONFLICT = "This identity conflicts with another identity that already exists."
# Kratos (sqlcon.ErrNoRows) puts its text in the message; the reason says what is missing.
IDENTITY_NOT_FOUND_MESSAGE = "Unable to locate the resource"
IDENTITY_NOT_FOUND = "No identity with this id exists."
IDENTITY_STATE_INVALID = "identity state is not valid"
FIELD_UNSTORABLE = "The value of {field} cannot be stored: it contains {problem}."
FIELD_TOO_LONG = "The value of {field} is longer than {limit} characters."
HASH_FORMAT_UNKNOWN = (
    "The imported password does not match any known hash format. "
    "For more information see https://www.ory.sh/dr/2"
)
# The same, naming what is wrong with an imported hash (never echoing it).
HASH_FORMAT_PROBLEM = HASH_FORMAT_UNKNOWN + " ({problem})"
CREDENTIALS_MISSING = "You tried to remove a {type} but this user have no {type} set up."
CREDENTIALS_FIRST_FACTOR = "You cannot remove first factor credentials."
CREDENTIALS_LAST_FIRST_FACTOR = "You cannot remove the last first factor credential."
CREDENTIALS_NOT_DELETABLE = "Credentials type {type} cannot be deleted."
CREDENTIALS_IDENTIFIER_REQUIRED = "You must provide an identifier to delete this credential."
CREDENTIALS_IDENTIFIER_UNKNOWN = (
    "The identifier `{identifier}` was not found among OIDC credentials."
)

# ory/jsonschema keyword messages (Go's %q quoting is rendered with JSON string quoting).
JSONSCHEMA_LOCATION = "I[{instance}] S[{schema}] {message}"
JSONSCHEMA_VALIDATION_FAILED = "validation failed"
JSONSCHEMA_FORMAT = "{value} is not valid {format}"
JSONSCHEMA_ENUM = "value must be one of {values}"
JSONSCHEMA_ADDITIONAL_PROPERTIES = "additionalProperties {names} not allowed"
JSONSCHEMA_MIN_PROPERTIES = "minimum {expected} properties allowed, but found {actual} properties"
JSONSCHEMA_MAX_PROPERTIES = "maximum {expected} properties allowed, but found {actual} properties"
JSONSCHEMA_DEPENDENCY = "property {missing} is required, if {present} property exists"
JSONSCHEMA_CONTAINS = "does not contain required item"
JSONSCHEMA_NOT = "not failed"
JSONSCHEMA_FALSE = "always fail"
JSONSCHEMA_ONE_OF = "oneOf failed"
JSONSCHEMA_ANY_OF = "anyOf failed"
JSONSCHEMA_GENERIC = "{keyword} failed"
# Kratos's extension runners (identity/extension_*.go).
EXTENSION_INVALID_ADDRESS = "{value} is not a valid {via}"
EXTENSION_UNKNOWN_VIA = "{field}.via has unknown value {via}"
EXTENSION_NO_FORMAT = (
    "no format specified. A format is required if verification is enabled. "
    'If this was intentional, please set "format" to "noformat"'
)
# Credentials import (createIdentityBody.credentials); Go's strict JSON decoder wording first.
JSON_UNKNOWN_FIELD = 'json: unknown field "{name}"'
CREDENTIALS_FIELD_INVALID = "Invalid credentials: {path} must be {expected}."
CREDENTIALS_PASSWORD_TOO_LONG = (
    "Invalid credentials: the password must be at most {max_bytes} bytes long."
)
ADDRESS_FIELD_INVALID = "Invalid {kind} address: {path} must be {expected}."
