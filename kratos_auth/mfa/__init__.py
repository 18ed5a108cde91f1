"""Second-factor building blocks shared by the TOTP, lookup secret, WebAuthn and passkey
strategies: code algorithms, single-use bookkeeping, WebAuthn ceremonies."""
