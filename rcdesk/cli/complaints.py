"""Complaints sub-commands: import complaints, report complaints / ack / answer / paq."""

from __future__ import annotations


def register(groups) -> None:
    """Add this area's commands to groups.top / import_ / export / report."""
    from rcdesk.cli.common import add_import_command, add_report_command

    add_import_command(groups, "complaints", "importer un registre de réclamations (CSV ou XLSX)",
                       cmd_import_complaints)

    p = add_report_command(groups, "complaints", "registre des réclamations d'une période (PDF)",
                           cmd_report_complaints)
    p.add_argument("--from", dest="date_from", metavar="DATE")
    p.add_argument("--to", dest="date_to", metavar="DATE")
    p.add_argument("--transactions", type=int, metavar="N",
                   help="nombre de transactions (défaut : achats enregistrés sur la période)")
    p.add_argument("--revenue", metavar="MONTANT",
                   help="chiffre d'affaires (défaut : achats enregistrés sur la période)")

    for name, help_text in (("ack", "accusé de réception d'une réclamation (PDF)"),
                            ("answer", "lettre de réponse à une réclamation (PDF)")):
        p = add_report_command(groups, name, help_text, cmd_report_letter)
        p.add_argument("number", metavar="NUMÉRO", help="REC-AAAA-NNNN")
        p.set_defaults(letter=name, duplicate=False)
        if name == "ack":
            p.add_argument("--duplicata", dest="duplicate", action="store_true",
                           help="duplicata daté d'aujourd'hui (défaut : daté du jour de "
                                "réception)")

    p = add_report_command(groups, "paq", "plan d'actions qualité (PDF)", cmd_report_paq)
    p.add_argument("--overdue", action="store_true", help="seulement les actions en retard")


def cmd_import_complaints(args) -> int:
    from rcdesk.cli.common import file_format, print_import_result
    from rcdesk.services.complaints.imports import import_complaints

    return print_import_result(import_complaints(args.file, None, file_format(args),
                                                 dry_run=args.dry_run))


def cmd_report_complaints(args) -> int:
    from rcdesk.cli.common import CliError, parse_period, write_report
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
    write_report(args, lambda path, overwrite: write_register_report(
        period, path, transactions=args.transactions, revenue_cents=revenue,
        overwrite=overwrite), "Rapport enregistré")
    return 0


def check_letters_ready_cli() -> None:
    """A letter needs the company's name: from the command line, say the command that sets it
    (the window's menu means nothing here)."""
    from rcdesk.core.errors import ServiceError
    from rcdesk.services.settings import needs_first_run

    if needs_first_run():
        raise ServiceError(
            "Un courrier porte le nom de l'entreprise, qui n'est pas encore renseigné : "
            "indiquez-le (et l'adresse, le téléphone, l'e-mail) avec rcdesk company set "
            "--name \"Votre entreprise\" --city … --phone … --email …, puis relancez le "
            "courrier.")


def cmd_report_letter(args) -> int:
    from rcdesk.cli.common import write_report
    from rcdesk.reports.complaint_letters import write_acknowledgement, write_answer_letter
    from rcdesk.services.complaints import find_by_number

    complaint_id = find_by_number(args.number)
    check_letters_ready_cli()
    if args.letter == "ack":
        def writer(path, overwrite):
            return write_acknowledgement(complaint_id, path, overwrite=overwrite,
                                         duplicate=args.duplicate)
    else:
        def writer(path, overwrite):
            return write_answer_letter(complaint_id, path, overwrite=overwrite)
    write_report(args, writer, "Rapport enregistré")
    return 0


def cmd_report_paq(args) -> int:
    from rcdesk.cli.common import write_report
    from rcdesk.reports.action_plan import write_action_plan

    write_report(args, lambda path, overwrite: write_action_plan(
        path, only_overdue=args.overdue, overwrite=overwrite), "Rapport enregistré")
    return 0
