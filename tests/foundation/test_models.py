from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from articles.models import AlignmentUnit, Article, Comparison, Sentence


def _article(sha: str, role: str = Article.Role.SOURCE) -> Article:
    return Article.objects.create(title="T", body="B.", role=role, sha256=sha, origin="tests")


@pytest.mark.django_db
def test_it_refuses_two_articles_with_the_same_text_hash():
    _article("a" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        _article("a" * 64, Article.Role.RETRANSLATION)


@pytest.mark.django_db
def test_it_refuses_the_same_pair_twice_but_lets_a_source_have_many_retranslations():
    source, first, second = _article("a" * 64), _article("b" * 64), _article("c" * 64)
    Comparison.objects.create(source=source, retranslation=first)
    Comparison.objects.create(source=source, retranslation=second)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comparison.objects.create(source=source, retranslation=first)
    assert source.comparisons_as_source.count() == 2


@pytest.mark.django_db
def test_it_refuses_to_compare_an_article_with_itself():
    article = _article("a" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comparison.objects.create(source=article, retranslation=article)


@pytest.mark.django_db
def test_it_refuses_two_sentences_at_one_position_and_a_negative_span():
    article = _article("a" * 64)
    Sentence.objects.create(
        article=article, position=0, paragraph=0, text="B.", start=0, end=2, kind=Sentence.Kind.BODY
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Sentence.objects.create(
            article=article,
            position=0,
            paragraph=0,
            text="B.",
            start=0,
            end=2,
            kind=Sentence.Kind.BODY,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Sentence.objects.create(
            article=article,
            position=1,
            paragraph=0,
            text="B.",
            start=5,
            end=2,
            kind=Sentence.Kind.BODY,
        )


@pytest.mark.django_db
def test_it_refuses_two_units_at_one_position_and_similarity_out_of_range():
    comparison = Comparison.objects.create(
        source=_article("a" * 64), retranslation=_article("b" * 64)
    )
    AlignmentUnit.objects.create(comparison=comparison, position=0, kind="match", similarity=0.5)
    with pytest.raises(IntegrityError), transaction.atomic():
        AlignmentUnit.objects.create(
            comparison=comparison, position=0, kind="match", similarity=0.5
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        AlignmentUnit.objects.create(
            comparison=comparison, position=1, kind="match", similarity=1.5
        )


@pytest.mark.django_db
def test_it_shows_the_opening_words_of_an_article_scraped_without_a_title():
    article = Article.objects.create(body="x", role="source", sha256="d" * 64, origin="t")
    Sentence.objects.create(
        article=article,
        position=0,
        paragraph=0,
        kind="body",
        start=0,
        end=1,
        text="U.S. troops were hit by rockets in Syria on Monday but were not injured.",
    )
    assert (
        article.display_title
        == "(untitled) U.S. troops were hit by rockets in Syria on Monday but were…"
    )
