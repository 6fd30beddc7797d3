"""`explorer export` (CSV with provenance) and `explorer brief` (PDF with citations)."""

from __future__ import annotations

import json
import sys

from .common import _country, _index, _years

STDOUT = ("-", "/dev/stdout")


def cmd_export(args) -> int:
    from ..export import export_csv, export_csv_text
    ix = _index(args)
    countries = [_country(ix, c) for c in args.countries.split(",")] if args.countries else None
    indicators = [i.strip() for i in args.indicators.split(",")] if args.indicators else None
    first, last = _years(args.years)
    filters = dict(indicators=indicators, countries=countries, first_year=first, last_year=last)
    if str(args.out) in STDOUT:  # `-` or /dev/stdout: the CSV itself is the output
        text, _ = export_csv_text(ix, **filters)
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    n = export_csv(ix, args.out, **filters)
    if args.json:
        print(json.dumps({"file": str(args.out), "rows": n}))
    else:
        print(f"Wrote {n:,} observations with source, edition, provenance, data year, licence and citation to {args.out}")
    return 0


def cmd_brief(args) -> int:
    from ..errors import ExplorerError
    from ..scoring.composite import Engine
    from .answer import settings_from_args
    if str(args.out) in STDOUT:
        raise ExplorerError("the brief is a PDF file: give a file name ending in .pdf, not the standard output")
    engine = Engine(_index(args))
    settings = settings_from_args(args, engine)
    from ..ui.exports.brief_pdf import cli_brief  # Qt renders the PDF (offscreen when there is no display)
    out = cli_brief(engine.index, args.out, settings)
    print(json.dumps({"file": str(out)}) if args.json else f"Wrote the brief with citations to {out}")
    return 0


def register(add, path_arg) -> None:
    from .answer import add_settings_arguments
    e = add("export", cmd_export, "write observations with provenance to a CSV file")
    e.add_argument("out", type=path_arg, help="CSV file to write (replaced atomically); - for the standard output")
    e.add_argument("--indicators", help="comma-separated indicator ids (default: all)")
    e.add_argument("--countries", help="comma-separated ISO3 codes or names (default: all)")
    e.add_argument("--years", help="YEAR or FIRST-LAST")
    br = add("brief", cmd_brief, "write the composite answer as a PDF brief with citations")
    br.add_argument("out", type=path_arg, help="PDF file to write (replaced atomically)")
    add_settings_arguments(br)
