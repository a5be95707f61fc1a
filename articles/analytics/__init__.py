"""Archive analytics: drift by outlet and month, confirmed flags by category, the
outlets that drift most and editors' throughput, from aggregate tables kept up to date
as analyses finish and decisions are made (see docs/stories.md, "Archive analytics")."""
