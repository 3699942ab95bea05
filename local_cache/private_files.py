"""The counter's files hold personal data (every customer's ID, birth date, phone, address;
the hall's staff verifiers): they are the user's alone, folders 0700 and files 0600.

Modes are set explicitly, never left to the process umask (often 0o022, which gives 0644).
SQLite gives the -wal, -shm and -journal files it makes the mode of the main file, so a
database file made here before SQLite opens it keeps all of them private. Elsewhere than
POSIX there are no such modes, and these functions only make what is missing.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")
_POSIX = os.name == "posix"


def _chmod(path: Path, mode: int) -> None:
    if not _POSIX:
        return
    try:
        found = path.lstat().st_mode
        if not stat.S_ISLNK(found) and stat.S_IMODE(found) != mode:
            os.chmod(path, mode)
    except FileNotFoundError:  # (gone meanwhile: a -wal SQLite removed)
        pass


def make_dir(path: Path) -> Path:
    """Make `path` and any missing parents 0700; a folder already there is left as it is
    (it may not be the counter's: a folder a clerk saves a copy into)."""
    path = Path(path)
    missing = []
    here = path
    while not here.exists():
        missing.append(here)
        here = here.parent
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    for folder in missing:  # mkdir's mode is narrowed by the umask; parents get none
        _chmod(folder, DIR_MODE)
    return path


def private_dir(path: Path) -> Path:
    """One of the counter's own folders: made if missing, made 0700 if it was looser."""
    make_dir(path)
    _chmod(Path(path), DIR_MODE)
    return Path(path)


def private_file(path: Path) -> Path:
    """Made empty if missing (SQLite takes an empty file as a new database), 0600 either
    way. Its folder must be there."""
    path = Path(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    try:
        if _POSIX:
            os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)
    return path


def tighten(path: Path) -> None:
    """A file or folder already there made the user's alone; nothing if it is not there."""
    path = Path(path)
    _chmod(path, DIR_MODE if path.is_dir() else FILE_MODE)


def tighten_database(path: Path) -> None:
    """A database file and the side files SQLite may have left beside it."""
    for suffix in ("", *SQLITE_SIDE_FILES):
        tighten(Path(f"{path}{suffix}"))


def write_private(path: Path, data: bytes) -> Path:
    """Write `data` as a 0600 file, through a partial file renamed over it (a failed write
    never leaves half a file). A missing folder is made 0700."""
    path = Path(path)
    make_dir(path.parent)
    partial = path.with_name(path.name + ".part")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        if _POSIX:
            os.fchmod(fd, FILE_MODE)  # (a partial left by a crash may be looser)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
    os.replace(partial, path)
    return path


def tighten_tree(root: Path) -> None:
    """Every folder under `root` (itself too) 0700, every file 0600: what an older Counter
    or a loose umask left open. Symbolic links are not followed."""
    root = Path(root)
    if not root.is_dir():
        return
    _chmod(root, DIR_MODE)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            _chmod(Path(folder, name), DIR_MODE)
        for name in files:
            _chmod(Path(folder, name), FILE_MODE)
