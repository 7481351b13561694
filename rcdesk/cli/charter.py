"""Sub-commands of the charter: the poster, the compliance report, the list with its warnings."""

from __future__ import annotations


def register(groups) -> None:
    """Add `report charter`, `report charter-compliance` and `charter`."""
    from rcdesk.cli.common import add_report_command

    p = add_report_command(groups, "charter", "affiche A4 de la charte d'engagements client",
                           cmd_report_charter)
    p.add_argument("--date", metavar="DATE", help="date imprimée (défaut : aujourd'hui)")

    p = add_report_command(groups, "charter-compliance",
                           "conformité de la charte : cible et mesure par période",
                           cmd_report_compliance)
    p.add_argument("--from", dest="date_from", metavar="DATE",
                   help="début (défaut : il y a 12 mois)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="fin (défaut : aujourd'hui)")

    p = groups.top.add_parser("charter", parents=[groups.common],
                              help="engagements de la charte, dernière valeur et conseils")
    p.set_defaults(func=cmd_charter)



def _date(text: str | None):
    from rcdesk.cli.common import CliError
    from rcdesk.core.formatting import parse_user_date

    if not text:
        return None
    try:
        return parse_user_date(text)
    except ValueError as exc:
        raise CliError(str(exc)) from exc


def cmd_report_charter(args) -> int:
    from rcdesk.cli.common import write_report
    from rcdesk.reports.charter import write_charter_poster

    today = _date(args.date)
    write_report(args, lambda path, overwrite: write_charter_poster(
        path, today=today, overwrite=overwrite), "Affiche de la charte enregistrée")
    return 0


def cmd_report_compliance(args) -> int:
    from rcdesk.cli.common import parse_period, write_report
    from rcdesk.reports.charter_compliance import write_compliance_report

    period = parse_period(args)
    write_report(args, lambda path, overwrite: write_compliance_report(
        path, period=period, overwrite=overwrite), "Rapport de conformité enregistré")
    return 0


def cmd_charter(args) -> int:
    """Exit 1 when the charter draws warnings (advice only: nothing is refused)."""
    from rcdesk.core.indicators import format_target, met_label
    from rcdesk.services.charter.commitments import (
        charter_warnings,
        last_measure,
        list_commitments,
        measure_text,
    )

    commitments = list_commitments()
    check = charter_warnings(commitments=commitments)
    if not commitments:
        print("La charte ne contient aucun engagement.")
    for commitment, warnings in zip(commitments, check.by_commitment):
        measure = last_measure(commitment)
        target = format_target(commitment.target_value, commitment.target_unit,
                               commitment.comparison) or "sans cible"
        last = (f"{measure_text(commitment, measure)} : {met_label(measure.met).lower()}"
                if measure.value is not None else measure.reason)
        print(f"{commitment.position}. {commitment.wording}")
        print(f"   cible {target} · dernière valeur : {last}")
        for warning in warnings:
            print(f"   ⚠ {warning.message}")
    for warning in check.charter:
        print(f"⚠ {warning.message}")
    return 1 if check.count else 0
