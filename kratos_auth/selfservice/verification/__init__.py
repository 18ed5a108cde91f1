"""The verification flow: prove control of an email address or phone number."""
