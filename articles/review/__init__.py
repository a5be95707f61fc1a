"""The review's domain operations, called by the views: deciding about flags and units,
fixing the alignment, confirming ledger names, undo. Every operation is one
transaction, checks the unit version the editor was shown (articles.review.locking)
and writes its audit event (articles.review.audit)."""
