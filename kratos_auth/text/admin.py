"""Wording of the admin API's errors (reasons and messages), Kratos's where Kratos has one.

Templates are filled with ``str.format``; they never receive secrets, only names and limits.
"""

from __future__ import annotations

# Kratos (sqlcon.ErrNoRows): the message of every "unknown id" 404.
RESOURCE_NOT_FOUND = "Unable to locate the resource"
COURIER_MESSAGE_NOT_FOUND = "No courier message with this id exists."

# Request bodies and parameters.
MALFORMED_JSON = "The request body is not valid JSON: {problem}"
UNSTORABLE_BODY = "The request body cannot be stored: it contains {problem}."
BODY_NOT_OBJECT = "The request body must be a JSON object."
BODY_NOT_ARRAY = "The request body must be a JSON array."
BODY_TOO_LARGE = "The request body is larger than {limit} bytes."
UNSUPPORTED_MEDIA_TYPE = "The request body must be sent as application/json."
INVALID_UUID = "The value of {name} is not a valid UUID."
INVALID_PARAMETER = "Invalid value `{value}` for parameter `{name}`."
INVALID_INTEGER_PARAMETER = "Parameter `{name}` must be an integer between {low} and {high}."
# Kratos (identity handler), word for word.
BOTH_IDENTIFIER_FILTERS = (
    "Cannot pass both credentials_identifier and preview_credentials_identifier_similar."
)
TOO_MANY_IDS = "At most {limit} ids can be requested at once."
# Kratos (x.ParseKeysetOrPagePagination), for the deprecated `page`/`per_page`.
LEGACY_PAGINATION_LIMIT = (
    "Legacy pagination is not supported for enumerating over {limit} items. "
    "Please switch to using page_token and page_size."
)

# Keyset pagination (Kratos: ory/x keysetpagination).
PAGE_TOKEN_INVALID = "The page token is invalid, do not craft your own page tokens."

# JSON Patch (RFC 6902).
PATCH_FAILED = "An error occurred when applying the JSON patch: {problem}"

# Batch import.
BATCH_TOO_LARGE = "The maximum number of identities that can be created at once is {limit}."
BATCH_TOO_LARGE_PLAINTEXT = (
    "At most {limit} identities with plaintext passwords can be created at once; "
    "pre-hash the passwords to import up to {hashed_limit}."
)
BATCH_ITEM_INVALID = "Each item of `identities` must be an object with a `create` object."

# Admin API authentication (beyond Kratos).
ADMIN_KEY_REQUIRED = "A valid admin API key is required (Authorization: Bearer <key>)."
ADMIN_IP_FORBIDDEN = "Requests from this address are not allowed on the admin API."

# Courier.
COURIER_STATUS_INVALID = "Invalid value `{value}` for parameter `status`."

# Request bodies, in the words of Go's JSON decoder (what Kratos answers).
FIELD_TYPE = (
    "json: cannot unmarshal {actual} into Go struct field {struct}.{field} of type {expected}"
)
FIELD_REQUIRED = "The field {field} is required."
ORGANIZATIONS_UNSUPPORTED = "Organizations are an Ory Network feature and are not supported."
