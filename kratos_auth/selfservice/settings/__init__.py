"""The settings flow: profile and credential changes of a signed-in identity."""
