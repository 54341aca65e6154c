"""Writing files so that a failure never leaves one half-written."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(path: Path, text: str | bytes) -> None:
    """Write ``text`` (or bytes) to ``path`` through a temporary file, so no half-written file is
    left and two writers at once never mix their bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with (os.fdopen(handle, "wb") if isinstance(text, bytes)
              else os.fdopen(handle, "w", encoding="utf-8")) as out:
            out.write(text)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def cached(path: Path | None, make: Callable[[], str | bytes], binary: bool = False) -> str | bytes:
    """What ``make()`` returns: read from ``path`` when it was made before, otherwise made and
    stored there (atomically). ``binary`` says whether it is bytes or text (UTF-8); with ``path``
    None it is made every time."""
    if path is not None and path.exists():
        return path.read_bytes() if binary else path.read_text(encoding="utf-8")
    made = make()
    if path is not None:
        write_atomically(path, made)
    return made
