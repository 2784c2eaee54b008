"""Write a file whole or not at all: a temporary file beside the target, renamed onto it.

The one way the library and the app write a file a user keeps (a case, a batch's output, a
summary, a chart, the trainer's progress, the atlas cache): a reader never sees half a file, and a
failure leaves the target as it was and no temporary file behind.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Literal

__all__ = ["replacing", "write_replacing"]


@contextmanager
def replacing(path: Path, mode: Literal["w", "wb"] = "w") -> Iterator[IO[Any]]:
    """A stream to a temporary file beside `path`; leaving without an error puts it in place.

    The file is flushed and synced before the rename, and gets the mode `path` has (a new file:
    an ordinary file's mode under the umask, not the owner-only mode of a temporary file). On an
    error the temporary file is removed and `path` is left as it was.

    Raises:
        OSError: the folder cannot be written.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():  # name the folder, not the temporary file mkstemp would name
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(folder))
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else _default_mode())
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(handle, mode, encoding=encoding) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_replacing(path: Path, data: str | bytes) -> Path:
    """Write `data` (text as UTF-8) to `path` whole or not at all; returns `path`.

    Raises:
        OSError: the folder cannot be written; the target is left as it was.
    """
    if isinstance(data, bytes):
        with replacing(path, "wb") as binary:
            binary.write(data)
    else:
        with replacing(path) as text:
            text.write(data)
    return path


def _default_mode() -> int:
    """The mode a new file gets under the current umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
