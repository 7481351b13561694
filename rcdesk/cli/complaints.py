"""Complaints sub-commands: import complaints, report complaints / ack / answer / paq."""

from __future__ import annotations


def register(groups) -> None:
    """Add this area's commands to groups.top / import_ / export / report."""
    from rcdesk.cli import add_import_command

    add_import_command(groups, "complaints", "importer un registre de réclamations (CSV ou XLSX)",
                       cmd_import_complaints)

    p = groups.report.add_parser("complaints", parents=[groups.common],
                                 help="registre des réclamations d'une période (PDF)")
    p.add_argument("--from", dest="date_from", metavar="DATE")
    p.add_argument("--to", dest="date_to", metavar="DATE")
    p.add_argument("--transactions", type=int, metavar="N",
                   help="nombre de transactions (défaut : achats enregistrés sur la période)")
    p.add_argument("--revenue", metavar="MONTANT",
                   help="chiffre d'affaires (défaut : achats enregistrés sur la période)")
    p.add_argument("-o", "--output", required=True, metavar="FICHIER.pdf")
    p.set_defaults(func=cmd_report_complaints)

    for name, help_text in (("ack", "accusé de réception d'une réclamation (PDF)"),
                            ("answer", "lettre de réponse à une réclamation (PDF)")):
        p = groups.report.add_parser(name, parents=[groups.common], help=help_text)
        p.add_argument("number", metavar="NUMÉRO", help="REC-AAAA-NNNN")
        p.add_argument("-o", "--output", required=True, metavar="FICHIER.pdf")
        p.set_defaults(func=cmd_report_letter, letter=name)

    p = groups.report.add_parser("paq", parents=[groups.common],
                                 help="plan d'actions qualité (PDF)")
    p.add_argument("--overdue", action="store_true", help="seulement les actions en retard")
    p.add_argument("-o", "--output", required=True, metavar="FICHIER.pdf")
    p.set_defaults(func=cmd_report_paq)


def _output(args):
    from pathlib import Path

    from rcdesk.cli import CliError

    path = Path(args.output)
    if not path.parent.is_dir():
        raise CliError(f"Le dossier « {path.parent} » n'existe pas.")
    if path.is_dir():
        raise CliError(f"« {path} » est un dossier : donnez un nom de fichier .pdf.")
    return path


def _write_atomically(path, writer) -> None:
    """Write beside the target then rename: a failed report never leaves half a PDF."""
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        writer(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    print(f"Rapport enregistré : {path}")


def cmd_import_complaints(args) -> int:
    from rcdesk.cli import file_format, print_import_result
    from rcdesk.services.complaints.imports import import_complaints

    return print_import_result(import_complaints(args.file, None, file_format(args),
                                                 dry_run=args.dry_run))


def cmd_report_complaints(args) -> int:
    from rcdesk.cli import CliError, parse_period
    from rcdesk.reports.complaint_register import write_register_report

    period = parse_period(args)
    revenue = None
    if args.revenue is not None:
        from rcdesk.services.tabular import parse_amount_cents

        try:
            revenue = parse_amount_cents(args.revenue)
        except ValueError as exc:
            raise CliError(f"--revenue : {exc}") from exc
    if (args.transactions is not None and args.transactions < 0) or (revenue or 0) < 0:
        raise CliError("Les transactions et le chiffre d'affaires ne peuvent pas être négatifs.")
    path = _output(args)
    _write_atomically(path, lambda tmp: write_register_report(
        period, tmp, transactions=args.transactions, revenue_cents=revenue))
    return 0


def cmd_report_letter(args) -> int:
    from rcdesk.reports.complaint_letters import write_acknowledgement, write_answer_letter
    from rcdesk.services.complaints import find_by_number

    complaint_id = find_by_number(args.number)
    writer = write_acknowledgement if args.letter == "ack" else write_answer_letter
    path = _output(args)
    _write_atomically(path, lambda tmp: writer(complaint_id, tmp))
    return 0


def cmd_report_paq(args) -> int:
    from rcdesk.reports.action_plan import write_action_plan

    path = _output(args)
    _write_atomically(path, lambda tmp: write_action_plan(tmp, only_overdue=args.overdue))
    return 0
