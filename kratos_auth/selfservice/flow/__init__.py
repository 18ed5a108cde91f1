"""The flow engine shared by the five self-service flows."""
