"""The one way this project replaces a file: write a temporary file beside the target, check
that it is complete, then rename it over the target in one step.

A failed, interrupted or killed write leaves the target as it was (the old complete file or
nothing) and at most a temporary file named ``.cpe-XXXXXXXX.tmp``, which
``cleanup_stale_temps`` removes at the next start. Every OS error becomes an ``ExplorerError``
with a plain message; devices, pipes and folders are refused; a symlink is written through to
its target (the link stays a link).
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import sqlite3
import stat
import time
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path
from typing import Callable, Iterable

from .errors import ExplorerError

try:
    import fcntl
except ImportError:  # not POSIX: no locks; the clean-up then relies on the age rule alone
    fcntl = None

TEMP_PREFIX = ".cpe-"
TEMP_SUFFIX = ".tmp"
# Ours only: the writer's names and the old index builder's (`.explorer-XXXXXXXX.sqlite.tmp`).
TEMP_PATTERN = re.compile(r"^(\.cpe-[0-9a-f]{8}\.tmp|\.explorer-[a-z0-9_]{8}\.sqlite\.tmp)$")
NAME_MAX = 255
_PROCESS_START = time.time()

Verifier = Callable[[Path], None]


def file_mode(path: Path) -> int:
    """The mode a replaced file keeps, or what a new file would get (0o666 less the umask):
    temporary files are owner-only, which would otherwise stick to the result."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def os_error_message(e: OSError, path: Path) -> str:
    """What an OS error means for the user, in words, naming the file or folder."""
    folder = path.parent
    code = e.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return f"cannot write {path}: the disk is full (nothing was changed)"
    if code == errno.EFBIG:
        return f"cannot write {path}: the file is larger than this disk or account allows (nothing was changed)"
    if code in (errno.EACCES, errno.EPERM):
        return f"cannot write to {folder}: permission denied (choose another folder)"
    if code == errno.EROFS:
        return f"cannot write to {folder}: it is on a read-only disk (choose another folder)"
    if code == errno.ENAMETOOLONG:
        return (f"cannot write {path.name[:60]}...: the file name is too long "
                f"({len(path.name.encode())} bytes; at most {NAME_MAX}); choose a shorter name")
    if code == errno.ENOENT:
        return f"cannot write {path}: folder {folder} does not exist"
    if code in (errno.ENOTDIR,):
        return f"cannot write {path}: part of the path is not a folder"
    if code == errno.EISDIR:
        return f"cannot write {path}: it is a folder"
    if code == errno.EIO:
        return f"cannot write {path}: the disk reported an input/output error (nothing was changed)"
    return f"cannot write {path}: {e.strerror or e}"


def resolve_target(path: Path | str) -> Path:
    """The regular file a write to ``path`` replaces: symlinks followed to their target (which
    may not exist yet); folders, devices, pipes and sockets refused with a message."""
    path = Path(path)
    if len(path.name.encode()) > NAME_MAX:
        raise ExplorerError(os_error_message(OSError(errno.ENAMETOOLONG, "name too long"), path))
    real = Path(os.path.realpath(path))
    try:
        st = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise ExplorerError(os_error_message(e, real)) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        kind = ("a folder" if stat.S_ISDIR(st.st_mode) else "a pipe (FIFO)" if stat.S_ISFIFO(st.st_mode)
                else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
                else "a socket" if stat.S_ISSOCK(st.st_mode) else "not a regular file")
        raise ExplorerError(f"cannot write {path}: it is {kind}, not a file; choose a file name"
                            + (" (the CLI writes to the standard output with `-`)" if kind != "a folder" else ""))
    if not real.parent.is_dir():
        raise ExplorerError(f"cannot write {path}: folder {real.parent} does not exist")
    if len(real.name.encode()) > NAME_MAX:
        raise ExplorerError(os_error_message(OSError(errno.ENAMETOOLONG, "name too long"), real))
    return real


def _new_temp(folder: Path) -> tuple[Path, int]:
    """A fresh temp file beside the target, locked (flock) for as long as this process writes it,
    so a clean-up in another process leaves it alone."""
    for _ in range(20):
        tmp = folder / f"{TEMP_PREFIX}{secrets.token_hex(4)}{TEMP_SUFFIX}"
        try:
            fd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        except FileExistsError:
            continue
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        return tmp, fd
    raise ExplorerError(f"cannot write to {folder}: no free temporary file name")


def atomic_write(path: Path | str, write: Callable[[Path], object], verify: Verifier | None | str = "auto") -> Path:
    """Call ``write(tmp)``, check the result, then move it over ``path`` in one step.

    ``write`` may return the number of bytes it meant to write; the file must then have exactly
    that size. ``verify(tmp)`` raises ``ExplorerError`` if the file is incomplete; ``"auto"``
    picks the check by the target's suffix (.pdf, .svg, .png, .csv, .sqlite), None skips it.
    Returns ``path`` as given (a symlink stays a link; its target is replaced).
    """
    path = Path(path)
    target = resolve_target(path)
    if verify == "auto":
        verify = verifier_for(target)
    cleanup_stale_temps(target.parent)  # what a killed export to this folder left behind
    try:
        tmp, fd = _new_temp(target.parent)
    except OSError as e:
        raise ExplorerError(os_error_message(e, target)) from None
    try:
        expected = write(tmp)
        size = os.stat(tmp).st_size
        if isinstance(expected, int) and not isinstance(expected, bool) and size != expected:
            raise ExplorerError(f"cannot write {path}: only {size:,} of {expected:,} bytes reached the disk "
                                "(is it full?); nothing was changed")
        if verify is not None:
            verify(tmp)
        os.fsync(fd)
        os.chmod(tmp, file_mode(target))
        os.replace(tmp, target)
    except OSError as e:
        raise ExplorerError(os_error_message(e, target)) from None
    except sqlite3.Error as e:
        raise ExplorerError(f"cannot write {path}: {_sqlite_problem(e)}; nothing was changed") from None
    finally:
        try:
            if tmp.exists():
                tmp.unlink()
        except OSError:
            pass
        os.close(fd)
    return path


def atomic_write_bytes(path: Path | str, data: bytes, verify: Verifier | None | str = "auto") -> Path:
    def write(tmp: Path) -> int:
        with open(tmp, "wb") as fh:
            fh.write(data)
        return len(data)
    return atomic_write(path, write, verify)


def atomic_write_text(path: Path | str, text: str, verify: Verifier | None | str = "auto") -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"), verify)


def _sqlite_problem(e: sqlite3.Error) -> str:
    text = str(e)
    if "disk is full" in text or "database or disk is full" in text:
        return "the disk is full"
    return text


# ---- completeness checks -----------------------------------------------------------------

def _incomplete(tmp: Path, what: str, why: str) -> ExplorerError:
    return ExplorerError(f"the {what} came out incomplete ({why}; {tmp.stat().st_size:,} bytes written); "
                         "is the disk full? nothing was changed")


def verify_pdf(tmp: Path) -> None:
    with open(tmp, "rb") as fh:
        head = fh.read(5)
        fh.seek(max(0, os.fstat(fh.fileno()).st_size - 1024))
        tail = fh.read()
    if head != b"%PDF-":
        raise _incomplete(tmp, "PDF", "no %PDF header")
    if b"%%EOF" not in tail:
        raise _incomplete(tmp, "PDF", "no %%EOF at the end")


def verify_svg(tmp: Path) -> None:
    try:
        root = ET.parse(tmp).getroot()
    except ET.ParseError as e:
        raise _incomplete(tmp, "SVG image", f"not well-formed XML: {e}") from None
    if not root.tag.endswith("svg"):
        raise _incomplete(tmp, "SVG image", f"root element is {root.tag}")


def verify_png(tmp: Path) -> None:
    """Walk the chunks (length, type, data, CRC) up to IEND, checking every CRC."""
    data = tmp.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise _incomplete(tmp, "PNG image", "no PNG signature")
    pos = 8
    while pos + 12 <= len(data):
        n = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        end = pos + 12 + n
        if end > len(data):
            break
        if zlib.crc32(data[pos + 4:pos + 8 + n]) != int.from_bytes(data[pos + 8 + n:end], "big"):
            raise _incomplete(tmp, "PNG image", f"bad checksum in chunk {kind.decode('latin-1')}")
        if kind == b"IEND":
            return
        pos = end
    raise _incomplete(tmp, "PNG image", "no IEND chunk")


def verify_csv(tmp: Path) -> None:
    try:
        text = tmp.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise _incomplete(tmp, "CSV file", "cut inside a character") from None
    if text and not text.endswith("\n"):
        raise _incomplete(tmp, "CSV file", "the last line is cut")


def sqlite_verifier(required_tables: Iterable[str] = ()) -> Verifier:
    required = set(required_tables)

    def verify(tmp: Path) -> None:
        try:
            conn = sqlite3.connect(f"{tmp.resolve().as_uri()}?mode=ro", uri=True)
            try:
                ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            finally:
                conn.close()
        except sqlite3.DatabaseError as e:
            raise _incomplete(tmp, "index", f"not a readable database: {e}") from None
        if ok != "ok":
            raise _incomplete(tmp, "index", f"integrity check: {ok}")
        missing = required - tables
        if missing:
            raise _incomplete(tmp, "index", f"no table(s) {', '.join(sorted(missing))}")
    return verify


VERIFIERS: dict[str, Verifier] = {".pdf": verify_pdf, ".svg": verify_svg, ".png": verify_png,
                                  ".csv": verify_csv, ".sqlite": sqlite_verifier()}


def verifier_for(path: Path) -> Verifier | None:
    return VERIFIERS.get(Path(path).suffix.lower())


# ---- clean-up of what killed writers left behind --------------------------------------------

def default_temp_folders() -> list[Path]:
    """Where this project writes temp files on its own: ``data/`` and the user data folder."""
    from .paths import DATA_DIR, index_path, user_data_dir
    return list(dict.fromkeys([DATA_DIR, index_path().parent, user_data_dir()]))


def cleanup_stale_temps(folders: Iterable[Path | str] | Path | str | None = None) -> list[Path]:
    """Remove this project's own temp files (``.cpe-XXXXXXXX.tmp``; the old builder's
    ``.explorer-XXXXXXXX.sqlite.tmp``) left by killed writers: only regular files with that exact
    name pattern, older than this process and not locked by a live writer. Never raises;
    returns what was removed."""
    if folders is None:
        folders = default_temp_folders()
    elif isinstance(folders, (str, Path)):
        folders = [folders]
    removed = []
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if not TEMP_PATTERN.match(entry.name):
                continue
            try:
                st = entry.stat(follow_symlinks=False)
                if not stat.S_ISREG(st.st_mode) or st.st_mtime >= _PROCESS_START:
                    continue
                fd = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
                try:
                    if fcntl is not None:
                        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held = a live writer
                except OSError:
                    continue
                else:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
                finally:
                    os.close(fd)
            except OSError:
                continue
    return removed
