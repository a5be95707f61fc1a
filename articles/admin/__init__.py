"""The admin: articles, comparisons (with the import pages), units, flags, audit trail.

Django's autodiscovery imports this package; each module registers its ModelAdmins.
"""

from articles.admin import articles, comparisons, integration, review  # noqa: F401
