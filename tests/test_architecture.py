"""Qt stays in explorer/ui: the core must import and run without PySide6 or pyqtgraph; and the
import contracts (layers, the builder used by the CLI alone, no cycles) hold and catch a bad import."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import explorer

PKG = Path(explorer.__file__).parent
QT = ("PySide6", "pyqtgraph", "shiboken6")


def test_no_qt_import_outside_ui():
    offenders = []
    for py in PKG.rglob("*.py"):
        if "ui" in py.relative_to(PKG).parts[:1]:
            continue
        for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            offenders += [f"{py.relative_to(PKG.parent)}: {n}" for n in names if n.split(".")[0] in QT]
    assert offenders == []


def test_core_runs_with_qt_blocked():
    # Import every core module in a fresh interpreter where importing Qt raises.
    code = (
        "import sys, importlib, pkgutil\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        f"        if name.split('.')[0] in {QT!r}: raise ImportError('Qt imported by the core: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import explorer\n"
        "for m in pkgutil.walk_packages(explorer.__path__, 'explorer.'):\n"
        "    if not m.name.startswith(('explorer.ui', 'explorer.__main__')): importlib.import_module(m.name)\n"
        "print('ok')\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr


# ---- import contracts (pyproject.toml [tool.importlinter]), lazy imports included -----------

import os  # noqa: E402
import shutil  # noqa: E402

ROOT = PKG.parent
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(root))
    return subprocess.run([str(LINT), "--no-cache"], cwd=root, env=env, capture_output=True, text=True, timeout=120)


def test_import_contracts_hold():
    res = _lint(ROOT)
    assert res.returncode == 0, res.stdout[-3000:]
    assert "4 kept, 0 broken" in res.stdout


@pytest.fixture()
def scratch(tmp_path):
    """A copy of the package and its contracts, to break on purpose."""
    shutil.copytree(PKG, tmp_path / "explorer", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _add_import(root: Path, module: str, line: str) -> None:
    path = root / (module.replace(".", "/") + ".py")
    text = path.read_text(encoding="utf-8")
    # after the docstring and __future__ import, as a lazy import inside a function would also count
    path.write_text(text + f"\n\ndef _scratch():\n    {line}\n", encoding="utf-8")


@pytest.mark.parametrize("module, line, broken", [
    ("explorer.data.rules", "import PySide6.QtCore", "Only explorer.ui imports Qt"),
    ("explorer.sources.pts", "from ..build import build", "The builder is used by the CLI alone"),
    ("explorer.data.rank", "from ..views import text", "Layers"),
    ("explorer.sources._io", "from .. import countries", "No import cycles"),
])
def test_a_bad_import_breaks_its_contract(scratch, module, line, broken):
    _add_import(scratch, module, line)
    res = _lint(scratch)
    assert res.returncode != 0
    assert any(broken in ln and "BROKEN" in ln for ln in res.stdout.splitlines()), res.stdout[-2000:]
