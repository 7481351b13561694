"""Command line: no sub-command opens the window; sub-commands work headless.

Exit status: 0 done, 1 done but something was found (check problems, rejected rows),
2 refused (bad input, unusable database), 3 unexpected error (logged in rcdesk.log).

How a command uses the database is set where it is registered, p.set_defaults(access=...):
READS (the default: only reads; a missing file is refused, nothing is written), INSPECTS
(reads the file as it is, even incomplete or older: no migration) or WRITES (records data: a
missing file is created and announced on stderr, a read-only one refused)."""

from __future__ import annotations

import argparse
import os
import sys

from rcdesk import __version__
from rcdesk.cli import (
    assessment,
    charter,
    company,
    complaints,
    customers,
    files,
    loyalty,
    pilotage,
    surveys,
)
from rcdesk.cli.common import (
    EXIT_FOUND,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_UNEXPECTED,
    INSPECTS,
    READS,
    WRITES,
    CliError,
    CommandGroups,
    FrenchArgumentParser,
    _group,
    parse_period,
    print_json,
)

# Areas that add their own sub-commands, in this order: each has register(groups).
AREA_COMMANDS = (customers, complaints, assessment, charter, company, surveys, loyalty, pilotage,
                 files)









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
    for area in AREA_COMMANDS:
        area.register(groups)
    return parser
















def open_target(args) -> None:
    """Open the database the arguments name as the command's access says; CliError (status 2)
    when it cannot be used. Only a command that writes records its operator in the file."""
    from rcdesk.db import READ, WRITE, DatabaseOpenError, display_name, open_database
    from rcdesk.paths import default_database
    from rcdesk.services.settings import set_current_operator, use_operator

    access = getattr(args, "access", READS)
    if access == files.OPENS_ITSELF:
        return
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
