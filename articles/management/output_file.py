"""The file a command writes its result to (`export_report -o`, `analyse --output`).

Checked before any work is done, so that a run does not end, after all its work, on an
output it could never write; and written beside the target under a temporary name and
renamed into place, so that a failed run leaves neither a half-written file nor the
temporary one behind. Every refusal is one line naming the path.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from django.core.management.base import CommandError


def check_output(output: Path) -> None:
    """Refuse an output that is a directory, or whose name the system cannot take."""
    try:
        is_directory = output.is_dir()
    except OSError as error:  # e.g. a name longer than the file system allows
        raise CommandError(cannot_write(output, error)) from error
    if is_directory:
        raise CommandError(f"{output}: is a directory; give a file name")


def write_beside(output: Path, prefix: str, mode: str, write: Callable[[IO], object]) -> object:
    """Call `write` with a stream open on a new file beside `output`, then rename it to
    `output`; returns what `write` returned. An OSError on the way becomes a one-line
    CommandError; the temporary file is removed whatever goes wrong."""
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=prefix, dir=output.parent)
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(handle, mode, encoding=encoding) as stream:
            result = write(stream)
        os.replace(temporary, output)
        temporary = None
    except OSError as error:
        raise CommandError(cannot_write(output, error)) from error
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
    return result


def cannot_write(output: Path, error: OSError) -> str:
    if isinstance(error, IsADirectoryError):
        return f"{output}: is a directory; give a file name"
    return f"{output}: cannot be written ({error.strerror or error})"
