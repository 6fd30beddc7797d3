"""The ``explorer`` command: the window by default, and every question it answers as a subcommand.

    explorer                      open the window on the bundled index
    explorer build-index          rebuild data/explorer.sqlite from ../shared/data/raw
    explorer countries [--region R]
    explorer indicators
    explorer show ISO3 [--year Y]
    explorer rank INDICATOR --year Y [--top N]
    explorer sources
    explorer export FILE.csv [--indicators a,b] [--countries CHN,DEU] [--years 2015-2023]
    explorer answer [--year Y] [--weights pillar=w,...] [--top N]
    explorer brief FILE.pdf [--year Y] [--preset P]
    explorer brief --country CHN --peers DEU,USA,IND --year 2024 --out china.pdf
    explorer chart VIEW --indicator ID --countries CHN,DEU --year 2024 [--slide] --out FILE.png|svg|csv
Each subcommand takes --json for machine-readable output, and --debug to show a traceback.

Exit codes: 0 done; 2 a problem, told in one line starting with ``explorer:`` (bad option,
unreadable index, a file that cannot be written, or an unexpected error); 130 interrupted
with Ctrl-C (nothing half-written is left behind).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..errors import ExplorerError

# The window needs none of the subcommands: they (and pandas, ~250 ms) are imported only when
# the command line names one, or asks for --help.
_SHARED = ("_country", "_emit", "_index", "_years")  # from .common, for tests and scripts


def __getattr__(name: str):
    if name in _SHARED:
        from . import common
        return getattr(common, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

EXIT_PROBLEM = 2
EXIT_INTERRUPTED = 130


def path_arg(text: str) -> Path:
    if not text or "\x00" in text:
        raise argparse.ArgumentTypeError("a file name must be non-empty and must not contain NUL characters")
    return Path(text)


def cmd_gui(args) -> int:
    from ..ui.app import main as gui_main
    return gui_main(index_path=args.index)


def _gui_args(argv: list[str]) -> argparse.Namespace | None:
    """The window's options when ``argv`` names no subcommand (``explorer``, ``explorer --index
    F``, ``--debug``); None for anything else, which the full parser reads (and explains)."""
    p = argparse.ArgumentParser(prog="explorer", add_help=False, exit_on_error=False)
    p.add_argument("--index", type=path_arg, default=None)
    p.add_argument("--debug", action="store_true")
    try:
        args, rest = p.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return None if rest else args


def parser() -> argparse.ArgumentParser:
    from . import answer, build, chart, export, query
    from .bounds import top, year
    p = argparse.ArgumentParser(prog="explorer", description="Country Privacy Explorer: which country persecutes its citizens the least?")
    p.add_argument("--index", type=path_arg, default=None, help="index file (default: the bundled data/explorer.sqlite)")
    p.add_argument("--debug", action="store_true", help="show the traceback of an unexpected error")
    sub = p.add_subparsers(dest="cmd")

    def add(name, fn, help_):
        sp = sub.add_parser(name, help=help_)
        sp.add_argument("--json", action="store_true", help="machine-readable output")
        sp.add_argument("--index", type=path_arg, default=argparse.SUPPRESS, help="index file (default: bundled)")
        sp.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks")
        sp.set_defaults(fn=fn)
        return sp

    build.register(add)
    c = add("countries", query.cmd_countries, "list countries in the index")
    c.add_argument("--region", help="UN region or subregion, e.g. Europe or 'Eastern Asia'")
    add("indicators", query.cmd_indicators, "list indicators with direction and coverage")
    s = add("show", query.cmd_show, "every indicator for one country")
    s.add_argument("country", help="ISO3 code (CHN) or name")
    s.add_argument("--year", type=year)
    r = add("rank", query.cmd_rank, "rank countries on one indicator")
    r.add_argument("indicator")
    r.add_argument("--year", type=year, required=True)
    r.add_argument("--top", type=top)
    add("sources", query.cmd_sources, "publishers, licences and citations")
    answer.register(sub)
    for name in ("answer",):  # registered by answer.py; give it the shared --debug too
        sub.choices[name].add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                                       help="show tracebacks")
    export.register(add, path_arg)
    __import__("explorer.importer.commands", fromlist=["register"]).register(sub)  # import, imports, undo-import
    chart.register(add, path_arg)
    g = sub.add_parser("gui", help="open the window (the default)")
    g.set_defaults(fn=cmd_gui, json=False)
    return p


def _safe_output() -> None:
    """A terminal that cannot show 'Côte d'Ivoire' gets 'C?te d'Ivoire', not a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError, OSError):
            pass


def _say(text: str) -> None:
    try:
        print(f"explorer: {text}", file=sys.stderr)
    except (OSError, ValueError):
        pass


def main(argv: list[str] | None = None) -> int:
    """Run one command. Every failure is one line on stderr and exit code 2 (see module doc)."""
    _safe_output()
    debug = "--debug" in (sys.argv[1:] if argv is None else argv)
    try:
        from ..atomic import cleanup_stale_temps
        cleanup_stale_temps()  # what killed writers left in data/ and the user data folder
        args = _gui_args(sys.argv[1:] if argv is None else argv)
        if args is not None:
            return cmd_gui(args) or 0
        args = parser().parse_args(argv)
        if not getattr(args, "fn", None):
            args.fn, args.json = cmd_gui, False
        return args.fn(args) or 0
    except SystemExit as e:  # argparse: usage and message already printed (2), or --help (0)
        return e.code if isinstance(e.code, int) else (0 if e.code is None else EXIT_PROBLEM)
    except ExplorerError as e:
        _say(str(e))
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        _say("interrupted (nothing half-written was left behind)")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader went away (`explorer indicators | head`): not an error; keep Python quiet at exit
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 0
    except Exception as e:  # noqa: BLE001 - the last line of defence: a message, never a traceback
        if debug:
            import traceback
            traceback.print_exc()
        _say(f"unexpected error: {type(e).__name__}: {str(e)[:300]}"
             + ("" if debug else " (run again with --debug for the details, and please report it)"))
        return EXIT_PROBLEM


if __name__ == "__main__":
    sys.exit(main())
