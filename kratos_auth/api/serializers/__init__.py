"""api/serializers."""
