"""Sub-commands of the customer file: import customers/purchases, export, customer data."""

from __future__ import annotations

DUPLICATE_CHOICES = ("rejeter", "ignorer", "créer")


def register(groups) -> None:
    """Add this area's commands to groups.top / import_ / export / report."""
    from rcdesk.cli.common import add_import_command, add_report_command

    p = add_import_command(groups, "customers", "importer des clients (CSV ou XLSX)",
                           cmd_import_customers)
    p.add_argument("--update", action="store_true",
                   help="mettre à jour les clients existants (même identifiant externe, sinon "
                        "même e-mail)")
    p.add_argument("--map", action="append", default=[], metavar="EN-TÊTE=CHAMP",
                   help="associer une colonne à un champ (clé ou libellé : « Portable=phone2 », "
                        "« Société=Raison sociale ») ; « En-tête= » l'ignore ; répétable")
    p.add_argument("--value", action="append", default=[], metavar="COLONNE:VALEUR=NÔTRE",
                   help="lire une valeur du fichier comme une des nôtres (« Pays:Etats Unis=US », "
                        "« Statut:Gagné=client ») ; retenu pour les imports suivants ; répétable")
    p.add_argument("--keep-invalid", action="store_true",
                   help="importer quand même une ligne dont une valeur n'est pas reconnue : la "
                        "valeur est gardée dans les notes, la ligne listée dans le fichier "
                        "d'avertissements")
    p.add_argument("--duplicates", choices=DUPLICATE_CHOICES, default="rejeter",
                   help="un doublon probable (même téléphone, même e-mail, nom proche dans le "
                        "même code postal) : rejeter (défaut, listé avec le n° du client "
                        "existant), ignorer, ou créer quand même")
    add_import_command(groups, "purchases", "importer des achats (caisse, comptabilité)",
                       cmd_import_purchases)

    p = groups.export.add_parser("customers", parents=[groups.common],
                                 help="exporter les clients (CSV UTF-8 « ; » ou XLSX)")
    p.add_argument("file", metavar="FICHIER")
    p.add_argument("--search", default="", metavar="TEXTE", help="recherche (nom, ville, tél.)")
    p.add_argument("--status", choices=["prospect", "client", "ancien client"])
    p.add_argument("--kind", choices=["particulier", "professionnel"])
    p.add_argument("--segment", metavar="SEGMENT")
    p.add_argument("--place", metavar="VILLE_OU_RÉGION")
    p.set_defaults(func=cmd_export_customers)

    from rcdesk.services.customers.figures import SEGMENTS

    p = groups.export.add_parser(
        "mailing", parents=[groups.common],
        help="liste d'envoi d'un profil d'achat (segment RFM) : ses clients qui ont accepté les "
             "messages et ont un e-mail (CSV « ; »)")
    p.add_argument("profile", metavar="PROFIL", choices=SEGMENTS,
                   help=" / ".join(SEGMENTS))
    p.add_argument("file", metavar="FICHIER")
    p.set_defaults(func=cmd_export_mailing)

    from rcdesk.cli.common import WRITES

    p = groups.top.add_parser(
        "rebuild-summaries", parents=[groups.common],
        help="refaire de zéro les résumés des achats (par jour, par client, par période) depuis "
             "les achats, quand « rcdesk check » les signale différents")
    p.set_defaults(func=cmd_rebuild_summaries, access=WRITES)

    p = add_report_command(groups, "customer-data",
                           "données d'un client (droit d'accès RGPD) en PDF ou JSON",
                           cmd_customer_data, output="FICHIER", output_help="fichier .pdf ou .json")
    p.add_argument("customer_id", type=int, metavar="N")


def cmd_rebuild_summaries(args) -> int:
    from rcdesk.cli.common import EXIT_FOUND, EXIT_OK
    from rcdesk.services.customers import rebuild_summaries, summary_problems

    rebuild_summaries()
    problems = summary_problems()
    for line in problems:
        print(line)
    if not problems:
        print("Résumés des achats refaits depuis les achats.")
    return EXIT_OK if not problems else EXIT_FOUND


def cmd_import_customers(args) -> int:
    from rcdesk.cli.common import file_format, print_import_result
    from rcdesk.services.customers.columns import parse_map_option
    from rcdesk.services.customers.imports import (
        MAPPING_FIELDS,
        import_customers,
        read_preview,
        remembered_mapping,
    )
    from rcdesk.services.customers.vocabulary import parse_values_option

    fmt = file_format(args)
    mapping = values = None
    if args.map or args.value:
        headers, _ = read_preview(args.file, fmt, 1)
        mapping = parse_map_option(args.map, headers, remembered_mapping(headers), MAPPING_FIELDS)
        values = parse_values_option(args.value, headers, mapping, MAPPING_FIELDS)
    from rcdesk.services.customers.duplicates import CREATE, SKIP

    policy = {"rejeter": None, "ignorer": SKIP, "créer": CREATE}[args.duplicates]
    result = import_customers(args.file, mapping, fmt, update=args.update, dry_run=args.dry_run,
                              values=values, keep_invalid=args.keep_invalid, duplicates=policy)
    status = print_import_result(result)
    if result.skipped:
        print(f"{result.skipped} doublon(s) probable(s) ignoré(s) (--duplicates ignorer).")
    return status


def cmd_import_purchases(args) -> int:
    from rcdesk.cli.common import file_format, print_import_result
    from rcdesk.services.customers.purchases_import import import_purchases

    return print_import_result(import_purchases(args.file, None, file_format(args),
                                                dry_run=args.dry_run))


def cmd_export_customers(args) -> int:
    from rcdesk.services.customers import CustomerQuery
    from rcdesk.services.customers.export import export_customers

    query = CustomerQuery(text=args.search, status=args.status, kind=args.kind,
                          segment=args.segment, place=args.place)
    count = export_customers(query, args.file)
    print(f"{count} client(s) exporté(s) : {args.file}")
    return 0


def cmd_export_mailing(args) -> int:
    from rcdesk.services.customers import export_mailing_list

    count = export_mailing_list(args.profile, args.file)
    print(f"{count} client(s) « {args.profile} » avec consentement et e-mail exporté(s) : "
          f"{args.file}")
    return 0


def cmd_customer_data(args) -> int:
    from rcdesk.cli.common import write_report

    if args.output.lower().endswith(".json"):
        from rcdesk.services.gdpr import write_customer_data_json as write
    else:
        from rcdesk.reports.customer_data import write_customer_data_pdf as write
    write_report(args, lambda path, overwrite: write(args.customer_id, path, overwrite=overwrite),
                 f"Données du client n° {args.customer_id}")
    return 0
