"""Self-service flows: the flow engine, the five flows, hooks and strategies."""
