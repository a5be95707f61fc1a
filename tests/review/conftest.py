"""The domain tests of bulk decisions share the comparison of like suggestions."""

from __future__ import annotations

import pytest

from articles.models import Comparison
from tests.like_suggestions import build_likes


@pytest.fixture
def likes(db) -> Comparison:
    return build_likes()
