"""The JSON API under /api/v1/ (docs/api.md): per-user tokens, the endpoints, their
errors and throttling. Built on django-ninja; the rules it applies are the web's own
(articles/roles.py, articles/review/flags.py, articles/importer.py)."""
