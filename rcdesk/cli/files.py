"""Commands on a whole base: transfer (to PostgreSQL or a file), backup, restore."""

from __future__ import annotations

import sys

from rcdesk.cli.common import EXIT_OK, INSPECTS, READS

# A command that opens the database itself (restore: the file is replaced, never opened first).
OPENS_ITSELF = "none"


def register(groups) -> None:
    top, common = groups.top, groups.common
    p = top.add_parser("transfer", parents=[common],
                       help="copier toute la base vers PostgreSQL ou vers un fichier")
    p.add_argument("--to", required=True, metavar="CIBLE",
                   help="adresse postgresql://utilisateur:motdepasse@serveur/base ou fichier .db")
    p.add_argument("--replace", "--force", dest="replace", action="store_true",
                   help="remplacer les données d'une base cible qui n'est pas vide")
    p.add_argument("--quiet", action="store_true", help="sans la progression")
    p.set_defaults(func=cmd_transfer, access=READS)

    p = top.add_parser("backup", parents=[common],
                       help="sauvegarde datée de la base (copie SQLite, aussi pour PostgreSQL)")
    p.add_argument("--to", "-o", "--output", dest="to", metavar="DOSSIER_OU_FICHIER",
                   help="dossier (nom daté) ou fichier ; défaut : le dossier des sauvegardes, "
                        "avec la rotation 7 jours / 4 semaines")
    p.add_argument("--force", action="store_true", help="remplacer le fichier s'il existe")
    p.set_defaults(func=cmd_backup, access=INSPECTS)

    p = top.add_parser("restore", parents=[common],
                       help="remettre une sauvegarde à la place de la base (l'actuelle est "
                            "gardée à côté)")
    p.add_argument("file", metavar="SAUVEGARDE")
    p.set_defaults(func=cmd_restore, access=OPENS_ITSELF)

    p = top.add_parser("backups", parents=[common], help="lister les sauvegardes du dossier")
    p.set_defaults(func=cmd_backups, access=INSPECTS)


def _progress(quiet: bool):
    if quiet:
        return None
    shown: dict[str, int] = {}

    def show(table: str, done: int, total: int) -> None:
        step = max(total // 10, 50000)
        if done and (done == total or done - shown.get(table, 0) >= step):
            shown[table] = done
            print(f"  {table} : {done}/{total}", file=sys.stderr, flush=True)
    return show


def cmd_transfer(args) -> int:
    from rcdesk.db import display_name
    from rcdesk.services.transfer import transfer_database

    print(f"Transfert vers {display_name(args.to)}…", file=sys.stderr)
    result = transfer_database(args.to, replace=args.replace, progress=_progress(args.quiet))
    what = "remplacée" if result.replaced else "remplie"
    print(f"Base {what} : {result.target} — {result.rows} lignes copiées en "
          f"{result.seconds:.1f} s.")
    print("Contrôlez-la : rcdesk check --db CIBLE, puis rcdesk stats --json des deux côtés.")
    return EXIT_OK


def cmd_backup(args) -> int:
    from rcdesk.services.backups import backup_now

    dest = backup_now(args.to, overwrite=args.force)
    print(f"Copie enregistrée : {dest}")
    return EXIT_OK


def cmd_backups(args) -> int:
    from rcdesk.services.backups import backup_folder, list_backups

    folder = backup_folder()
    copies = list_backups(folder)
    print(f"Dossier des sauvegardes : {folder}")
    for info in copies:
        print(f"  {info.day.strftime('%d/%m/%Y')}  {info.path.name}  {info.summary()}")
    if not copies:
        print("  (aucune sauvegarde)")
    return EXIT_OK


def cmd_restore(args) -> int:
    """The base (--db, else the default) replaced by the copy; a PostgreSQL base is refilled
    from it by the transfer, after a portable copy of its present state."""
    from datetime import datetime

    from rcdesk.db import READ, close_database, is_url, open_database
    from rcdesk.paths import default_database
    from rcdesk.services.backups import backup_folder, backup_now, base_name, restore_file

    target = getattr(args, "db", None) or default_database()
    if not is_url(target):
        aside = restore_file(args.file, target)
        if aside:
            print(f"Base d'avant gardée : {aside}")
        print(f"Sauvegarde restaurée dans {target}.")
        return EXIT_OK
    from rcdesk.services.transfer import transfer_database

    open_database(target, access=READ, create=False)
    # set aside under a name of its own (never today's rotated copy: it may be the very file
    # being restored, and a second restore the same day must not replace the first one's)
    folder = backup_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
    kept = backup_now(folder / f"{base_name()}-avant-restauration-{stamp}.db")
    close_database()
    print(f"Base d'avant gardée : {kept}")
    open_database(args.file, access=READ, create=False)
    result = transfer_database(target, replace=True, progress=_progress(False))
    print(f"Sauvegarde restaurée dans {result.target} ({result.rows} lignes).")
    return EXIT_OK
