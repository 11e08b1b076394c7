"""Writing a file so that a crash at any moment leaves either the old or the new content, never a mix.

The new content goes to a temporary file in the same folder (so ``os.replace`` is a rename on one file
system), is flushed and fsynced, then replaces the target. Before that, the current file is kept as
``NAME.bak`` (a hard link where the file system allows, else a copy — itself written through a temporary and
``os.replace``), so the previous save survives even a bug that writes bad content. Temporary files left by a
process killed mid-write are named ``.NAME.PID.RANDOM.tmp`` and removed by ``clean_stray_temp``.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import time
from pathlib import Path

_TEMP = re.compile(r"^\..+\.(\d+)\.[0-9a-f]+\.tmp$")
STALE_SECONDS = 600


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return  # directories cannot be opened for fsync on Windows; NTFS journals the rename
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_temp(path: Path, data: bytes) -> Path:
    tmp = _temp_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def _keep_backup(path: Path) -> None:
    tmp = _temp_name(path)
    try:
        try:
            os.link(path, tmp)
        except OSError:
            shutil.copyfile(path, tmp)
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
        os.replace(tmp, backup_path(path))
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_atomic(path: Path, data: bytes, *, backup: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically, keeping the previous content as ``path.bak``."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    tmp = _write_temp(path, data)
    try:
        if backup and path.exists():
            _keep_backup(path)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(folder)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return True  # os.kill would terminate it on Windows; rely on age instead
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def clean_stray_temp(folder: Path) -> list[Path]:
    """Remove temporary files left by writers that died mid-write; returns what was removed.

    A temp file is stray when the process named in it is gone, or when it is older than ten minutes (pids are
    reused, and on Windows they cannot be probed safely).
    """
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    now = time.time()
    for entry in folder.iterdir():
        m = _TEMP.match(entry.name)
        if not m or not entry.is_file():
            continue
        try:
            old = now - entry.stat().st_mtime > STALE_SECONDS
            if old or not _alive(int(m.group(1))):
                entry.unlink()
                removed.append(entry)
        except OSError:
            continue
    return removed
