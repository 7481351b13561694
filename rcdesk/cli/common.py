"""What every command of the CLI shares: exit codes, the French parser, the common options of
imports and reports, refusals (CliError), periods and JSON output."""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rcdesk.core.periods import Period

EXIT_OK, EXIT_FOUND, EXIT_REFUSED, EXIT_UNEXPECTED = 0, 1, 2, 3

# What a command does with the database: p.set_defaults(access=...) where it is registered.
READS, INSPECTS, WRITES = "read", "inspect", "write"


@dataclass
class CommandGroups:
    """The sub-parser collections an area adds its commands to."""

    top: argparse._SubParsersAction
    import_: argparse._SubParsersAction
    export: argparse._SubParsersAction
    report: argparse._SubParsersAction
    common: argparse.ArgumentParser  # parent parser carrying --db and --operator


class FrenchArgumentParser(argparse.ArgumentParser):
    """argparse speaking French: help titles, the -h option, and its usual error messages."""

    ERRORS = (
        ("the following arguments are required: ", "arguments obligatoires manquants : "),
        ("unrecognized arguments: ", "arguments inconnus : "),
        ("invalid choice: ", "choix invalide : "),
        ("(choose from ", "(choisir parmi "),
        ("expected one argument", "une valeur est attendue"),
        ("invalid int value: ", "nombre entier invalide : "),
        ("invalid float value: ", "nombre invalide : "),
        ("argument ", "option "),
    )

    def __init__(self, *args, **kwargs):
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "commandes et arguments"
        self._optionals.title = "options"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="affiche cette aide et quitte")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage: ", "utilisation : ", 1)

    def format_help(self) -> str:
        text = super().format_help().replace("usage: ", "utilisation : ", 1)
        # argparse glues ":" to section titles; French puts a space before it
        return re.sub(r"(?m)^(\S[^\n]*\S):$", r"\1 :", text)

    def error(self, message: str):
        for english, french in self.ERRORS:
            message = message.replace(english, french)
        self.exit(EXIT_REFUSED, f"{self.prog} : erreur : {message}\n"
                                f"(« {self.prog} -h » pour l'aide)\n")


class CliError(Exception):
    """Refused with a French message; exit status 2 unless given."""

    def __init__(self, message: str, status: int = EXIT_REFUSED):
        super().__init__(message)
        self.status = status


def _group(top, common, name: str, help_text: str,
           access: str = READS) -> argparse._SubParsersAction:
    parser = top.add_parser(name, parents=[common], help=help_text)
    parser.set_defaults(access=access)  # its commands' unless one sets its own
    sub = parser.add_subparsers(dest="what", metavar="QUOI", required=True)
    return sub


def parse_period(args) -> Period:
    from rcdesk.core.formatting import parse_user_date
    from rcdesk.core.periods import Period

    try:
        start = parse_user_date(args.date_from) if args.date_from else None
        end = parse_user_date(args.date_to) if args.date_to else None
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    if start and end and end < start:
        raise CliError("La date de fin (--to) précède la date de début (--from).")
    return Period(start, end)


def add_import_command(groups: CommandGroups, name: str, help_text: str,
                       func) -> argparse.ArgumentParser:
    """`rcdesk import NAME FICHIER` with --dry-run and the CSV overrides (--encoding,
    --separator) every import takes; the area adds its own options to the parser returned."""
    p = groups.import_.add_parser(name, parents=[groups.common], help=help_text)
    p.add_argument("file", metavar="FICHIER")
    p.add_argument("--dry-run", action="store_true", help="tout vérifier sans rien enregistrer")
    p.add_argument("--encoding", metavar="ENC", help="forcer l'encodage (utf-8, cp1252...)")
    p.add_argument("--separator", metavar="SEP", help="forcer le séparateur (; , tab)")
    p.set_defaults(func=func)
    return p


def add_report_command(groups: CommandGroups, name: str, help_text: str, func, *,
                       output: str = "FICHIER.pdf", output_help: str | None = None
                       ) -> argparse.ArgumentParser:
    """`rcdesk report NAME -o FICHIER [--force]`: every report takes its output and --force
    here (an existing file is replaced only with --force); the area adds its own options to
    the parser returned. The command writes through write_report."""
    p = groups.report.add_parser(name, parents=[groups.common], help=help_text)
    p.add_argument("-o", "--output", required=True, metavar=output, help=output_help)
    p.add_argument("--force", action="store_true", help="remplacer le fichier s'il existe")
    p.set_defaults(func=func)
    return p


def write_report(args, write, saved: str) -> Path:
    """Run write(path, overwrite=args.force) for the -o of a report command and print
    "<saved> : <path>". An existing file without --force is refused (exit 2) before anything
    is built; the writer itself goes through reports.base.write_pdf (or core.files)."""
    from rcdesk.core.files import OutputExists, check_output

    try:
        target = check_output(args.output, overwrite=args.force)
        path = write(target, overwrite=args.force)
    except OutputExists as exc:
        raise CliError(f"Le fichier « {exc.path} » existe déjà : ajoutez --force pour le "
                       "remplacer.") from exc
    print(f"{saved} : {path}")
    return path


def file_format(args):
    """The detected format of args.file, with --encoding / --separator applied to a CSV."""
    from dataclasses import replace

    from rcdesk.services.tabular import detect_format

    fmt = detect_format(args.file)
    if fmt.kind == "csv":
        if args.encoding:
            fmt = replace(fmt, encoding=args.encoding)
        if args.separator:
            fmt = replace(fmt, separator="\t" if args.separator == "tab" else args.separator)
    return fmt


def print_import_result(result) -> int:
    """The import's summary, the columns it ignored and its rejects file; exit 1 when rows
    were rejected."""
    prefix = "Simulation : " if result.dry_run else ""
    print(prefix + result.summary())
    if getattr(result, "ignored", ()):
        print("Colonnes ignorées : " + ", ".join(result.ignored))
    for problem in getattr(result, "problems", ())[:10]:
        hint = " → --value" if getattr(problem, "field", None) else ""
        print(f"  {problem.count} ligne(s) : {problem.reason}{hint}")
    if getattr(result, "warnings_path", None):
        print(f"Lignes importées avec une valeur gardée dans les notes : {result.warnings_path}")
    if result.rejects_path:
        print(f"Lignes rejetées : {result.rejects_path}")
    return EXIT_FOUND if result.rejected else EXIT_OK


def print_json(data) -> None:
    """JSON on stdout, non-ASCII characters escaped when its encoding is not UTF (lossless)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    print(json.dumps(data, ensure_ascii=not encoding.startswith("utf"), indent=2))
