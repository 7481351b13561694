"""Command line: no sub-command opens the window; sub-commands work headless.

Exit status: 0 done, 1 done but something was found (check problems, rejected rows),
2 refused (bad input, unusable database), 3 unexpected error (logged in rcdesk.log).

How a command uses the database is set where it is registered, p.set_defaults(access=...):
READS (the default: only reads; a missing file is refused, nothing is written), INSPECTS
(reads the file as it is, even incomplete or older: no migration) or WRITES (records data: a
missing file is created and announced on stderr, a read-only one refused)."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from rcdesk import __version__

if TYPE_CHECKING:
    from rcdesk.core.periods import Period

# Areas that add their own sub-commands: each has register(groups: CommandGroups).
AREA_MODULES = ("rcdesk.cli.customers", "rcdesk.cli.complaints", "rcdesk.cli.assessment")

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


def build_parser() -> argparse.ArgumentParser:
    common = FrenchArgumentParser(add_help=False)
    common.add_argument("--db", metavar="CHEMIN", default=argparse.SUPPRESS,
                        help="fichier SQLite ou adresse postgresql:// (défaut : RCDESK_DB, puis "
                             "le fichier du dossier de données)")
    common.add_argument("--operator", metavar="NOM", default=argparse.SUPPRESS,
                        help="opérateur enregistré dans les historiques (défaut : la session)")
    parser = FrenchArgumentParser(
        prog="rcdesk", parents=[common],
        description="rcdesk — relation client hors ligne. Sans commande : ouvre la fenêtre.")
    parser.add_argument("--version", action="version", version=f"rcdesk {__version__}",
                        help="affiche la version et quitte")
    top = parser.add_subparsers(dest="command", metavar="COMMANDE")

    p = top.add_parser("info", parents=[common], help="fichier, version du schéma, nombre de lignes")
    p.add_argument("--json", action="store_true", help="sortie JSON")
    p.set_defaults(func=cmd_info, access=INSPECTS)

    p = top.add_parser("backup", parents=[common], help="copie de la base (SQLite)")
    p.add_argument("-o", "--output", required=True, metavar="FICHIER")
    p.add_argument("--force", action="store_true", help="remplacer le fichier s'il existe")
    p.set_defaults(func=cmd_backup, access=INSPECTS)

    p = top.add_parser("check", parents=[common],
                       help="contrôle du schéma, de l'intégrité et des clés étrangères")
    p.set_defaults(func=cmd_check, access=INSPECTS)

    p = top.add_parser("stats", parents=[common], help="indicateurs en JSON")
    p.add_argument("--json", action="store_true", help="sortie JSON (la seule forme proposée)")
    p.add_argument("--from", dest="date_from", metavar="DATE")
    p.add_argument("--to", dest="date_to", metavar="DATE")
    p.set_defaults(func=cmd_stats)

    p = top.add_parser("demo", parents=[common], help="remplit une base vide d'une entreprise fictive")
    p.add_argument("--customers", type=int, default=500, metavar="N")
    p.add_argument("--seed", type=int, default=2026)
    p.set_defaults(func=cmd_demo, access=WRITES)

    groups = CommandGroups(
        top=top,
        import_=_group(top, common, "import", "importer un fichier CSV ou XLSX", access=WRITES),
        export=_group(top, common, "export", "exporter vers un fichier"),
        report=_group(top, common, "report", "produire un rapport PDF"),
        common=common,
    )
    for name in AREA_MODULES:
        import_module(name).register(groups)
    return parser


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
    if result.rejects_path:
        print(f"Lignes rejetées : {result.rejects_path}")
    return EXIT_FOUND if result.rejected else EXIT_OK


def open_target(args) -> None:
    """Open the database the arguments name as the command's access says; CliError (status 2)
    when it cannot be used. Only a command that writes records its operator in the file."""
    from rcdesk.db import READ, WRITE, DatabaseOpenError, display_name, open_database
    from rcdesk.paths import default_database
    from rcdesk.services.settings import set_current_operator, use_operator

    access = getattr(args, "access", READS)
    writes = access == WRITES
    target = getattr(args, "db", None) or default_database()
    try:
        db = open_database(target, access=WRITE if writes else READ, create=writes,
                           migrate=access != INSPECTS)
    except DatabaseOpenError as exc:
        raise CliError(str(exc)) from exc
    if db.created:
        print(f"rcdesk : nouvelle base créée : {display_name(target)}", file=sys.stderr)
    login = getattr(args, "operator", None) or _default_operator()
    (set_current_operator if writes else use_operator)(login)


def _default_operator() -> str:
    from rcdesk.services.settings import default_login

    return default_login()


def cmd_info(args) -> int:
    """Exit 1 when the schema of the file's version lacks tables or columns (still counted)."""
    from rcdesk.services.maintenance import database_info

    info = database_info()
    status = EXIT_FOUND if info.missing else EXIT_OK
    if args.json:
        print_json(info.as_dict())
        return status
    print(f"Fichier : {info.target}")
    print(f"Moteur : {'SQLite' if info.engine == 'sqlite' else 'PostgreSQL'}")
    print(f"Version du schéma : {info.schema_version}")
    if info.read_only:
        print(f"Lecture seule : {info.read_only}")
    for table, count in info.counts.items():
        print(f"  {table} : {count}")
    if info.missing:
        print("Schéma incomplet (« rcdesk check » le contrôle) :")
        for line in info.missing:
            print(f"  {line}")
    return status


def cmd_backup(args) -> int:
    from rcdesk.services.maintenance import backup_database

    dest = backup_database(args.output, overwrite=args.force)
    print(f"Copie enregistrée : {dest}")
    return EXIT_OK


def cmd_check(args) -> int:
    from rcdesk.services.maintenance import check_database

    problems = check_database()
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} problème(s) trouvé(s).", file=sys.stderr)
        return EXIT_FOUND
    print("Aucun problème : schéma, intégrité et clés étrangères vérifiés.")
    return EXIT_OK


def cmd_stats(args) -> int:
    from rcdesk.services.stats import collect_stats

    print_json(collect_stats(parse_period(args)))
    return EXIT_OK


def cmd_demo(args) -> int:
    from rcdesk.services.area_types import DemoOptions
    from rcdesk.services.demo import make_demo

    profile = make_demo(DemoOptions(customers=args.customers, seed=args.seed))
    print(f"Entreprise de démonstration créée : {profile.name}")
    return EXIT_OK


def configure_output() -> None:
    """Never die on a character: stdout and stderr replace what their encoding cannot write
    (a cp1252 Windows console, PYTHONIOENCODING=ascii); on Windows, output redirected to a file
    or a pipe is UTF-8 unless PYTHONIOENCODING says otherwise."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            if (sys.platform == "win32" and not os.environ.get("PYTHONIOENCODING")
                    and not stream.isatty()):
                reconfigure(encoding="utf-8", errors="replace")
            else:
                reconfigure(errors="replace")
        except (ValueError, OSError):  # a stream already written in another way: leave it
            pass


def print_json(data) -> None:
    """JSON on stdout, non-ASCII characters escaped when its encoding is not UTF (lossless)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    print(json.dumps(data, ensure_ascii=not encoding.startswith("utf"), indent=2))


def command_name(args) -> str:
    """"import customers", "org list", "info": the sub-command, for messages and the log."""
    return " ".join(str(part) for part in (getattr(args, "command", None),
                                           getattr(args, "what", None)) if part)


def start_log():
    """rcdesk.log for this command (the window's log); None, said on stderr, when it cannot be
    written: the log is a help, not a condition for working."""
    import logging

    from rcdesk.logs import log, setup_logging

    try:
        return setup_logging()
    except OSError as exc:
        log.addHandler(logging.NullHandler())  # nothing on stderr beyond our own line
        print(f"rcdesk : journal indisponible ({exc.strerror or exc}).", file=sys.stderr)
        return None


def report_unexpected(args, exc: BaseException, log_path) -> int:
    """Log an unexpected exception (type and place, never its message: no personal data in
    the log) and say so in one French line on stderr; exit status 3."""
    from rcdesk.logs import log_unexpected

    log_unexpected(exc, f"commande « rcdesk {command_name(args)} »")
    first_line = (str(exc).strip().splitlines() or [""])[0][:200]
    detail = type(exc).__name__ + (f" ({first_line})" if first_line else "")
    where = f"voir le journal {log_path}" if log_path else "journal indisponible"
    print(f"Erreur inattendue : {detail} ; {where}", file=sys.stderr)
    return EXIT_UNEXPECTED


def main(argv: list[str] | None = None) -> int:
    configure_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        from rcdesk.ui.app import run_gui

        return run_gui(getattr(args, "db", None), getattr(args, "operator", None))
    from rcdesk.core.errors import ServiceError, ValidationError

    log_path = start_log()
    try:
        open_target(args)
        return args.func(args)
    except CliError as exc:
        print(str(exc), file=sys.stderr)
        return exc.status
    except (ServiceError, ValidationError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    except BrokenPipeError:  # `rcdesk info | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - logged, then one line and status 3
        return report_unexpected(args, exc, log_path)
    finally:
        from rcdesk.db import close_database

        close_database()
