"""Staff's tuning of the analysis: the ignore list of accepted equivalents, rule
settings (muted, severity lowered), what they suppressed per comparison, the audit of
their changes, and the per-rule acceptance figures that guide them (docs/tuning.md).

The analysis itself (articles.analysis.tuning) only sees plain data; this package
reads and writes the rows.
"""
