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
    if args.out_file and args.out and args.out_file != args.out:
        raise ExplorerError("give the PDF once: either as the file argument or with --out")
    args.out = args.out_file or args.out
    if args.out is None:
        raise ExplorerError("the brief needs a file: explorer brief FILE.pdf, or --out FILE.pdf")
    if str(args.out) in STDOUT:
        raise ExplorerError("the brief is a PDF file: give a file name ending in .pdf, not the standard output")
    if args.country or args.peers:
        return _country_brief(args)
    if str(args.out) in STDOUT:
        raise ExplorerError("the brief is a PDF file: give a file name ending in .pdf, not the standard output")
    engine = Engine(_index(args))
    settings = settings_from_args(args, engine)
    from ..ui.exports.brief_pdf import cli_brief  # Qt renders the PDF (offscreen when there is no display)
    out = cli_brief(engine.index, args.out, settings)
    print(json.dumps({"file": str(out)}) if args.json else f"Wrote the brief with citations to {out}")
    return 0


def _country_brief(args) -> int:
    from ..errors import ExplorerError
    if not args.country:
        raise ExplorerError("--peers needs --country (the country the brief is about)")
    panel = _index(args)
    peers = [p for p in (args.peers or "").split(",") if p.strip()]
    from ..ui.exports.country_brief import write_country_brief  # Qt draws the PDF (offscreen)
    out = write_country_brief(panel, args.out, args.country, peers, args.year)
    if args.json:
        print(json.dumps({"file": str(out), "country": args.country.upper(), "peers": [p.upper() for p in peers]}))
    else:
        print(f"Wrote the country brief of {panel.name(args.country.upper())} with citations to {out}")
    return 0


def register(add, path_arg) -> None:
    from .answer import add_settings_arguments
    e = add("export", cmd_export, "write observations with provenance to a CSV file")
    e.add_argument("out", type=path_arg, help="CSV file to write (replaced atomically); - for the standard output")
    e.add_argument("--indicators", help="comma-separated indicator ids (default: all)")
    e.add_argument("--countries", help="comma-separated ISO3 codes or names (default: all)")
    e.add_argument("--years", help="YEAR or FIRST-LAST")
    br = add("brief", cmd_brief, "a PDF brief with citations: the composite answer, or one country "
             "against its peers (--country CHN --peers DEU,USA,IND)")
    br.add_argument("out", type=path_arg, nargs="?", help="PDF file to write (replaced atomically)")
    br.add_argument("--out", dest="out_file", type=path_arg, help="PDF file to write (same as the argument)")
    br.add_argument("--country", help="ISO3 code: a country brief with its peers instead of the ranking")
    br.add_argument("--peers", help="up to four comma-separated ISO3 codes to compare with --country")
    add_settings_arguments(br)
