"""Optional integrations with third-party packages (Django REST framework)."""
