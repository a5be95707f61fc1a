"""Webhooks (docs/api.md#webhooks): endpoints staff register in the admin, the events
sent to them, signed JSON deliveries retried through the background jobs."""
