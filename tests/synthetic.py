"""A tiny, visibly synthetic raw-data folder (fictional countries, made-up scores) for testing
the build's error handling without ../shared."""

from __future__ import annotations

import json
from pathlib import Path

ISO_HEADER = ("name,alpha-2,alpha-3,country-code,iso_3166-2,region,sub-region,intermediate-region,"
              "region-code,sub-region-code,intermediate-region-code\n")
COUNTRIES = [("Testland", "TS", "TST", "901"), ("Exampleland", "EX", "EXL", "902"), ("Sampleland", "SM", "SMP", "903")]
PTS_HEADER = ("Country,Country_OLD,Year,COW_Code_A,COW_Code_N,WordBank_Code_A,UN_Code_N,Region,"
              "PTS_A,PTS_H,PTS_S,NA_Status_A,NA_Status_H,NA_Status_S\n")


def pts_row(name, code, year, a="1", h="NA", s="2", sh="0"):
    """One PTS line; HRW is missing with status 88 (no report), State Dept status ``sh``."""
    return f"{name},{name},{year},{code},0,{code},0,eca,{a},{h},{s},0,88,{sh}\n"


def write_xlsx(path: Path, sheet: str, header: str, lines: list[str]) -> Path:
    """A workbook like a publisher's: numbers as numbers, text (e.g. "NA") as text in the same column."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(header.strip().split(","))
    for line in lines:
        cells = line.strip().split(",")
        ws.append([float(c) if c.replace(".", "", 1).lstrip("-").isdigit() else c for c in cells])
    wb.save(path)
    return path


def make_raw(root: Path) -> Path:
    (root / "countries").mkdir(parents=True)
    (root / "countries" / "iso3166_countries_regions.csv").write_text(
        ISO_HEADER + "".join(f'{n},{a2},{a3},{num},ISO 3166-2:{a2},Testregion,Test subregion,"",900,990,""\n'
                             for n, a2, a3, num in COUNTRIES), encoding="utf-8")
    (root / "countries" / "population_worldbank.csv").write_text(
        "Country Name,Country Code,Year,Value\n" + "".join(f"{n},{a3},2020,1000\n" for n, _, a3, _ in COUNTRIES),
        encoding="utf-8")
    (root / "naturalearth").mkdir()
    squares = [{"type": "Feature", "properties": {"ADMIN": n, "ISO_A3_EH": a3, "ADM0_A3": a3,
                                                  "LABEL_X": k * 10 + 5, "LABEL_Y": 5},
                "geometry": {"type": "MultiPolygon", "coordinates": [[[[k * 10, 0], [k * 10 + 9, 0],
                                                                       [k * 10 + 9, 9], [k * 10, 0]]]]}}
               for k, (n, _, a3, _) in enumerate(COUNTRIES)]
    (root / "naturalearth" / "ne_110m_admin_0_countries.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": squares}), encoding="utf-8")
    (root / "pts").mkdir()
    (root / "pts" / "PTS-2024.csv").write_text(
        PTS_HEADER + pts_row("Testland", "TST", 2020, a="1") + pts_row("Exampleland", "EXL", 2020, a="5")
        + pts_row("Sampleland", "SMP", 2020, a="3", s="NA", sh="88"), encoding="utf-8")
    # The newer release as a workbook, for the next year only (so PTS-2024.csv still gives 2020).
    write_xlsx(root / "pts" / "PTS-2025.xlsx", "PTS-2025", PTS_HEADER,
               [pts_row("Testland", "TST", 2021, a="2"), pts_row("Exampleland", "EXL", 2021, a="4")])
    return root
