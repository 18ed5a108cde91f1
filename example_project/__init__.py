"""The reference project: serves kratos_auth's public and admin APIs."""
