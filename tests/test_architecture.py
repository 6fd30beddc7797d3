"""Qt stays in explorer/ui: the core must import and run without PySide6 or pyqtgraph."""

import ast
import subprocess
import sys
from pathlib import Path

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
