"""Freeze what a user sees (cards, country list, chart data, answer tables, CLI JSON) from an index,
and compare two frozen sets: the safety net of a refactor.

    python scripts/golden.py write DIR [--index PATH]
    python scripts/golden.py compare OLD NEW      # lists every difference, exits 1 if any

Each output is one JSON file in DIR, so a difference names the view it belongs to.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COUNTRIES = ["CHN", "DEU", "USA", "IND", "SWE", "PRK", "CAF", "TWN", "BRA", "NGA", "ISL", "SOM", "RUS"]
YEARS = [2012, 2016, 2020, 2021, 2023, 2024, 2025]
INDICATORS = ["fiw_total", "rsf_score", "vdem_civil_liberties", "pts_mean", "aigs_facial_recognition",
              "comparitech_cctv", "fotn_total", "wjp_privacy", "keepiton_shutdowns", "fariss_hr_protection",
              "unctad_data_protection_law", "fiw_status"]
SELECTED = ["CHN", "DEU", "USA", "IND", "BRA", "NGA"]


def _plain(v):
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        try:
            return _plain(v.item())
        except (ValueError, AttributeError):
            pass
    if isinstance(v, float):
        return round(v, 9)
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if v is None or isinstance(v, (int, str, bool)):
        return v
    if str(v) in ("<NA>", "NaT", "nan"):
        return None
    return str(v)


def _records(df) -> list[dict]:
    return [{k: _plain(v) for k, v in r.items()} for r in df.to_dict("records")]


def _dump(out: Path, name: str, obj) -> None:
    (out / f"{name}.json").write_text(json.dumps(_plain(obj), indent=1, ensure_ascii=False, sort_keys=True))


def write(out: Path, index_path: str | None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    from explorer.ui.app import make_app
    app = make_app()  # noqa: F841 - charts need it
    _write_core(out, index_path)
    _write_charts(out, index_path)
    _write_cli(out, index_path)


def _open(index_path):
    from explorer.store import Index
    return Index(index_path)


def _write_core(out: Path, index_path) -> None:
    try:
        from explorer.data.panel import Panel
        from explorer.views.explore import ExploreData
        data = ExploreData(Panel.load(index_path))
    except ImportError:  # before the data-model refactor
        from explorer.panel_data import PanelData
        data = PanelData(_open(index_path))
    cards = {}
    for iso in COUNTRIES:
        for y in YEARS + [None]:
            cards[f"{iso}/{y}"] = [dataclasses.asdict(c) for c in data.cards(iso, y)]
    _dump(out, "cards", cards)
    rows = {}
    for ind in INDICATORS[:4]:
        for y in (2016, 2023):
            for sort in ("name", "best", "worst"):
                rows[f"{ind}/{y}/{sort}"] = data.country_rows("", None, sort, ind, y)
    rows["search/cote"] = data.country_rows("cote")
    rows["search/turkey"] = data.country_rows("turkey")
    rows["region/Europe"] = data.country_rows("", "Europe")
    _dump(out, "country_list", rows)
    _dump(out, "first_view", {"view": data.default_view(), "editions": data.editions_compact(),
                              "coverage": data.coverage_text(), "groups": data.indicator_groups(),
                              "regions": data.regions()})


def _write_charts(out: Path, index_path) -> None:
    from explorer.state import ExplorerState
    from explorer.ui.charts import ChartsPanel
    st = ExplorerState()
    try:
        from explorer.data.panel import Panel
        panel = ChartsPanel(Panel.load(index_path), st)
    except ImportError:  # before the data-model refactor
        panel = ChartsPanel(_open(index_path), st)
    panel.resize(1200, 800)
    panel.show()
    st.set_selected(SELECTED)
    st.set_focused("CHN")
    charts = {}
    for ind in INDICATORS:
        for y in (2016, 2023, 2024):
            st.set_indicator(ind)
            st.set_indicator_y("rsf_score" if ind != "rsf_score" else "fiw_total")
            st.set_year(y)
            for i, name in enumerate(["timeseries", "ranking", "scatter", "profile", "map"]):
                panel.setCurrentIndex(i)
                chart = getattr(panel, name)
                charts[f"{name}/{ind}/{y}"] = {"plotted": _records(chart.plotted()),
                                               "legend": chart.legend_texts()}
    _dump(out, "charts", charts)


def _cli(index_path, *args) -> object:
    cmd = [sys.executable, "-m", "explorer", *args, "--json"]
    if index_path:
        cmd += ["--index", str(index_path)]
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    try:
        return {"exit": p.returncode, "out": json.loads(p.stdout)}
    except json.JSONDecodeError:
        return {"exit": p.returncode, "stdout": p.stdout[-2000:], "stderr": p.stderr[-2000:]}


def _write_cli(out: Path, index_path) -> None:
    runs = {
        "countries": ["countries"], "countries_europe": ["countries", "--region", "Europe"],
        "indicators": ["indicators"], "sources": ["sources"],
        "show_chn_2023": ["show", "CHN", "--year", "2023"], "show_deu": ["show", "DEU"],
        "rank_fiw_2023": ["rank", "fiw_total", "--year", "2023", "--top", "20"],
        "rank_rsf_2024": ["rank", "rsf_score", "--year", "2024"],
        "answer": ["answer"], "answer_2020": ["answer", "--year", "2020"],
        "answer_physical": ["answer", "--preset", "physical-integrity-focused"],
        "answer_surveillance": ["answer", "--preset", "surveillance-focused"],
        "why_chn": ["answer", "--why", "CHN"], "why_swe": ["answer", "--why", "SWE"],
        "why_chn_physical": ["answer", "--why", "CHN", "--preset", "physical-integrity-focused"],
    }
    for name, args in runs.items():
        _dump(out, f"cli_{name}", _cli(index_path, *args))


def compare(old: Path, new: Path, limit: int = 12) -> int:
    names = sorted({p.name for p in old.glob("*.json")} | {p.name for p in new.glob("*.json")})
    total = 0
    for name in names:
        a = json.loads((old / name).read_text()) if (old / name).exists() else None
        b = json.loads((new / name).read_text()) if (new / name).exists() else None
        diffs: list[str] = []
        _diff(a, b, name[:-5], diffs)
        total += len(diffs)
        if diffs:
            print(f"{name}: {len(diffs)} difference(s)")
            for d in diffs[:limit]:
                print("   ", d)
    print("no differences" if not total else f"{total} difference(s)")
    return 1 if total else 0


def _diff(a, b, path: str, out: list[str]) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            _diff(a.get(k, "<absent>"), b.get(k, "<absent>"), f"{path}.{k}", out)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            _diff(x, y, f"{path}[{i}]", out)
    elif isinstance(a, float) and isinstance(b, float):
        if not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9):
            out.append(f"{path}: {a} -> {b}")
    elif a != b:
        sa, sb = json.dumps(a)[:150], json.dumps(b)[:150]
        out.append(f"{path}: {sa} -> {sb}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("write")
    w.add_argument("dir", type=Path)
    w.add_argument("--index")
    c = sub.add_parser("compare")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    args = ap.parse_args()
    if args.cmd == "write":
        write(args.dir, args.index)
        return 0
    return compare(args.old, args.new)


if __name__ == "__main__":
    sys.exit(main())
