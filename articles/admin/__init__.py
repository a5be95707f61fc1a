"""The admin: articles, comparisons (with the import pages), units, flags, audit trail,
and the tuning of the analysis (ignore list, rule settings, rule acceptance).

Django's autodiscovery imports this package; each module registers its ModelAdmins.
"""

from articles.admin import articles, comparisons, integration, review, tuning  # noqa: F401
