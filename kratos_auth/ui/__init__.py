"""Built-in self-service pages: login, registration, settings, recovery, verification,
error and welcome, mounted on the public surface under ``/ui/``.

They render any flow's ``ui`` nodes generically (``nodes``), run under a strict
Content-Security-Policy (``csp``) and are plain Django templates a site can override
(``kratos_auth/ui/<page>.html``). The default ``selfservice.flows.<flow>.ui_url`` and
``selfservice.default_browser_return_url`` point at them.
"""
