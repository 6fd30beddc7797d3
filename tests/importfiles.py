"""Writers for small, visibly synthetic "next edition" files in the layouts publishers use:
xlsx with title rows above the header, and csv with `;` separators, decimal commas and
cp1252/Latin-1 text. Values are made up in each test (future editions, round fake numbers)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

TITLE = ["SYNTHETIC TEST FILE - made-up values, not a real edition"]


def write_xlsx(path: Path, header: list[str], rows: list[list], title_rows: int = 2, sheet: str = "Data",
               extra_sheets: tuple[str, ...] = ("Introduction",)) -> Path:
    wb = openpyxl.Workbook()
    first = wb.active
    first.title = extra_sheets[0] if extra_sheets else sheet
    if extra_sheets:
        first.append(["About this workbook (synthetic)"])
        for name in extra_sheets[1:]:
            wb.create_sheet(name).append(["notes"])
        ws = wb.create_sheet(sheet)
    else:
        ws = first
    for i in range(title_rows):
        ws.append(TITLE if i == 0 else [f"note {i}: values are made up"])
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def write_csv(path: Path, header: list[str], rows: list[list], sep: str = ",", encoding: str = "utf-8",
              decimal_comma: bool = False, title_rows: int = 0) -> Path:
    def cell(v):
        if v is None:
            return ""
        if isinstance(v, float) and decimal_comma:
            return repr(v).replace(".", ",")
        text = str(v)
        return f'"{text}"' if sep in text else text
    lines = [sep.join(TITLE)] * title_rows + [sep.join(header)] + [sep.join(cell(v) for v in r) for r in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


# The two ways each test writes its file: (id, writer)
def both(tmp_path: Path, stem: str, header, rows, **csv_kw):
    return {
        "xlsx": write_xlsx(tmp_path / f"{stem}.xlsx", header, rows),
        "csv": write_csv(tmp_path / f"{stem}.csv", header, rows, **csv_kw),
    }
