"""Issue 12, items 1, 2, 6 and 8: a user's file is never lost or replaced by a cut one, devices
and links are respected, every OS problem is a message, and killed writers leave nothing."""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explorer import atomic
from explorer.atomic import atomic_write, atomic_write_bytes, atomic_write_text, cleanup_stale_temps
from explorer.errors import ExplorerError

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def run_limited(code: str, blocks: int, cwd: Path) -> subprocess.CompletedProcess:
    """Python code in a subprocess whose files may not grow past ``blocks`` KB (a full disk)."""
    return subprocess.run(["bash", "-c", f'ulimit -f {blocks}; exec "$0" -c "$1"', PY, code],
                          capture_output=True, text=True, cwd=cwd, env=ENV, timeout=60)


# ---- 1. full disk -------------------------------------------------------------------------

def test_an_export_on_a_full_disk_keeps_the_old_file_and_says_the_disk_is_full(tmp_path):
    target = tmp_path / "report.csv"
    target.write_text("old,complete\n1,2\n")
    code = ("from explorer.atomic import atomic_write_text\n"
            "from explorer.errors import ExplorerError\n"
            f"try: atomic_write_text({str(target)!r}, 'a,b\\n' + 'x,1\\n' * 200_000)\n"
            "except ExplorerError as e: print(e); raise SystemExit(2)\n")
    res = run_limited(code, 20, tmp_path)
    assert res.returncode == 2, res.stderr
    assert "larger than this disk" in res.stdout or "disk is full" in res.stdout
    assert target.read_text() == "old,complete\n1,2\n" and temps(tmp_path) == []


def test_a_brief_on_a_full_disk_fails_with_a_message_and_keeps_the_good_pdf(tmp_path):
    good = tmp_path / "v.pdf"
    before = b"%PDF-1.4\n(the user's earlier, complete brief)\n%%EOF\n"
    good.write_bytes(before)  # the brief itself is ~47 KB, more than the 20 KB limit below
    res = subprocess.run(["bash", "-c", f'ulimit -f 20; exec "$0" -m explorer brief {good}', PY],
                         capture_output=True, text=True, env=ENV, cwd=ROOT, timeout=120)
    # The message is the last line: a library may print before it (fontconfig on a first start,
    # failing to write its cache under the same limit), which is not ours to silence.
    last = res.stderr.strip().splitlines()[-1]
    assert res.returncode == 2 and last.startswith("explorer: cannot write") and "Traceback" not in res.stderr
    assert good.read_bytes() == before and temps(tmp_path) == []


@pytest.mark.parametrize("suffix, cut", [(".pdf", b"%PDF-1.4\n1 0 obj\n"), (".svg", b"<svg xmlns='x'><g>"),
                                         (".png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), (".csv", b"a,b\n1,")])
def test_a_cut_rendering_never_replaces_the_users_file(tmp_path, suffix, cut):
    target = tmp_path / f"chart{suffix}"
    target.write_bytes(b"the user's good file")
    with pytest.raises(ExplorerError, match="incomplete"):
        atomic_write(target, lambda tmp: tmp.write_bytes(cut))
    assert target.read_bytes() == b"the user's good file" and temps(tmp_path) == []


def test_fewer_bytes_on_disk_than_rendered_is_refused(tmp_path):
    target = tmp_path / "x.bin"
    with pytest.raises(ExplorerError, match="only 3 of 10 bytes"):
        atomic_write(target, lambda tmp: (tmp.write_bytes(b"abc"), 10)[1])
    assert not target.exists()


def test_complete_files_of_every_kind_pass_their_check(tmp_path):
    import zlib
    ihdr = b"IHDR" + (1).to_bytes(4, "big") * 2 + b"\x08\x00\x00\x00\x00"
    chunk = lambda b: (len(b) - 4).to_bytes(4, "big") + b + zlib.crc32(b).to_bytes(4, "big")  # noqa: E731
    png = b"\x89PNG\r\n\x1a\n" + chunk(ihdr) + chunk(b"IDAT" + zlib.compress(b"\x00\x00")) + chunk(b"IEND")
    for name, data in [("a.png", png), ("a.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
                       ("a.pdf", b"%PDF-1.4\n%%EOF\n"), ("a.csv", "é,b\n".encode())]:
        atomic_write_bytes(tmp_path / name, data)
        assert (tmp_path / name).read_bytes() == data


# ---- 2. devices, pipes, links, stdout -------------------------------------------------------

def test_a_fifo_or_a_folder_is_refused_and_left_as_it_is(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(ExplorerError, match="a pipe"):
        atomic_write_text(fifo, "a\n")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(ExplorerError, match="a folder"):
        atomic_write_text(tmp_path / "dir.csv", "a\n")
    assert temps(tmp_path) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_node_is_never_replaced_by_a_regular_file(tmp_path):
    dev = tmp_path / "null.csv"
    os.mknod(dev, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # a private /dev/null
    with pytest.raises(ExplorerError, match="is a device, not a file"):
        atomic_write_text(dev, "a\n")
    assert stat.S_ISCHR(os.lstat(dev).st_mode) and temps(tmp_path) == []


def test_writing_to_a_symlink_replaces_its_target_and_keeps_the_link(tmp_path):
    real = tmp_path / "real" / "data.csv"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    atomic_write_text(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new\n"
    assert temps(tmp_path) == [] and temps(real.parent) == []


def test_export_to_dev_stdout_or_dash_writes_the_csv_to_the_standard_output(capsys):
    from explorer.cli import main
    for out in ("/dev/stdout", "-"):
        code = main(["export", out, "--countries", "CHN", "--indicators", "pts_amnesty", "--years", "2020"])
        got = capsys.readouterr().out
        assert code == 0 and got.startswith("iso3,country,indicator") and "CHN,China,pts_amnesty" in got


# ---- 6. OS errors are messages --------------------------------------------------------------

def test_an_unwritable_folder_is_a_message_for_a_normal_user(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    os.chmod(tmp_path, 0o755)
    os.chmod(folder, 0o755)  # owned by root; the user 'nobody' may read, not write
    out = folder / "x.csv"
    code = ("import sys\nfrom explorer.cli import _say\nfrom explorer.atomic import atomic_write_text\n"
            "from explorer.errors import ExplorerError\n"
            f"try: atomic_write_text({str(out)!r}, 'a\\n')\n"
            "except ExplorerError as e: _say(str(e)); sys.exit(2)\n")
    cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", PY, "-c", code]
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, env={**ENV, "HOME": "/tmp"}, cwd=ROOT, timeout=60)
    except FileNotFoundError:
        pytest.skip("setpriv is not installed")
    if "setpriv" in res.stderr and res.returncode != 2:
        pytest.skip(f"cannot switch user here: {res.stderr.strip()}")
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert f"cannot write to {folder}: permission denied" in res.stderr
    assert not out.exists() and temps(folder) == []


@pytest.mark.parametrize("length", [244, 250, 255, 256, 300])
def test_long_file_names_work_up_to_the_limit_and_give_a_message_beyond(tmp_path, length):
    target = tmp_path / ("n" * (length - 4) + ".csv")
    if length <= 255:
        atomic_write_text(target, "a\n")
        assert target.read_text() == "a\n"
    else:
        with pytest.raises(ExplorerError, match="file name is too long"):
            atomic_write_text(target, "a\n")
    assert temps(tmp_path) == []


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(ExplorerError, match="does not exist"):
        atomic_write_text(tmp_path / "nope" / "x.csv", "a\n")


def test_every_common_os_error_reads_as_plain_words(tmp_path):
    import errno
    p = tmp_path / "x.pdf"
    words = {errno.ENOSPC: "the disk is full", errno.EACCES: f"cannot write to {tmp_path}",
             errno.EROFS: "read-only", errno.ENAMETOOLONG: "too long", errno.EIO: "input/output error"}
    for code, want in words.items():
        assert want in atomic.os_error_message(OSError(code, os.strerror(code)), p)


def test_a_failing_writer_leaves_the_target_and_no_temp(tmp_path):
    target = tmp_path / "a.csv"
    target.write_text("old\n")

    def boom(tmp):
        tmp.write_text("half")
        raise OSError(28, "No space left on device")
    with pytest.raises(ExplorerError, match="the disk is full"):
        atomic_write(target, boom)
    assert target.read_text() == "old\n" and temps(tmp_path) == []


def test_temp_names_are_short_and_beside_the_target(tmp_path):
    seen = []
    atomic_write(tmp_path / ("z" * 250 + ".csv"), lambda tmp: (seen.append(tmp), tmp.write_text("a\n")))
    assert seen[0].parent == tmp_path and len(seen[0].name) <= 20 and atomic.TEMP_PATTERN.match(seen[0].name)


# ---- 8. stale temps ------------------------------------------------------------------------

def test_cleanup_removes_only_our_stale_unlocked_temps(tmp_path):
    old = time.time() - 3600
    ours = [tmp_path / ".cpe-0123abcd.tmp", tmp_path / ".explorer-ab_c1234.sqlite.tmp"]
    others = [tmp_path / ".cpe-notours.tmp", tmp_path / "notes.tmp", tmp_path / ".report.csv.abc12345.tmp"]
    for p in ours + others:
        p.write_text("x")
        os.utime(p, (old, old))
    (tmp_path / ".cpe-deadbeef.tmp").symlink_to(tmp_path / "notes.tmp")  # links are never followed
    removed = cleanup_stale_temps([tmp_path, tmp_path / "missing-folder"])
    assert sorted(removed) == sorted(ours)
    assert all(p.exists() for p in others) and (tmp_path / ".cpe-deadbeef.tmp").is_symlink()


def test_cleanup_leaves_a_temp_that_a_live_writer_holds(tmp_path):
    import fcntl
    p = tmp_path / ".cpe-00000000.tmp"
    p.write_text("being written")
    os.utime(p, (time.time() - 3600,) * 2)
    code = ("import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDWR); fcntl.flock(fd, fcntl.LOCK_EX); "
            "print('locked', flush=True); time.sleep(30)")
    holder = subprocess.Popen([PY, "-c", code, str(p)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert cleanup_stale_temps(tmp_path) == [] and p.exists()
    finally:
        holder.kill()
        holder.wait()
    assert cleanup_stale_temps(tmp_path) == [p] and not p.exists()
    del fcntl


def test_cleanup_leaves_temps_newer_than_this_process(tmp_path):
    p = tmp_path / ".cpe-11111111.tmp"
    p.write_text("just made by another instance")
    assert cleanup_stale_temps(tmp_path) == [] and p.exists()


def _export_forever(target: Path) -> None:
    """In a forked child: export the old and the new content in turn until killed."""
    try:
        k = 0
        while True:
            atomic_write_bytes(target, (b"A" if k % 2 else b"B") * 1_000_000, verify=None)
            k += 1
    finally:
        os._exit(0)


def test_kill_9_during_exports_leaves_the_old_or_the_new_file_and_the_next_run_clears_temps(tmp_path):
    target = tmp_path / "export.csv"
    target.write_bytes(b"A" * 1_000_000)
    rng = random.Random(12)
    left = []
    for _ in range(30):
        pid = os.fork()  # a forked writer starts in microseconds: 30 kills take about a second
        if pid == 0:
            _export_forever(target)
        time.sleep(rng.uniform(0.002, 0.05))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        data = target.read_bytes()
        assert data in (b"A" * 1_000_000, b"B" * 1_000_000), f"cut file of {len(data)} bytes"
        left.append(len(temps(tmp_path)))
    assert left[-1] > 0  # kills did land in the middle of writes, leaving temps
    # the next run (a new process: its start is after every killed writer) removes them
    res = subprocess.run([PY, "-c", f"from explorer.atomic import cleanup_stale_temps; "
                                    f"print(len(cleanup_stale_temps([{str(tmp_path)!r}])))"],
                         capture_output=True, text=True, env=ENV, timeout=30)
    assert int(res.stdout) == left[-1]
    assert temps(tmp_path) == []


def test_the_next_export_to_a_folder_clears_what_a_killed_export_left_there(tmp_path):
    stale = tmp_path / ".cpe-0badc0de.tmp"
    stale.write_text("half an export")
    os.utime(stale, (time.time() - 60,) * 2)
    atomic_write_text(tmp_path / "new.csv", "a\n")
    assert temps(tmp_path) == []


def test_the_cli_clears_stale_temps_of_its_data_folders_at_start(tmp_path, monkeypatch, capsys):
    from explorer.cli import main
    user = tmp_path / "userdata"
    user.mkdir()
    stale = user / ".cpe-abcdef12.tmp"
    stale.write_text("left by a killed export")
    os.utime(stale, (time.time() - 60,) * 2)
    monkeypatch.setenv("EXPLORER_DATA_DIR", str(user))
    assert main(["sources", "--json"]) == 0 and not stale.exists()
