"""Command line: no sub-command opens the window; sub-commands work headless.

Exit status: 0 done, 1 done but something was found (check problems, rejected rows),
2 refused (bad input, unusable database), 3 unexpected error (written to rcdesk.log)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from rcdesk import __version__

if TYPE_CHECKING:
    from rcdesk.core.periods import Period

# Areas that add their own sub-commands: each has register(groups: CommandGroups).
AREA_MODULES = ("rcdesk.cli.customers", "rcdesk.cli.complaints", "rcdesk.cli.assessment")

EXIT_OK, EXIT_FOUND, EXIT_REFUSED, EXIT_UNEXPECTED = 0, 1, 2, 3


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
    p.set_defaults(func=cmd_info)

    p = top.add_parser("backup", parents=[common], help="copie de la base (SQLite)")
    p.add_argument("-o", "--output", required=True, metavar="FICHIER")
    p.add_argument("--force", action="store_true", help="remplacer le fichier s'il existe")
    p.set_defaults(func=cmd_backup)

    p = top.add_parser("check", parents=[common], help="contrôle d'intégrité et des clés étrangères")
    p.set_defaults(func=cmd_check)

    p = top.add_parser("stats", parents=[common], help="indicateurs en JSON")
    p.add_argument("--json", action="store_true", help="sortie JSON (la seule forme proposée)")
    p.add_argument("--from", dest="date_from", metavar="DATE")
    p.add_argument("--to", dest="date_to", metavar="DATE")
    p.set_defaults(func=cmd_stats)

    p = top.add_parser("demo", parents=[common], help="remplit une base vide d'une entreprise fictive")
    p.add_argument("--customers", type=int, default=500, metavar="N")
    p.add_argument("--seed", type=int, default=2026)
    p.set_defaults(func=cmd_demo)

    groups = CommandGroups(
        top=top,
        import_=_group(top, common, "import", "importer un fichier CSV ou XLSX"),
        export=_group(top, common, "export", "exporter vers un fichier"),
        report=_group(top, common, "report", "produire un rapport PDF"),
        common=common,
    )
    for name in AREA_MODULES:
        import_module(name).register(groups)
    return parser


def _group(top, common, name: str, help_text: str) -> argparse._SubParsersAction:
    parser = top.add_parser(name, parents=[common], help=help_text)
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
    """Open the database the arguments name; CliError (status 2) when it cannot be used."""
    from rcdesk.db import DatabaseOpenError, open_database
    from rcdesk.paths import default_database
    from rcdesk.services.settings import set_current_operator

    target = getattr(args, "db", None) or default_database()
    try:
        open_database(target)
    except DatabaseOpenError as exc:
        raise CliError(str(exc)) from exc
    set_current_operator(getattr(args, "operator", None) or _default_operator())


def _default_operator() -> str:
    from rcdesk.services.settings import default_login

    return default_login()


def cmd_info(args) -> int:
    from rcdesk.services.maintenance import database_info

    info = database_info()
    if args.json:
        print(json.dumps(info.as_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Fichier : {info.target}")
    print(f"Moteur : {'SQLite' if info.engine == 'sqlite' else 'PostgreSQL'}")
    print(f"Version du schéma : {info.schema_version}")
    for table, count in info.counts.items():
        print(f"  {table} : {count}")
    return EXIT_OK


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
    print("Aucun problème : intégrité et clés étrangères vérifiées.")
    return EXIT_OK


def cmd_stats(args) -> int:
    from rcdesk.services.stats import collect_stats

    print(json.dumps(collect_stats(parse_period(args)), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_demo(args) -> int:
    from rcdesk.services.demo import DemoOptions, make_demo

    profile = make_demo(DemoOptions(customers=args.customers, seed=args.seed))
    print(f"Entreprise de démonstration créée : {profile.name}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        from rcdesk.ui.app import run_gui

        return run_gui(getattr(args, "db", None), getattr(args, "operator", None))
    from rcdesk.core.errors import ServiceError, ValidationError

    try:
        open_target(args)
        return args.func(args)
    except CliError as exc:
        print(str(exc), file=sys.stderr)
        return exc.status
    except (ServiceError, ValidationError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    except Exception as exc:  # a defect: its own status, the details in the log only
        from rcdesk.logs import log_unexpected

        what = " ".join(filter(None, (args.command, getattr(args, "what", None))))
        path = log_unexpected(exc, f"commande « {what} »")
        print(f"Erreur inattendue ({type(exc).__name__}) : la commande n'a pas abouti. Le "
              f"détail technique est enregistré dans {path}.", file=sys.stderr)
        return EXIT_UNEXPECTED
    finally:
        from rcdesk.db import close_database

        close_database()
