"""Sub-commands of pilotage: the dashboard, yearly targets, manual readings, the review, the
journey map and the communication plan reports."""

from __future__ import annotations


def register(groups) -> None:
    """Add `dashboard`, `target set|list`, `reading add` and the pilotage reports."""
    from rcdesk.cli.common import WRITES, add_report_command

    p = groups.top.add_parser("dashboard", parents=[groups.common],
                              help="tableau de bord : indicateurs, période précédente, cible")
    p.add_argument("--from", dest="date_from", metavar="DATE",
                   help="début (défaut : 1er janvier de l'année de fin)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="fin (défaut : aujourd'hui)")
    p.add_argument("--json", action="store_true", help="sortie JSON")
    p.set_defaults(func=cmd_dashboard)

    target = groups.top.add_parser("target", parents=[groups.common],
                                   help="cibles annuelles des indicateurs")
    sub = target.add_subparsers(dest="what", metavar="QUOI", required=True)
    p = sub.add_parser("set", parents=[groups.common], help="fixer la cible d'une année")
    p.add_argument("key", metavar="INDICATEUR")
    p.add_argument("value", metavar="VALEUR")
    p.add_argument("--year", required=True, metavar="ANNÉE")
    p.set_defaults(func=cmd_target_set, access=WRITES)
    p = sub.add_parser("delete", parents=[groups.common], help="retirer la cible d'une année")
    p.add_argument("key", metavar="INDICATEUR")
    p.add_argument("--year", required=True, metavar="ANNÉE")
    p.set_defaults(func=cmd_target_delete, access=WRITES)
    p = sub.add_parser("list", parents=[groups.common], help="cibles enregistrées")
    p.add_argument("--year", metavar="ANNÉE")
    p.add_argument("--json", action="store_true", help="sortie JSON")
    p.set_defaults(func=cmd_target_list)

    reading = groups.top.add_parser("reading", parents=[groups.common],
                                    help="relevés manuels des indicateurs mesurés à la main")
    sub = reading.add_subparsers(dest="what", metavar="QUOI", required=True)
    p = sub.add_parser("add", parents=[groups.common], help="enregistrer un relevé")
    p.add_argument("key", metavar="INDICATEUR")
    p.add_argument("value", metavar="VALEUR")
    p.add_argument("--date", required=True, metavar="DATE")
    p.set_defaults(func=cmd_reading_add, access=WRITES)

    journey = groups.top.add_parser("journey", parents=[groups.common],
                                    help="étapes du parcours client et points de contact")
    journey.set_defaults(func=cmd_journey)
    sub = journey.add_subparsers(dest="what", metavar="QUOI")
    p = sub.add_parser("assign", parents=[groups.common],
                       help="rattacher une réclamation à une étape du parcours")
    p.add_argument("number", metavar="REC-AAAA-NNNN")
    p.add_argument("step", metavar="ÉTAPE", help="nom de l'étape (\"\" : aucune)")
    p.set_defaults(func=cmd_journey_assign, access=WRITES)
    p = sub.add_parser("criterion", parents=[groups.common],
                       help="rattacher un critère d'enquête à une étape du parcours")
    p.add_argument("questionnaire", type=int, metavar="QUESTIONNAIRE")
    p.add_argument("number", type=int, metavar="N", help="numéro de la question (1 = première)")
    p.add_argument("step", metavar="ÉTAPE", help="nom de l'étape (\"\" : aucune)")
    p.set_defaults(func=cmd_journey_criterion, access=WRITES)

    for name, help_text, func in (
            ("review", "revue d'indicateurs (PDF pour la réunion d'équipe)", cmd_report_review),
            ("journey", "carte du parcours client (A4 paysage)", cmd_report_journey)):
        p = add_report_command(groups, name, help_text, func)
        p.add_argument("--from", dest="date_from", metavar="DATE")
        p.add_argument("--to", dest="date_to", metavar="DATE")
    p = add_report_command(groups, "comm-plan", "plan de communication annuel",
                           cmd_report_comm_plan, output="FICHIER.pdf|.xlsx")
    p.add_argument("--year", required=True, metavar="ANNÉE")


def _date(text):
    from rcdesk.cli.common import CliError
    from rcdesk.core.formatting import parse_user_date

    try:
        return parse_user_date(text)
    except ValueError as exc:
        raise CliError(str(exc)) from exc


def _year(text) -> int:
    from rcdesk.cli.common import CliError

    try:
        return int(str(text).strip())
    except ValueError:
        raise CliError(f"Année invalide : « {text} » (attendu : 2026).") from None


def cmd_dashboard(args) -> int:
    from rcdesk.cli.common import parse_period, print_json
    from rcdesk.core.indicators import STATUS_WORDS, format_value
    from rcdesk.services.pilotage.dashboard import dashboard

    rows = dashboard(parse_period(args))
    if args.json:
        print_json([row.as_json() for row in rows])
        return 0
    for row in rows:
        target = format_value(row.target, row.unit) if row.target is not None else "sans cible"
        print(f"{row.label} : {format_value(row.value, row.unit)} "
              f"(précédente {format_value(row.previous, row.unit)}, "
              f"un an avant {format_value(row.year_before, row.unit)}) · cible {target} · "
              f"{STATUS_WORDS[row.status]}")
    return 0


def cmd_target_set(args) -> int:
    from rcdesk.core.indicators import format_value
    from rcdesk.services.pilotage.targets import set_target

    target = set_target(args.key, args.value, _year(args.year))
    print(f"Cible {target.year} de « {target.label} » : {format_value(target.value, target.unit)}")
    return 0


def cmd_target_delete(args) -> int:
    """Exit 1 when the indicator had no target that year (nothing to remove)."""
    from rcdesk.services.pilotage.targets import delete_target

    if delete_target(args.key, _year(args.year)):
        print(f"Cible {args.year} retirée.")
        return 0
    print(f"Aucune cible {args.year} pour cet indicateur.")
    return 1


def cmd_target_list(args) -> int:
    from rcdesk.cli.common import print_json
    from rcdesk.core.indicators import format_value
    from rcdesk.services.pilotage.targets import list_targets

    targets = list_targets(_year(args.year) if args.year else None)
    if args.json:
        print_json([{"key": t.public_key, "label": t.label, "year": t.year, "value": t.value,
                     "unit": t.unit, "direction": t.direction} for t in targets])
        return 0
    if not targets:
        print("Aucune cible enregistrée.")
    for t in targets:
        print(f"{t.year} · {t.public_key} · {t.label} : {format_value(t.value, t.unit)}")
    return 0


def cmd_reading_add(args) -> int:
    from rcdesk.core.formatting import format_date
    from rcdesk.services.pilotage.targets import add_reading

    reading = add_reading(args.key, args.value, _date(args.date))
    print(f"Relevé du {format_date(reading.period_end)} enregistré : {reading.value:g}")
    return 0


def cmd_report_review(args) -> int:
    from rcdesk.cli.common import parse_period, write_report
    from rcdesk.reports.pilotage_review import write_review_report

    period = parse_period(args)
    write_report(args, lambda path, overwrite: write_review_report(
        path, period=period, overwrite=overwrite), "Revue d'indicateurs enregistrée")
    return 0


def cmd_report_journey(args) -> int:
    from rcdesk.cli.common import parse_period, write_report
    from rcdesk.reports.pilotage_journey import write_journey_report

    period = parse_period(args)
    write_report(args, lambda path, overwrite: write_journey_report(
        path, period=period, overwrite=overwrite), "Carte du parcours client enregistrée")
    return 0


def cmd_report_comm_plan(args) -> int:
    from rcdesk.cli.common import write_report
    from rcdesk.reports.pilotage_comm_plan import write_comm_plan

    year = _year(args.year)
    write_report(args, lambda path, overwrite: write_comm_plan(
        path, year=year, overwrite=overwrite), "Plan de communication enregistré")
    return 0


def cmd_journey(args) -> int:
    from rcdesk.services.pilotage.journey import list_steps

    for step in list_steps():
        print(f"{step.position + 1}. {step.name}{' ★' if step.moment_of_truth else ''}")
        for c in step.contacts:
            kind = "humain" if c.human else "non humain"
            channels = " / ".join(x for x in (c.channel_particulier, c.channel_professionnel) if x)
            print(f"   - {c.name} ({kind}){' ★' if c.moment_of_truth else ''}"
                  + (f" : {channels}" if channels else ""))
    return 0


def cmd_journey_assign(args) -> int:
    from rcdesk.services.complaints import find_by_number
    from rcdesk.services.pilotage.journey import assign_complaint_step

    assign_complaint_step(find_by_number(args.number), args.step)
    print(f"{args.number.upper()} : étape « {args.step or 'aucune'} »")
    return 0


def cmd_journey_criterion(args) -> int:
    from rcdesk.services.pilotage.journey import assign_criterion_step

    label = assign_criterion_step(args.questionnaire, args.number, args.step)
    print(f"« {label} » : étape « {args.step or 'aucune'} »")
    return 0
