"""The ``password`` method (strategy, login, registration, policy, HaveIBeenPwned)."""
