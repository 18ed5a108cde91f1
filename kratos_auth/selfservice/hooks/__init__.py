"""One module per hook named in config (``registry.HOOKS`` maps names to classes)."""
