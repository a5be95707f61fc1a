"""A job's file (an export) kept in the database, in chunks: written as it is made and
read back as it is sent, so that memory stays flat on both sides, and so that any web
server can hand out what any worker machine wrote."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db import transaction

from articles.models import Job, JobFileChunk

CHUNK_BYTES = 1024 * 1024


def write_file(job: Job, pieces: Iterable[str | bytes]) -> int:
    """Store `pieces` as the job's file (replacing any earlier attempt's); returns its size."""
    JobFileChunk.objects.filter(job=job).delete()
    buffer = bytearray()
    position = written = 0
    for piece in pieces:
        buffer += piece if isinstance(piece, bytes) else piece.encode("utf-8")
        while len(buffer) >= CHUNK_BYTES:
            _store(job, position, bytes(buffer[:CHUNK_BYTES]))
            del buffer[:CHUNK_BYTES]
            position += 1
            written += CHUNK_BYTES
    if buffer or position == 0:
        _store(job, position, bytes(buffer))
        written += len(buffer)
    return written


def _store(job: Job, position: int, data: bytes) -> None:
    with transaction.atomic():
        JobFileChunk.objects.create(job=job, position=position, data=data)


def read_file(job: Job) -> Iterator[bytes]:
    """The job's file, one chunk (one query) at a time."""
    positions = list(
        JobFileChunk.objects.filter(job=job).order_by("position").values_list("position", flat=True)
    )
    for position in positions:
        data = (
            JobFileChunk.objects.filter(job=job, position=position)
            .values_list("data", flat=True)
            .get()
        )
        yield bytes(data)
