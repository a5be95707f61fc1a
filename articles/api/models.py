"""API tokens: a user's keys to the API, stored hashed.

A token reads `nd_<prefix>_<secret>`. The prefix (8 characters) is stored as it is, so
that a token can be found and recognised in lists; the whole token is stored only as
its SHA-256, so that a copy of the database gives no one a working token. The token
itself is shown once, when it is made.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

TOKEN_START = "nd_"  # noqa: S105 (the visible start of every token, not a secret)
PREFIX_CHARS = 8
SECRET_BYTES = 24


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token_text() -> tuple[str, str]:
    """(prefix, the whole token). The prefix is lowercase letters and digits only."""
    alphabet = "abcdefghijkmnpqrstuvwxyz23456789"
    prefix = "".join(secrets.choice(alphabet) for _ in range(PREFIX_CHARS))
    return prefix, f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What the token is for (“the CMS”).")
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    digest = models.CharField(
        max_length=64, editable=False, help_text="SHA-256 of the whole token."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "articles"
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.shown})"

    @property
    def shown(self) -> str:
        """How the token is shown once made: its visible start only."""
        return f"{TOKEN_START}{self.prefix}_…"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @classmethod
    def issue(cls, user, name: str) -> tuple[ApiToken, str]:
        """A new token for `user`; returns the row and the token, shown only now."""
        for _ in range(5):
            prefix, text = new_token_text()
            if not cls.objects.filter(prefix=prefix).exists():
                break
        token = cls.objects.create(user=user, name=name, prefix=prefix, digest=token_digest(text))
        return token, text

    def revoke(self) -> bool:
        """Revoke the token (it stays listed, revoked). False when it was already."""
        if self.revoked_at is not None:
            return False
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
        return True
