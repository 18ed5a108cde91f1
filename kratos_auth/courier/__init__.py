"""The courier: queued email and SMS messages, their templates, channels and worker."""
